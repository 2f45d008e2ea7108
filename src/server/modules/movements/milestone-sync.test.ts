/**
 * Creating or editing a milestone through the API brings the movement's due items along in the same transaction:
 * the inbox shows a new deadline at once, not at the scheduler's next run; a failed write changes no item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, dueItems, movementMilestones, movements } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { buildMovement } from '../launches/obligations.fixtures.js';

let t: TestApp;
let districtA: TestUnit, districtB: TestUnit, commune: TestUnit;
let manager: Session, districtAdmin: Session;
let movementId: string, draftMovementId: string;

const participantKinds = [
  { kind: 'district', name: 'Cấp huyện', level: 'district' },
  { kind: 'commune', name: 'Cấp xã', level: 'commune' },
];

const milestone = (overrides: Record<string, unknown> = {}) => ({
  code: 'dang_ky_chi_dao_diem',
  title: 'Cấp huyện đăng ký đơn vị chỉ đạo điểm',
  deadline: '2022-01-15',
  phaseCode: 'giai_doan_1',
  appliesTo: ['district'],
  obligation: 'register_pilot',
  ...overrides,
});

function itemsOf(milestoneId: string) {
  return t.db
    .select({ unitId: dueItems.unitId, kind: dueItems.kind, status: dueItems.status, resolution: dueItems.resolution, dueDate: dueItems.dueDate, title: dueItems.title })
    .from(dueItems)
    .where(and(eq(dueItems.subjectType, 'milestone'), eq(dueItems.subjectId, milestoneId)))
    .orderBy(dueItems.kind, dueItems.unitId);
}

async function itemCount(): Promise<number> {
  return ((await t.db.select({ n: sql<number>`count(*)::int` }).from(dueItems)) as [{ n: number }])[0].n;
}

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province', validFrom: '2020-01-01' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  districtB = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', parentId: province.id });
  commune = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', parentId: districtA.id });
  manager = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  districtAdmin = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  ({ movementId } = await buildMovement(t.db, t.tenantId, { withCriteria: false }));
  ({ movementId: draftMovementId } = await buildMovement(t.db, t.tenantId, { withCriteria: false, status: 'draft' }));
  for (const id of [movementId, draftMovementId]) await t.db.update(movements).set({ participantKinds }).where(eq(movements.id, id));
});
afterAll(async () => t?.close());

describe('milestone writes sync due items in the same transaction', () => {
  let id: string;

  it('a new milestone of an active movement opens its items at once; the district sees it in its inbox', async () => {
    const r = await manager.request('POST', `/api/movements/${movementId}/milestones`, milestone());
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    const items = await itemsOf(id);
    expect(items.map((i) => i.unitId).sort()).toEqual([districtA.id, districtB.id].sort());
    expect(items.every((i) => i.kind === 'register_pilot' && i.status === 'open' && i.dueDate === '2022-01-15')).toBe(true);
    const inbox = (await districtAdmin.request('GET', `/api/inbox?status=overdue&movementId=${movementId}`)).json();
    expect(inbox.items.map((i: { subjectId: string }) => i.subjectId)).toEqual([id]);
    const synced = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'due_items.synced'), eq(auditLog.entityId, movementId)));
    expect(synced).toHaveLength(1);
    expect(synced[0]!.actorUserId).toBe(manager.user.id);
  });

  it('an edited deadline and title move the open items', async () => {
    const r = await manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, { deadline: '2022-02-28', title: 'Đăng ký chỉ đạo điểm (gia hạn)' });
    expect(r.statusCode, r.body).toBe(200);
    const items = await itemsOf(id);
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.dueDate === '2022-02-28' && i.title.startsWith('Đăng ký chỉ đạo điểm (gia hạn) — '))).toBe(true);
  });

  it('a changed obligation cancels the former items and opens the new ones', async () => {
    const r = await manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, { obligation: 'launch', appliesTo: ['district', 'commune'] });
    expect(r.statusCode, r.body).toBe(200);
    const items = await itemsOf(id);
    expect(items.filter((i) => i.kind === 'register_pilot').map((i) => [i.status, i.resolution])).toEqual([
      ['closed', 'cancelled'],
      ['closed', 'cancelled'],
    ]);
    expect(
      items
        .filter((i) => i.kind === 'launch')
        .map((i) => i.unitId)
        .sort(),
    ).toEqual([districtA.id, districtB.id, commune.id].sort());
    expect(items.filter((i) => i.kind === 'launch').every((i) => i.status === 'open')).toBe(true);
  });

  it('a refused edit changes no item; a draft movement gets none until it is active', async () => {
    const before = await itemCount();
    const outside = await manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, { deadline: '2035-01-01' });
    expect(outside.statusCode).toBe(422);
    const draft = await manager.request('POST', `/api/movements/${draftMovementId}/milestones`, milestone());
    expect(draft.statusCode, draft.body).toBe(201);
    expect(await itemsOf(draft.json().id)).toEqual([]);
    expect(await itemCount()).toBe(before);
  });
});

describe('narrowing a milestone’s kinds cancels the open items of the kinds taken off', () => {
  let id: string;

  const fullItemsOf = (milestoneId: string) =>
    t.db
      .select()
      .from(dueItems)
      .where(and(eq(dueItems.subjectType, 'milestone'), eq(dueItems.subjectId, milestoneId)))
      .orderBy(dueItems.createdAt, dueItems.id);
  const editAudits = (milestoneId: string) =>
    t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'milestone.updated'), eq(auditLog.entityId, milestoneId)))
      .orderBy(auditLog.seq);
  const patch = (body: Record<string, unknown>) => manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, body);

  it('widened from commune to commune + district, the districts get open items', async () => {
    const r = await manager.request(
      'POST',
      `/api/movements/${movementId}/milestones`,
      milestone({ code: 'phat_dong_xa', title: 'Phát động phong trào', obligation: 'launch', appliesTo: ['commune'] }),
    );
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect((await itemsOf(id)).map((i) => [i.unitId, i.status])).toEqual([[commune.id, 'open']]);

    const widened = await patch({ appliesTo: ['commune', 'district'] });
    expect(widened.statusCode, widened.body).toBe(200);
    const items = await itemsOf(id);
    expect(items.map((i) => i.unitId).sort()).toEqual([commune.id, districtA.id, districtB.id].sort());
    expect(items.every((i) => i.kind === 'launch' && i.status === 'open')).toBe(true);
  });

  it('narrowed back to commune: the open district item is cancelled, a done one stays done, the commune item is untouched; the edit’s audit counts them', async () => {
    // District B fulfilled its obligation meanwhile.
    const doneAt = new Date('2022-01-10T03:00:00Z');
    await t.db
      .update(dueItems)
      .set({ status: 'closed', resolution: 'done', closedAt: doneAt })
      .where(and(eq(dueItems.subjectType, 'milestone'), eq(dueItems.subjectId, id), eq(dueItems.unitId, districtB.id)));
    const before = await fullItemsOf(id);
    const communeBefore = before.find((i) => i.unitId === commune.id)!;

    const r = await patch({ appliesTo: ['commune'] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().appliesTo).toEqual(['commune']);

    const after = await fullItemsOf(id);
    expect(after).toHaveLength(3);
    const byUnit = new Map(after.map((i) => [i.unitId, i]));
    expect(byUnit.get(districtA.id)).toMatchObject({ status: 'closed', resolution: 'cancelled' });
    expect(byUnit.get(districtA.id)!.closedAt).not.toBeNull();
    expect(byUnit.get(districtB.id)).toMatchObject({ status: 'closed', resolution: 'done', closedAt: doneAt });
    expect(byUnit.get(commune.id)).toEqual(communeBefore);

    // District A's inbox (its own units and its commune) lists only the commune's item of the milestone as open.
    const inbox = (await districtAdmin.request('GET', `/api/inbox?status=open&movementId=${movementId}`)).json();
    expect(inbox.items.filter((i: { subjectId: string }) => i.subjectId === id).map((i: { unitId: string }) => i.unitId)).toEqual([commune.id]);

    const audits = await editAudits(id);
    expect(audits).toHaveLength(2);
    expect(audits[0]!.after).toMatchObject({ appliesTo: ['commune', 'district'], cancelledItems: 0 });
    expect(audits[1]!.before).toMatchObject({ appliesTo: ['commune', 'district'] });
    expect(audits[1]!.after).toMatchObject({ appliesTo: ['commune'], cancelledItems: 1 });
    expect(audits[1]!.actorUserId).toBe(manager.user.id);
  });

  it('a bad edit (a kind outside the movement, an unknown kind, no kind) is refused and changes nothing', async () => {
    const items = await fullItemsOf(id);
    const audits = await editAudits(id);
    const milestoneRow = async () => (await t.db.select().from(movementMilestones).where(eq(movementMilestones.id, id)))[0];
    const saved = await milestoneRow();
    expect(saved!.appliesTo).toEqual(['commune']);

    const outside = await patch({ appliesTo: ['province'] });
    expect(outside.statusCode, outside.body).toBe(422);
    expect(outside.json().error.details[0].path).toBe('body.appliesTo[0]');
    const unknown = await patch({ appliesTo: ['village'] });
    expect(unknown.statusCode, unknown.body).toBe(400);
    const none = await patch({ appliesTo: [] });
    expect(none.statusCode, none.body).toBe(400);
    const duplicate = await patch({ appliesTo: ['district', 'district'] });
    expect(duplicate.statusCode, duplicate.body).toBe(400);

    expect(await fullItemsOf(id)).toEqual(items);
    expect(await editAudits(id)).toEqual(audits);
    expect(await milestoneRow()).toEqual(saved);
  });

  it('widened again: the district whose item was cancelled gets a new open one; the done district gets none', async () => {
    const r = await patch({ appliesTo: ['commune', 'district'] });
    expect(r.statusCode, r.body).toBe(200);
    const items = await fullItemsOf(id);
    expect(items.filter((i) => i.unitId === districtA.id).map((i) => [i.status, i.resolution])).toEqual([
      ['closed', 'cancelled'],
      ['open', null],
    ]);
    expect(items.filter((i) => i.unitId === districtB.id).map((i) => [i.status, i.resolution])).toEqual([['closed', 'done']]);
    expect(items.filter((i) => i.unitId === commune.id).map((i) => i.status)).toEqual(['open']);
  });
});
