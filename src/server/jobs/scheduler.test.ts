import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../core/dates.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../db/client.js';
import { dueItems, mailOutbox, notifications, remindersSent, users } from '../db/schema/index.js';
import { buildApp } from '../http/app.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../tests/helpers/test-app.js';
import { testEngine } from '../../../tests/helpers/test-db.js';
import { openDueItem, type DueKind } from '../modules/inbox/inbox.service.js';
import { buildMovement } from '../modules/launches/obligations.fixtures.js';
import { createScheduler, schedulerEnabled, type SchedulerOptions } from './scheduler.js';
import { dueSteps, runReminderPass } from './reminders.js';

let t: TestApp;
let district: TestUnit, commune: TestUnit, agency: TestUnit;
let admin: Session;
let headId: string, reporterId: string, standingId: string;
const today = todayInVietnam();
const settings = { reminderDays: [7, 3, 1], escalationDays: [1, 3] };
const config = (overrides: Partial<SchedulerOptions['config']> = {}): SchedulerOptions['config'] => ({
  SCHEDULER_INTERVAL_SECONDS: 60,
  REMINDER_DAYS: [7, 3, 1],
  ESCALATION_DAYS: [3, 1],
  SMTP_URL: undefined,
  MAIL_FROM: 'Thi Đua Số <no-reply@thiduaso.local>',
  ...overrides,
});
const items: Record<string, string> = {};

async function item(key: string, dueDate: string, kind: DueKind = 'launch', unitId = district.id) {
  items[key] = await t.db.transaction((tx) =>
    openDueItem(tx, { tenantId: t.tenantId, unitId, kind, subjectType: 'test', subjectId: key, title: `Việc ${key}`, dueDate, link: `/viec/${key}` }),
  );
}

async function sentSteps(): Promise<string[]> {
  const rows = await t.db.select().from(remindersSent);
  const byId = new Map(Object.entries(items).map(([k, v]) => [v, k]));
  return rows.map((r) => `${byId.get(r.dueItemId)}:${r.kind}`).sort();
}

