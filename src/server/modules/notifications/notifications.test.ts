import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { mailOutbox, notifications, users } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';
import { findRecipients, notifyUsers } from './notifications.service.js';
import { createMailTransport, deliverPendingMail } from './mail.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let alice: Session, bob: Session;
let aliceId: string, bobId: string;

beforeAll(async () => {
  t = await createTestApp();
  const unit = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune' });
  const a = await t.buildUser({ role: 'unit_reporter', unitId: unit.id });
  const b = await t.buildUser({ role: 'unit_admin', unitId: unit.id });
  [aliceId, bobId] = [a.id, b.id];
  await t.db.update(users).set({ email: 'alice@example.vn' }).where(eq(users.id, a.id));
  alice = await t.signIn(a);
  bob = await t.signIn(b);
  const recipients = await findRecipients(t.db, t.tenantId, { unitIds: [unit.id], roles: ['unit_reporter', 'unit_admin'] });
  expect(recipients.map((r) => r.userId).sort()).toEqual([aliceId, bobId].sort());
  await t.db.transaction((tx) => notifyUsers(tx, { tenantId: t.tenantId, recipients, kind: 'test', title: 'Thông báo 1', body: 'Nội dung 1', link: '/viec/1' }));
  await t.db.transaction((tx) =>
    notifyUsers(tx, { tenantId: t.tenantId, recipients: [...recipients, ...recipients], kind: 'test', title: 'Thông báo 2', body: 'Nội dung 2', mail: false }),
  );
});
afterAll(async () => t?.close());

describe('notifications', () => {
  it('writes one notification per user and a mail only for users with an address', async () => {
    expect(await t.db.select().from(notifications)).toHaveLength(4);
    const mails = await t.db.select().from(mailOutbox);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ toAddress: 'alice@example.vn', subject: '[Thi Đua Số] Thông báo 1', status: 'pending' });
    expect(mails[0]!.bodyText).toContain('Xem chi tiết: /viec/1');
  });

  it("lists the user's own notifications; reading does not mark them; marking is per user", async () => {
    const list = (await alice.request('GET', '/api/notifications')).json();
    expect(list).toMatchObject({ total: 2, unread: 2 });
    expect(list.items.map((n: Json) => n.title).sort()).toEqual(['Thông báo 1', 'Thông báo 2']);
    const id = list.items[0].id;
    expect((await bob.request('POST', `/api/notifications/${id}/read`)).statusCode).toBe(404);
    const read = await alice.request('POST', `/api/notifications/${id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await alice.request('GET', '/api/notifications?unread=true')).json()).toMatchObject({ unread: 1, items: [expect.objectContaining({ readAt: null })] });
    expect((await bob.request('GET', '/api/notifications')).json().unread).toBe(2);
    expect((await bob.request('POST', '/api/notifications/read-all')).json()).toEqual({ marked: 2 });
    expect((await bob.request('GET', '/api/notifications')).json().unread).toBe(0);
    expect((await t.anonymous('GET', '/api/notifications')).statusCode).toBe(401);
  });

  it('delivers through a nodemailer transport (jsonTransport) and creates SMTP transports from SMTP_URL', async () => {
    expect(createMailTransport({ SMTP_URL: undefined })).toBeNull();
    expect(createMailTransport({ SMTP_URL: 'smtp://127.0.0.1:2525' })).not.toBeNull();
    const nodemailer = await import('nodemailer');
    const sent: Json[] = [];
    const json = nodemailer.createTransport({ jsonTransport: true });
    const result = await deliverPendingMail(
      t.db,
      { sendMail: async (m) => sent.push(JSON.parse((await json.sendMail(m)).message as string)) },
      'Thi Đua Số <no-reply@thiduaso.local>',
    );
    expect(result).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sent[0]).toMatchObject({ subject: '[Thi Đua Số] Thông báo 1', to: [{ address: 'alice@example.vn' }], from: { address: 'no-reply@thiduaso.local', name: 'Thi Đua Số' } });
    expect((await t.db.select().from(mailOutbox))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
