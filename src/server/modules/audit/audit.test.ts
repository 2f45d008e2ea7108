import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { auditLog } from '../../db/schema/index.js';
import { sealAuditChain } from '../../audit/audit.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';

let t: TestApp;
let districtA: TestUnit;
let communeA1: TestUnit;
let districtB: TestUnit;
let sysadmin: Session;
let adminA: Session;
let createdInA1: string;
let createdInB: string;

type Entry = { seq: number; action: string; entityId: string | null; unitId: string | null; unitName: string | null; actorUserId: string | null; before: unknown; after: unknown };

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.buildUnit({ name: 'Thành phố Hải Phòng', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Thanh Hà', kindCode: 'district', parentId: province.id });
  communeA1 = await t.buildUnit({ name: 'Xã Thanh Xuân', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện Tứ Kỳ', kindCode: 'district', parentId: province.id });
  sysadmin = await t.signIn(await t.buildUser({ role: 'system_admin' }));
  adminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  const a1 = await sysadmin.request('POST', '/api/users', { username: 'canbo.thanhxuan', fullName: 'Cán bộ Thanh Xuân', unitId: communeA1.id });
  const b = await sysadmin.request('POST', '/api/users', { username: 'canbo.tuky', fullName: 'Cán bộ Tứ Kỳ', unitId: districtB.id });
  createdInA1 = a1.json().user.id;
  createdInB = b.json().user.id;
});
afterAll(async () => t?.close());

async function entries(session: Session, query = ''): Promise<{ items: Entry[]; total: number }> {
  const response = await session.request('GET', `/api/audit${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('audit trail', () => {
  it("shows a unit admin only their subtree's rows, newest first", async () => {
    const { items, total } = await entries(adminA, '?limit=200');
    expect(total).toBe(items.length);
    expect(items.some((e) => e.entityId === createdInA1 && e.action === 'user.created')).toBe(true);
    expect(items.some((e) => e.entityId === createdInB)).toBe(false);
    expect(items.every((e) => e.unitId === districtA.id || e.unitId === communeA1.id)).toBe(true);
    const seqs = items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const created = items.find((e) => e.entityId === createdInA1)!;
    expect(created.unitName).toBe('Xã Thanh Xuân');
    expect(created.actorUserId).toBe(sysadmin.user.id);

    const all = await entries(sysadmin, '?limit=200');
    expect(all.items.some((e) => e.entityId === createdInB)).toBe(true);
    // Rows without a unit (the system admin's own sign-in) only for a tenant-wide scope.
    expect(all.items.some((e) => e.unitId === null)).toBe(true);

    const viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: districtA.id }));
    expect((await viewer.request('GET', '/api/audit')).statusCode).toBe(403);
    expect((await t.anonymous('GET', '/api/audit')).statusCode).toBe(401);
  });

  it('filters by unit, actor, entity, action and dates', async () => {
    const byEntity = await entries(sysadmin, `?entityType=user&entityId=${createdInB}`);
    expect(byEntity.items.map((e) => e.action)).toEqual(['user.created']);
    const byAction = await entries(sysadmin, '?action=user.created');
    expect(byAction.total).toBe(2);
    const byUnit = await entries(sysadmin, `?unitId=${districtB.id}`);
    expect(byUnit.items.every((e) => e.unitId === districtB.id)).toBe(true);
    expect(byUnit.total).toBeGreaterThan(0);
    const byActor = await entries(sysadmin, `?userId=${sysadmin.user.id}&action=user.created`);
    expect(byActor.total).toBe(2);
    const outOfScope = await entries(adminA, `?unitId=${districtB.id}`);
    expect(outOfScope.total).toBe(0);
    const today = todayInVietnam();
    expect((await entries(sysadmin, `?from=${today}&to=${today}&action=user.created`)).total).toBe(2);
    expect((await entries(sysadmin, '?from=2000-01-01&to=2000-12-31')).total).toBe(0);
    const paged = await entries(sysadmin, '?limit=1&offset=1');
    expect(paged.items).toHaveLength(1);

    const reversed = await sysadmin.request('GET', '/api/audit?from=2025-02-01&to=2025-01-31');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.details[0].path).toBe('querystring.to');
    const badDate = await sysadmin.request('GET', '/api/audit?from=2025-02-30');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details[0].path).toBe('querystring.from');
  });

  it('verifies the chain and finds an edited row, then a deleted one', async () => {
    expect((await adminA.request('GET', '/api/audit/verify')).statusCode).toBe(403);
    const unsealed = (await sysadmin.request('GET', '/api/audit/verify')).json();
    expect(unsealed.ok).toBe(true);
    expect(unsealed.pending).toBeGreaterThan(3);
    await sealAuditChain(t.db);
    const clean = await sysadmin.request('GET', '/api/audit/verify');
    expect(clean.statusCode).toBe(200);
    expect(clean.json().ok).toBe(true);
    expect(clean.json().checked).toBeGreaterThan(3);

    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    const target = rows[2]!;
    await t.db.execute(sql`update audit_log set after = '{"x":1}' where seq = ${target.seq}`);
    const edited = (await sysadmin.request('GET', '/api/audit/verify')).json();
    expect(edited).toMatchObject({ ok: false, firstBadSeq: target.seq, reason: 'edited', checked: 2 });

    // Put the row back as it was: the chain is whole again.
    await t.db.update(auditLog).set({ after: target.after }).where(eq(auditLog.seq, target.seq));
    expect((await sysadmin.request('GET', '/api/audit/verify')).json().ok).toBe(true);

    await t.db.delete(auditLog).where(eq(auditLog.seq, target.seq));
    const [next] = await t.db.select().from(auditLog).where(gt(auditLog.seq, target.seq)).orderBy(asc(auditLog.seq)).limit(1);
    const deleted = (await sysadmin.request('GET', '/api/audit/verify')).json();
    expect(deleted).toMatchObject({ ok: false, firstBadSeq: next!.seq, reason: 'inserted_or_deleted' });
  });
});
