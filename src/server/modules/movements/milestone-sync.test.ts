/**
 * Creating or editing a milestone through the API brings the movement's due items along in the same transaction:
 * the inbox shows a new deadline at once, not at the scheduler's next run; a failed write changes no item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, dueItems, movements } from '../../db/schema/index.js';
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
    const synced = await t.db.select().from(auditLog).where(and(eq(auditLog.action, 'due_items.synced'), eq(auditLog.entityId, movementId)));
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
    expect(items.filter((i) => i.kind === 'launch').map((i) => i.unitId).sort()).toEqual([districtA.id, districtB.id, commune.id].sort());
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
