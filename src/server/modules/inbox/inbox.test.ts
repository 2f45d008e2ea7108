import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { auditLog, dueItems, launches, movementMilestones } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { buildMovement } from '../launches/obligations.fixtures.js';
import { executeTogether } from '../../db/client.js';
import { testEngine } from '../../../../tests/helpers/test-db.js';
import { closeDueItems, closeDueItemsStatement, openDueItem, openDueItemStatement, syncMilestoneDueItems } from './inbox.service.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let province: TestUnit, districtA: TestUnit, districtB: TestUnit, communeA1: TestUnit, department: TestUnit;
let reporterA1: Session, adminA: Session, adminB: Session, standing: Session, viewer: Session, reviewerA: Session;
let movementId: string;
let milestoneIds: Record<string, string>;
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  districtB = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', parentId: province.id });
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', parentId: districtA.id });
  department = await t.buildUnit({ name: 'Sở Nội vụ', kindCode: 'department', parentId: province.id });
  // A unit that ceased before the deadline is not expected.
  await t.buildUnit({ name: 'Huyện Đã Giải Thể', kindCode: 'district', parentId: province.id, validTo: '2021-06-01' });
  reporterA1 = await t.signIn(await t.buildUser({ role: 'unit_reporter', unitId: communeA1.id }));
  adminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  adminB = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtB.id }));
  standing = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: districtA.id }));
  reviewerA = await t.signIn(await t.buildUser({ role: 'reviewer', unitId: districtA.id }));
  ({ movementId, milestoneIds } = await buildMovement(t.db, t.tenantId, {
    milestones: [
      { code: 'phat_dong', obligation: 'launch', appliesTo: ['department', 'district'], deadline: '2021-12-31', title: 'Phát động phong trào' },
      { code: 'dang_ky', obligation: 'register', appliesTo: ['department', 'district'], deadline: addDays(today, 20), title: 'Đăng ký thi đua' },
      { code: 'diem', obligation: 'register_pilot', appliesTo: ['district'], deadline: addDays(today, 20) },
      { code: 'bao_cao', obligation: 'report', appliesTo: ['district'], deadline: addDays(today, 20) },
    ],
  }));
  // District B launched before the items existed: its launch item is created closed.
  await t.db.insert(launches).values({
    id: crypto.randomUUID(),
    tenantId: t.tenantId,
    movementId,
    unitId: districtB.id,
    launchDate: '2021-11-01',
    documentNumber: '1/KH-UBND',
    documentDate: '2021-10-30',
    documentSummary: 'Kế hoạch',
    scope: 'Toàn huyện',
    participants: 10,
  });
});
afterAll(async () => t?.close());

