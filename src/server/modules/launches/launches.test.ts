import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { auditLog, dueItems, launches } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { syncMilestoneDueItems } from '../inbox/inbox.service.js';
import { buildMovement } from './obligations.fixtures.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let province: TestUnit, districtA: TestUnit, districtB: TestUnit, communeA1: TestUnit, communeA2: TestUnit, department: TestUnit;
let standing: Session, districtAdminA: Session, communeReporter: Session, districtAdminB: Session, viewer: Session;
let movementId: string;
let closedMovementId: string;
const today = todayInVietnam();

const launchBody = (unitId: string, overrides: Json = {}) => ({
  unitId,
  launchDate: '2021-11-15',
  document: { number: '15/KH-UBND', date: '2021-11-10', summary: 'Kế hoạch phát động phong trào thi đua Chuyển đổi số' },
  scope: 'Cán bộ, công chức, viên chức và Nhân dân trên địa bàn',
  participants: 120,
  ...overrides,
});

async function counts() {
  const n = async (table: typeof launches | typeof auditLog | typeof dueItems) => ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  const open = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(dueItems)
    .where(eq(dueItems.status, 'open'));
  return { launches: await n(launches), audit: await n(auditLog), items: await n(dueItems), open: open[0]!.n };
}

async function expectRefused(
  response: { statusCode: number; json: () => Json },
  before: Awaited<ReturnType<typeof counts>>,
  status: number,
  code: string,
  path?: string,
  message?: string,
) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  const error = response.json().error;
  expect(error.code).toBe(code);
  if (path) expect(error.details.map((d: Json) => d.path)).toContain(path);
  if (message) expect(error.message).toBe(message);
  expect(await counts()).toEqual(before);
}

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province', validFrom: '2020-01-01' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', code: '291', parentId: province.id });
  districtB = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', code: '292', parentId: province.id });
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', code: '10600', parentId: districtA.id });
  communeA2 = await t.buildUnit({ name: 'Xã Nam Hưng', kindCode: 'commune', code: '10601', parentId: districtA.id });
  // District B has a commune of its own, which no test names.
  await t.buildUnit({ name: 'Xã Thanh An', kindCode: 'commune', code: '10700', parentId: districtB.id });
  department = await t.buildUnit({ name: 'Sở Nội vụ', kindCode: 'department', parentId: province.id });
  standing = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  districtAdminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  communeReporter = await t.signIn(await t.buildUser({ role: 'unit_reporter', unitId: communeA1.id }));
  districtAdminB = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtB.id }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: districtA.id }));
  ({ movementId } = await buildMovement(t.db, t.tenantId, {
    milestones: [{ code: 'phat_dong', obligation: 'launch', appliesTo: ['department', 'district'], deadline: '2021-12-31' }],
  }));
  ({ movementId: closedMovementId } = await buildMovement(t.db, t.tenantId, { status: 'closed' }));
  await t.db.transaction((tx) => syncMilestoneDueItems(tx, movementId));
});
afterAll(async () => t?.close());