/** No user got the same step of the same item twice. */
async function duplicateNotifications(): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from (select user_id, due_item_id, kind from notifications where due_item_id is not null group by 1, 2, 3 having count(*) > 1) x`,
  );
  return rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province' });
  district = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  commune = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', parentId: district.id });
  agency = await t.buildUnit({ name: 'Sở Thông tin và Truyền thông', kindCode: 'department', parentId: province.id });
  const head = await t.buildUser({ role: 'unit_admin', unitId: district.id });
  const reporter = await t.buildUser({ role: 'unit_reporter', unitId: district.id });
  const standing = await t.buildUser({ role: 'standing_agency', unitId: null });
  [headId, reporterId, standingId] = [head.id, reporter.id, standing.id];
  await t.db.update(users).set({ email: 'lanhdao.namsach@example.vn' }).where(eq(users.id, head.id));
  await t.db.update(users).set({ email: 'baocao.namsach@example.vn' }).where(eq(users.id, reporter.id));
  await t.db.update(users).set({ email: 'thuongtruc@example.vn' }).where(eq(users.id, standing.id));
  admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
  await item('in5', addDays(today, 5));
  await item('in2', addDays(today, 2));
  await item('today', today);
  await item('in10', addDays(today, 10));
  await item('late1', addDays(today, -1));
  await item('late4', addDays(today, -4));
  await item('late60', addDays(today, -60));
  await item('closed', addDays(today, 1));
  await t.db.update(dueItems).set({ status: 'closed' }).where(eq(dueItems.id, items.closed!));
}, 120_000);
afterAll(async () => t?.close());

describe('reminder steps', () => {
  it('reminds at the configured offsets and escalates on day +1 and +3, not for stale items', () => {
    const d = '2026-06-10';
    expect(dueSteps(addDays(d, 10), d, settings)).toEqual([]);
    expect(dueSteps(addDays(d, 7), d, settings)).toEqual(['before_7']);
    expect(dueSteps(addDays(d, 5), d, settings)).toEqual(['before_7']);
    expect(dueSteps(addDays(d, 3), d, settings)).toEqual(['before_3']);
    expect(dueSteps(addDays(d, 1), d, settings)).toEqual(['before_1']);
    expect(dueSteps(d, d, settings)).toEqual(['before_1']);
    expect(dueSteps(addDays(d, -1), d, settings)).toEqual(['escalation_unit_head']);
    expect(dueSteps(addDays(d, -3), d, settings)).toEqual(['escalation_unit_head', 'escalation_standing_agency']);
    expect(dueSteps(addDays(d, -31), d, settings)).toEqual([]);
    expect(dueSteps(addDays(d, 2), d, { reminderDays: [5], escalationDays: [2, 4] })).toEqual(['before_5']);
  });

  it('is off under the test runner unless started explicitly', () => {
    expect(schedulerEnabled({ SCHEDULER_ENABLED: 'auto' }, { VITEST: 'true' })).toBe(false);
    expect(schedulerEnabled({ SCHEDULER_ENABLED: 'auto' }, {})).toBe(true);
    expect(schedulerEnabled({ SCHEDULER_ENABLED: 'false' }, {})).toBe(false);
    expect(schedulerEnabled({ SCHEDULER_ENABLED: 'true' }, { VITEST: 'true' })).toBe(true);
  });
});

describe('scheduler', () => {
  const expected = ['in2:before_3', 'in5:before_7', 'late1:escalation_unit_head', 'late4:escalation_standing_agency', 'late4:escalation_unit_head', 'today:before_1'];

  it('sends each due reminder exactly once over repeated and concurrent runs (outbox rows when SMTP is unset)', async () => {
    const a = createScheduler({ database: t.handle, config: config(), transport: null });
    const b = createScheduler({ database: t.handle, config: config(), transport: null });
    const [first, second] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(first.reminders.sent + second.reminders.sent).toBe(6);
    await a.runOnce();
    await Promise.all([a.runOnce(), b.runOnce(), a.runOnce()]);
    expect(await sentSteps()).toEqual(expected);
    expect(await duplicateNotifications()).toBe(0);
    // Before the due date: the unit's people (head and reporter); day +1: the head; day +3: the standing agency.
    const notes = await t.db.select().from(notifications);
    const to = (key: string, kind: string) =>
      notes
        .filter((n) => n.dueItemId === items[key] && n.kind === kind)
        .map((n) => n.userId)
        .sort();
    expect(to('in5', 'reminder.before_7')).toEqual([headId, reporterId].sort());
    expect(to('late1', 'reminder.escalation_unit_head')).toEqual([headId]);
    expect(to('late4', 'reminder.escalation_standing_agency')).toEqual([standingId]);
    const reminder = notes.find((n) => n.dueItemId === items.in2)!;
    expect(reminder.title).toMatch(/^Nhắc việc: Việc in2 — hạn \d\d\/\d\d\/\d{4} \(còn 2 ngày\)$/);
    // Mails are always written to the outbox; without SMTP they stay pending.
    const mails = await t.db.select().from(mailOutbox);
    expect(mails).toHaveLength(notes.length);
    expect(mails.every((m) => m.status === 'pending')).toBe(true);
    expect(mails.find((m) => m.toAddress === 'thuongtruc@example.vn')!.subject).toMatch(/^\[Thi Đua Số\] Đơn vị quá hạn: Huyện Nam Sách — Việc late4$/);
  });

  it('shows the outbox to tenant-wide administrators only', async () => {
    const list = await admin.request('GET', '/api/admin/mail-outbox?status=pending');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toMatchObject({ smtpConfigured: false, counts: { pending: 9, sent: 0, failed: 0 } });
    expect(list.json().items[0]).toMatchObject({ status: 'pending', attempts: 0 });
    const head = await t.signIn({ id: headId, username: (await t.db.select().from(users).where(eq(users.id, headId)))[0]!.username, password: 'MatKhau-Thu-2024' });
    expect((await head.request('GET', '/api/admin/mail-outbox')).statusCode).toBe(403);
    const districtAdmin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: district.id }));
    expect((await districtAdmin.request('GET', '/api/admin/mail-outbox')).statusCode).toBe(403);
  });

  it('after a restart neither resends nor drops: a new scheduler catches up with steps that fell due meanwhile', async () => {
    const restarted = createScheduler({ database: t.handle, config: config(), transport: null });
    expect((await restarted.runOnce()).reminders.sent).toBe(0);
    // Two days later (the app was down in between): in5 is now 3 days away, in2 is due, today's item is 2 days late,
    // late1 is 3 days late (the standing agency is told now).
    const later = createScheduler({ database: t.handle, config: config(), transport: null, now: () => new Date(Date.now() + 2 * 86_400_000) });
    const summary = await later.runOnce();
    expect(summary.reminders.sent).toBe(4);
    expect(await sentSteps()).toEqual([...expected, 'in2:before_1', 'in5:before_3', 'late1:escalation_standing_agency', 'today:escalation_unit_head'].sort());
    expect((await later.runOnce()).reminders.sent).toBe(0);
    expect(await duplicateNotifications()).toBe(0);
  });

  it('keeps each step to one sending by the unique key alone (lock bypassed, concurrent passes)', async () => {
    await item('extra', addDays(today, 1));
    const results = await Promise.all([1, 2, 3].map(() => runReminderPass(t.db, settings, new Date(), { withoutLock: true })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect((await sentSteps()).filter((s) => s.startsWith('extra'))).toEqual(['extra:before_1']);
    expect(await duplicateNotifications()).toBe(0);
  });

  it('creates milestone due items for active movements, idempotently', async () => {
    const { movementId, milestoneIds } = await buildMovement(t.db, t.tenantId, {
      milestones: [{ code: 'phat_dong', obligation: 'launch', appliesTo: ['district', 'department'], deadline: addDays(today, 30) }],
    });
    const s = createScheduler({ database: t.handle, config: config(), transport: null });
    expect((await s.runOnce()).syncedItems).toBe(2);
    expect((await s.runOnce()).syncedItems).toBe(0);
    const rows = await t.db.select().from(dueItems).where(eq(dueItems.movementId, movementId));
    expect(rows.map((r) => [r.unitId, r.kind, r.subjectId, r.dueDate]).sort()).toEqual(
      [
        [district.id, 'launch', milestoneIds.phat_dong, addDays(today, 30)],
        [agency.id, 'launch', milestoneIds.phat_dong, addDays(today, 30)],
      ].sort(),
    );
    expect(rows.some((r) => r.unitId === commune.id)).toBe(false);
  });
});

/** A tiny SMTP server (enough of RFC 5321 for nodemailer without TLS or auth) that records what it receives. */
async function startSmtpServer(options: { failRcpt?: boolean } = {}) {
  const messages: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    socket.setEncoding('utf8');
    socket.write('220 localhost ESMTP thu-nghiem\r\n');
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 2.0.0 OK queued\r\n');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 2.1.0 OK\r\n');
        } else if (verb === 'RCPT') {
          if (options.failRcpt) socket.write('550 5.1.1 No such user\r\n');
          else {
            current.to.push(line);
            socket.write('250 2.1.5 OK\r\n');
          }
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 2.0.0 Bye\r\n');
        } else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
        else socket.write('502 5.5.2 Not implemented\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mail delivery', () => {
  it('delivers the outbox through SMTP (nodemailer) when SMTP_URL is set, marking rows sent', async () => {
    const smtp = await startSmtpServer();
    try {
      const pending = (await t.db.select().from(mailOutbox).where(eq(mailOutbox.status, 'pending'))).length;
      const s = createScheduler({ database: t.handle, config: config({ SMTP_URL: smtp.url }) });
      let delivered = 0;
      for (let i = 0; i < 5 && delivered < pending; i += 1) delivered += (await s.runOnce()).mail!.sent;
      expect(delivered).toBe(pending);
      expect(smtp.messages).toHaveLength(pending);
      const rows = await t.db.select().from(mailOutbox);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt !== null)).toBe(true);
      const toAgency = smtp.messages.find((m) => m.to.some((r) => r.includes('thuongtruc@example.vn')))!;
      expect(toAgency.from).toContain('no-reply@thiduaso.local');
      expect(toAgency.data).toMatch(/^Subject: /m);
      expect(toAgency.data).toContain('Content-Type: text/plain; charset=utf-8');
      // Nothing is sent twice.
      expect((await s.runOnce()).mail!.sent).toBe(0);
      expect(smtp.messages).toHaveLength(pending);
    } finally {
      await smtp.close();
    }
  });

  it('retries a refused mail with back-off and gives up after five attempts', async () => {
    const smtp = await startSmtpServer({ failRcpt: true });
    try {
      // Due at the scheduler's clock exactly: the column's default now() has microseconds, so a row written in the same
      // millisecond as Date.now() would be a fraction of a millisecond in the scheduler's future.
      let clock = Date.now();
      await t.db.insert(mailOutbox).values({
        id: crypto.randomUUID(),
        tenantId: t.tenantId,
        toAddress: 'khong.ton.tai@example.vn',
        subject: '[Thi Đua Số] Thử',
        bodyText: 'Thử',
        nextAttemptAt: new Date(clock),
      });
      const s = createScheduler({ database: t.handle, config: config({ SMTP_URL: smtp.url }), now: () => new Date(clock) });
      const first = await s.runOnce();
      expect(first.mail).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect((await s.runOnce()).mail).toEqual({ sent: 0, retrying: 0, failed: 0 });
      for (let i = 0; i < 4; i += 1) {
        clock += 3 * 3600_000;
        await s.runOnce();
      }
      const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'khong.ton.tai@example.vn'));
      expect(row).toMatchObject({ status: 'failed', attempts: 5 });
      expect(row!.lastError).toMatch(/550/);
    } finally {
      await smtp.close();
    }
  });
});

describe.runIf(testEngine() === 'postgres')('two app instances on one PostgreSQL', () => {
  let second: DatabaseHandle;

  beforeAll(async () => {
    second = await openDatabase({ engine: 'postgres', url: t.handle.url!, poolMax: 5 });
  });
  afterAll(async () => second?.close());

  it('send each due reminder exactly once when their schedulers run at the same time', async () => {
    const { app } = await buildApp({ config: t.config, database: second, logger: false });
    await app.ready();
    try {
      // The second instance serves the same data.
      const me = await app.inject({ method: 'GET', url: '/readyz' });
      expect(me.json()).toMatchObject({ status: 'ready', engine: 'postgres' });
      for (const key of ['pg1', 'pg2', 'pg3']) await item(key, addDays(today, key === 'pg3' ? -5 : 2));
      const before = await sentSteps();
      const one = createScheduler({ database: t.handle, config: config(), transport: null });
      const two = createScheduler({ database: second, config: config(), transport: null });
      for (let round = 0; round < 5; round += 1) await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
      // And with the lock bypassed on both pools, the unique key still decides.
      await Promise.all([runReminderPass(t.db, settings, new Date(), { withoutLock: true }), runReminderPass(second.db, settings, new Date(), { withoutLock: true })]);
      const added = (await sentSteps()).filter((s) => !before.includes(s));
      expect(added).toEqual(['pg1:before_3', 'pg2:before_3', 'pg3:escalation_standing_agency', 'pg3:escalation_unit_head']);
      expect(await duplicateNotifications()).toBe(0);
      // Restart of both: nothing more.
      const again = await Promise.all([
        createScheduler({ database: t.handle, config: config(), transport: null }).runOnce(),
        createScheduler({ database: second, config: config(), transport: null }).runOnce(),
      ]);
      expect(again.reduce((n, r) => n + r.reminders.sent, 0)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