describe('milestone due items', () => {
  it('creates one item per unit of the milestone kinds in force on the deadline, idempotently', async () => {
    const first = await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId));
    // launch: A, B (closed), department; register: A, B, department; register_pilot: A, B. Report milestones are the reporting module's.
    expect(first).toEqual({ opened: 7, closedOnCreate: 1, rescheduled: 0 });
    expect(await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId))).toEqual({ opened: 0, closedOnCreate: 0, rescheduled: 0 });
    const rows = await t.db.select().from(dueItems).where(eq(dueItems.movementId, movementId));
    expect(rows).toHaveLength(8);
    expect(
      rows
        .filter((r) => r.kind === 'launch')
        .map((r) => [r.unitId, r.status])
        .sort(),
    ).toEqual(
      [
        [districtA.id, 'open'],
        [districtB.id, 'closed'],
        [department.id, 'open'],
      ].sort(),
    );
    expect(rows.find((r) => r.unitId === districtA.id && r.kind === 'launch')).toMatchObject({
      subjectType: 'milestone',
      subjectId: milestoneIds.phat_dong,
      dueDate: '2021-12-31',
      link: `/phong-trao/${movementId}/phat-dong?unitId=${districtA.id}`,
    });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'due_items.synced'), eq(auditLog.entityId, movementId)));
    expect(audit).toHaveLength(1);
    // A closed item is not reopened by a later sync.
    await t.db.transaction((tx) => closeDueItems(tx, { tenantId: t.tenantId, subjectType: 'milestone', subjectId: milestoneIds.diem!, unitId: districtA.id, resolution: 'done' }));
    await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId));
    const pilot = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.unitId, districtA.id), eq(dueItems.kind, 'register_pilot')));
    expect(pilot.map((p) => p.status)).toEqual(['closed']);
    // A milestone moved to a later deadline moves its open items (not the closed ones).
    await t.db
      .update(movementMilestones)
      .set({ deadline: addDays(today, 25) })
      .where(eq(movementMilestones.id, milestoneIds.diem!));
    expect(await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId))).toEqual({ opened: 0, closedOnCreate: 0, rescheduled: 1 });
    const moved = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.subjectId, milestoneIds.diem!), eq(dueItems.kind, 'register_pilot')));
    expect(moved.map((m) => [m.unitId === districtA.id ? 'A' : 'B', m.status, m.dueDate]).sort()).toEqual([
      ['A', 'closed', addDays(today, 20)],
      ['B', 'open', addDays(today, 25)],
    ]);
  });

  it('keeps openDueItem idempotent while an item is open', async () => {
    const a = await t.db.transaction((tx) =>
      openDueItem(tx, { tenantId: t.tenantId, unitId: communeA1.id, kind: 'other', subjectType: 'test', subjectId: 'x', title: 'Việc khác', dueDate: addDays(today, 3) }),
    );
    const b = await t.db.transaction((tx) =>
      openDueItem(tx, { tenantId: t.tenantId, unitId: communeA1.id, kind: 'other', subjectType: 'test', subjectId: 'x', title: 'Việc khác (sửa)', dueDate: addDays(today, 4) }),
    );
    expect(b).toBe(a);
  });
});

describe('GET /api/inbox', () => {
  it("shows the items of units in the actor's scope, with counts", async () => {
    const mine = (await adminA.request('GET', '/api/inbox')).json();
    // District A and its subtree: launch (overdue), register (due), commune's "other" (due); the closed pilot item is done.
    expect(mine.counts).toEqual({ due: 2, overdue: 1, done: 1 });
    expect(mine.items.map((i: Json) => [i.unitName, i.kind, i.status])).toEqual([
      ['Huyện Nam Sách', 'launch', 'overdue'],
      ['Xã An Lâm', 'other', 'due'],
      ['Huyện Nam Sách', 'register', 'due'],
    ]);
    expect(mine.items[0]).toMatchObject({ movementName: expect.stringContaining('Thử'), dueDate: '2021-12-31', title: 'Phát động phong trào — ' + mine.items[0].movementName });
    expect(mine.items[0].daysLeft).toBeLessThan(0);
    expect(mine.items[2].daysLeft).toBe(20);

    const overdue = (await adminA.request('GET', '/api/inbox?status=overdue')).json();
    expect(overdue.items.map((i: Json) => i.kind)).toEqual(['launch']);
    expect(overdue.total).toBe(1);
    const due = (await adminA.request('GET', '/api/inbox?status=due')).json();
    expect(due.items.map((i: Json) => i.kind)).toEqual(['other', 'register']);
    const done = (await adminA.request('GET', '/api/inbox?status=done')).json();
    expect(done.items).toEqual([expect.objectContaining({ kind: 'register_pilot', status: 'done', resolution: 'done', daysLeft: null })]);

    const commune = (await reporterA1.request('GET', '/api/inbox')).json();
    expect(commune.items.map((i: Json) => i.title)).toEqual(['Việc khác (sửa)']);
    // A report reviewer of the district sees its units' items too; a viewer has no inbox scope.
    expect((await reviewerA.request('GET', '/api/inbox')).json().counts).toEqual({ due: 2, overdue: 1, done: 1 });
    expect((await viewer.request('GET', '/api/inbox')).json()).toMatchObject({ counts: { due: 0, overdue: 0, done: 0 }, items: [] });
    const all = (await standing.request('GET', `/api/inbox?movementId=${movementId}&status=all&limit=3`)).json();
    expect(all.total).toBe(8);
    expect(all.items).toHaveLength(3);
    const page2 = (await standing.request('GET', `/api/inbox?movementId=${movementId}&status=all&limit=3&offset=3`)).json();
    expect(page2.items.map((i: Json) => i.id)).not.toContain(all.items[0].id);
  });

  it('filters by unit and kind; a unit outside the scope answers 404; bad input 400', async () => {
    const b = (await standing.request('GET', `/api/inbox?unitId=${districtB.id}&kind=register`)).json();
    expect(b.items.map((i: Json) => [i.unitName, i.kind])).toEqual([['Huyện Thanh Hà', 'register']]);
    expect((await adminB.request('GET', `/api/inbox?unitId=${districtA.id}`)).statusCode).toBe(404);
    const bad = await adminA.request('GET', '/api/inbox?status=late&limit=1000');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: Json) => d.path)
        .sort(),
    ).toEqual(['querystring.limit', 'querystring.status']);
    expect((await t.anonymous('GET', '/api/inbox')).statusCode).toBe(401);
    const count = await t.db.select({ n: sql<number>`count(*)::int` }).from(dueItems);
    expect(count[0]!.n).toBe(9);
  });
});