const progress = async (session: Session, query = '') => {
  const r = await session.request('GET', `/api/movements/${movementId}/launch-progress${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as Json;
};

describe('launch (phát động)', () => {
  it('refuses a launch dated in the future, with the message and field, writing nothing', async () => {
    const before = await counts();
    const r = await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id, { launchDate: addDays(today, 1) }));
    await expectRefused(r, before, 422, 'date_in_future', 'body.launchDate', 'Ngày phát động không được sau hôm nay');
    expect(r.json().error.details[0].message).toBe('Ngày phát động không được sau hôm nay');
    const doc = await communeReporter.request(
      'POST',
      `/api/movements/${movementId}/launches`,
      launchBody(communeA1.id, { document: { number: '1/KH', date: addDays(today, 3), summary: 'x' } }),
    );
    await expectRefused(doc, before, 422, 'date_in_future', 'body.document.date');
  });

  it('refuses bad input, units out of scope, units not in force, and closed movements', async () => {
    const before = await counts();
    await expectRefused(
      await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id, { participants: -1 })),
      before,
      400,
      'validation_failed',
      'body.participants',
    );
    await expectRefused(
      await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id, { launchDate: '2021-02-30' })),
      before,
      400,
      'validation_failed',
      'body.launchDate',
    );
    await expectRefused(
      await communeReporter.request('POST', `/api/movements/${movementId}/launches`, { ...launchBody(communeA1.id), extra: 1 }),
      before,
      400,
      'validation_failed',
    );
    // Another district's admin, a viewer, a commune reporter for its sibling commune: 404, never "forbidden".
    await expectRefused(await districtAdminB.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id)), before, 404, 'not_found');
    await expectRefused(await viewer.request('POST', `/api/movements/${movementId}/launches`, launchBody(districtA.id)), before, 404, 'not_found');
    await expectRefused(await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA2.id)), before, 404, 'not_found');
    await expectRefused(
      await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id, { launchDate: '2019-05-01' })),
      before,
      422,
      'unit_not_valid',
      'body.unitId',
    );
    const closed = await districtAdminA.request('POST', `/api/movements/${closedMovementId}/launches`, launchBody(districtA.id));
    await expectRefused(closed, before, 422, 'movement_closed');
    expect(closed.json().error.message).toContain('đã kết thúc');
    await expectRefused(await districtAdminA.request('POST', `/api/movements/${crypto.randomUUID()}/launches`, launchBody(districtA.id)), before, 404, 'not_found');
  });

  it('shows progress per level and district, and the figures move after launches while the overdue list shrinks', async () => {
    const first = await progress(standing);
    expect(first.totals).toMatchObject({ expected: 3, done: 0, missing: 3, overdue: 3, voluntary: 0 });
    expect(first.byLevel.map((l: Json) => [l.level, l.label, l.expected])).toEqual([
      ['department', 'sở, ban, ngành', 1],
      ['district', 'cấp huyện', 2],
      ['commune', 'cấp xã', 0],
    ]);
    expect(first.byDistrict.map((d: Json) => [d.name, d.expected, d.overdue])).toEqual([
      ['Huyện Nam Sách', 1, 1],
      ['Huyện Thanh Hà', 1, 1],
    ]);
    expect(first.overdue.map((o: Json) => o.unitName).sort()).toEqual(['Huyện Nam Sách', 'Huyện Thanh Hà', 'Sở Nội vụ']);
    expect(first.overdue.find((o: Json) => o.unitId === districtA.id)).toMatchObject({ deadline: '2021-12-31', districtName: 'Huyện Nam Sách' });

    // A commune launches in its own scope (not required by the milestone): voluntary.
    const commune = await communeReporter.request('POST', `/api/movements/${movementId}/launches`, launchBody(communeA1.id));
    expect(commune.statusCode, commune.body).toBe(201);
    expect(commune.json()).toMatchObject({
      unitName: 'Xã An Lâm',
      launchDate: '2021-11-15',
      deadline: null,
      onTime: null,
      document: { number: '15/KH-UBND' },
      abilities: { canEdit: true },
    });
    // The district launches on time.
    const district = await districtAdminA.request('POST', `/api/movements/${movementId}/launches`, launchBody(districtA.id, { launchDate: '2021-12-20' }));
    expect(district.statusCode, district.body).toBe(201);
    expect(district.json()).toMatchObject({ deadline: '2021-12-31', onTime: true });
    // The department launches late.
    const admin = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: department.id }));
    expect((await admin.request('POST', `/api/movements/${movementId}/launches`, launchBody(department.id, { launchDate: '2022-02-01' }))).statusCode).toBe(201);

    const after = await progress(standing);
    expect(after.totals).toMatchObject({ expected: 3, done: 2, onTime: 1, late: 1, missing: 1, overdue: 1, voluntary: 1 });
    expect(after.byLevel.find((l: Json) => l.level === 'commune')).toMatchObject({ expected: 0, voluntary: 1 });
    expect(after.byDistrict.find((d: Json) => d.unitId === districtA.id)).toMatchObject({ expected: 1, done: 1, onTime: 1, voluntary: 1, overdue: 0 });
    expect(after.overdue.map((o: Json) => o.unitName)).toEqual(['Huyện Thanh Hà']);
    expect(after.units.find((u: Json) => u.unitId === communeA1.id)).toMatchObject({ status: 'voluntary', districtName: 'Huyện Nam Sách', doneOn: '2021-11-15' });

    // As of a date before the launches, nothing was done yet; before the deadline, nothing was overdue.
    const past = await progress(standing, '?asOf=2021-12-01');
    expect(past.totals).toMatchObject({ expected: 3, done: 0, missing: 3, overdue: 0, voluntary: 1 });
    // The same figures through the generic endpoint.
    const generic = await standing.request('GET', `/api/movements/${movementId}/progress?obligation=launch`);
    expect(generic.json().totals).toEqual(after.totals);
  });

  it("closes the unit's launch due item in the same transaction and audits the launch", async () => {
    const items = await t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.movementId, movementId), eq(dueItems.kind, 'launch')));
    const byUnit = new Map(items.map((i) => [i.unitId, i]));
    expect(byUnit.get(districtA.id)).toMatchObject({ status: 'closed', resolution: 'done' });
    expect(byUnit.get(districtB.id)).toMatchObject({ status: 'open', dueDate: '2021-12-31' });
    expect(byUnit.has(communeA1.id)).toBe(false);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'launch.recorded'));
    expect(audit).toHaveLength(3);
    expect(audit.find((a) => a.unitId === districtA.id)!.after).toMatchObject({ movementId, dueItemsClosed: 1, launchDate: '2021-12-20' });
  });

  it('refuses a second launch of the same unit and stale edits; corrects with the row version', async () => {
    const before = await counts();
    await expectRefused(await districtAdminA.request('POST', `/api/movements/${movementId}/launches`, launchBody(districtA.id)), before, 409, 'launch_exists', 'body.unitId');
    const [row] = await t.db.select().from(launches).where(eq(launches.unitId, districtA.id));
    await expectRefused(await districtAdminA.request('PATCH', `/api/launches/${row!.id}`, { rowVersion: 7, participants: 10 }), before, 409, 'conflict', 'body.rowVersion');
    await expectRefused(
      await districtAdminA.request('PATCH', `/api/launches/${row!.id}`, { rowVersion: 1, launchDate: addDays(today, 2) }),
      before,
      422,
      'date_in_future',
      'body.launchDate',
    );
    await expectRefused(await districtAdminB.request('PATCH', `/api/launches/${row!.id}`, { rowVersion: 1, participants: 10 }), before, 404, 'not_found');
    const ok = await districtAdminA.request('PATCH', `/api/launches/${row!.id}`, { rowVersion: 1, participants: 150 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ participants: 150, rowVersion: 2 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.action, 'launch.updated'));
    expect(audit[0]).toMatchObject({ before: expect.objectContaining({ participants: 120 }), after: expect.objectContaining({ participants: 150 }) });
  });

  it("scopes reads: lists, details and progress show only the actor's units", async () => {
    const all = await standing.request('GET', `/api/movements/${movementId}/launches`);
    expect(
      all
        .json()
        .map((l: Json) => l.unitName)
        .sort(),
    ).toEqual(['Huyện Nam Sách', 'Sở Nội vụ', 'Xã An Lâm']);
    expect(all.json().every((l: Json) => l.abilities.canEdit === false)).toBe(true);
    const mine = await districtAdminA.request('GET', `/api/movements/${movementId}/launches`);
    expect(
      mine
        .json()
        .map((l: Json) => l.unitName)
        .sort(),
    ).toEqual(['Huyện Nam Sách', 'Xã An Lâm']);
    const other = await districtAdminB.request('GET', `/api/movements/${movementId}/launches`);
    expect(other.json()).toEqual([]);
    expect((await districtAdminB.request('GET', `/api/movements/${movementId}/launches?unitId=${communeA1.id}`)).statusCode).toBe(404);
    const id = mine.json()[0].id;
    expect((await districtAdminB.request('GET', `/api/launches/${id}`)).statusCode).toBe(404);
    expect((await viewer.request('GET', `/api/launches/${id}`)).statusCode).toBe(200);
    // A district sees the progress of its own subtree only; a viewer has no progress view.
    const districtProgress = await progress(districtAdminB);
    expect(districtProgress.totals).toMatchObject({ expected: 1, overdue: 1, voluntary: 0 });
    expect(districtProgress.byDistrict.map((d: Json) => d.name)).toEqual(['Huyện Thanh Hà']);
    expect((await viewer.request('GET', `/api/movements/${movementId}/launch-progress`)).statusCode).toBe(404);
    expect((await t.anonymous('GET', `/api/movements/${movementId}/launch-progress`)).statusCode).toBe(401);
  });
});