describe("opening a due item: one statement, alone or with a transition's writes", () => {
  const item = (title: string) => ({
    tenantId: t.tenantId,
    unitId: department.id,
    kind: 'other' as const,
    subjectType: 'test-open',
    subjectId: 'y',
    title,
    dueDate: addDays(today, 5),
  });
  const openItems = () =>
    t.db
      .select({ id: dueItems.id, title: dueItems.title })
      .from(dueItems)
      .where(and(eq(dueItems.subjectType, 'test-open'), eq(dueItems.status, 'open')));

  it('refreshes the open item, and opens a new one once it is closed', async () => {
    const first = await t.db.transaction((tx) => openDueItem(tx, item('Việc thử')));
    // The statement form, sent with other writes, refreshes the same item.
    await t.db.transaction((tx) =>
      executeTogether(tx, [
        openDueItemStatement(item('Việc thử (sửa)')),
        closeDueItemsStatement({ tenantId: t.tenantId, subjectType: 'test-open', subjectId: 'none', resolution: 'done' }),
      ]),
    );
    expect(await openItems()).toEqual([{ id: first, title: 'Việc thử (sửa)' }]);
    expect(await t.db.transaction((tx) => closeDueItems(tx, { tenantId: t.tenantId, subjectType: 'test-open', subjectId: 'y', resolution: 'done' }))).toBe(1);
    const second = await t.db.transaction((tx) => openDueItem(tx, item('Việc thử lần hai')));
    expect(second).not.toBe(first);
    expect(await openItems()).toEqual([{ id: second, title: 'Việc thử lần hai' }]);
  });

  it.skipIf(testEngine() !== 'postgres')('waits for a concurrent close and then opens a new item rather than losing it (PostgreSQL)', async () => {
    const [open] = await openItems();
    let opening!: Promise<string>;
    await t.db.transaction(async (closing) => {
      await closeDueItems(closing, { tenantId: t.tenantId, subjectType: 'test-open', subjectId: 'y', resolution: 'done' });
      // Opened from another connection while the close is not committed: it waits on the item's row lock.
      opening = t.db.transaction((tx) => openDueItem(tx, item('Việc thử lần ba')));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const reopened = await opening;
    expect(reopened).not.toBe(open!.id);
    expect(await openItems()).toEqual([{ id: reopened, title: 'Việc thử lần ba' }]);
  });
});
