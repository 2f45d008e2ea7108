import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { auditLog, unitGroupMembers, unitGroups } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: Session;
let districtAdmin: Session;
let viewer: Session;
let district: string;
let u1: string, u2: string, u3: string, closed: string, renamed: string;

beforeAll(async () => {
  t = await createTestApp();
  district = (await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', code: '291', validFrom: '2021-07-01' })).id;
  u1 = (await t.buildUnit({ name: 'Xã An Lâm', code: '10600', parentId: district, validFrom: '2021-07-01' })).id;
  u2 = (await t.buildUnit({ name: 'Xã Nam Hưng', code: '10601', parentId: district, validFrom: '2021-07-01' })).id;
  u3 = (await t.buildUnit({ name: 'Thị trấn Nam Sách', code: '10602', parentId: district, validFrom: '2021-07-01' })).id;
  closed = (await t.buildUnit({ name: 'Xã Đã Sáp Nhập', code: '10603', parentId: district, validFrom: '2021-07-01', validTo: '2025-07-01' })).id;
  renamed = (await t.buildUnit({ name: 'Xã Tên Cũ', code: '10604', parentId: district, validFrom: '2021-07-01' })).id;
  admin = await t.signIn(await t.buildUser({ role: 'system_admin' }));
  districtAdmin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: district }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: u1 }));
});
afterAll(async () => t?.close());

async function counts() {
  const c = async (table: typeof unitGroups | typeof unitGroupMembers | typeof auditLog) =>
    ((await t.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;
  const members = await t.db.select().from(unitGroupMembers);
  return { g: await c(unitGroups), m: await c(unitGroupMembers), a: await c(auditLog), members: JSON.stringify(members.sort((a, b) => a.id.localeCompare(b.id))) };
}

async function expectRefused(response: { statusCode: number; json: () => Json }, before: Awaited<ReturnType<typeof counts>>, status: number, code: string, path?: string) {
  expect(response.statusCode, JSON.stringify(response.json())).toBe(status);
  expect(response.json().error.code).toBe(code);
  if (path) expect(response.json().error.details.map((d: Json) => d.path)).toContain(path);
  expect(await counts()).toEqual(before);
}

describe('emulation clusters and blocks', () => {
  let groupId: string;

  it('creates a cluster, tenant-wide managers only, with unique codes over time', async () => {
    const r = await admin.request('POST', '/api/groups', { code: 'cum-1', name: ' Cụm thi đua số 1 ', kind: 'cluster', description: 'Các xã phía Bắc', validFrom: '2021-08-25' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({
      code: 'cum-1',
      name: 'Cụm thi đua số 1',
      kind: 'cluster',
      description: 'Các xã phía Bắc',
      validFrom: '2021-08-25',
      validTo: null,
      memberCount: 0,
    });
    groupId = r.json().id;
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, groupId));
    expect(audit.map((a) => a.action)).toEqual(['group.created']);

    const before = await counts();
    await expectRefused(
      await admin.request('POST', '/api/groups', { code: 'cum-1', name: 'Trùng', kind: 'cluster', validFrom: '2030-01-01' }),
      before,
      422,
      'code_in_use',
      'body.code',
    );
    await expectRefused(
      await admin.request('POST', '/api/groups', { code: 'cum-2', name: 'Sai loại', kind: 'team', validFrom: '2021-08-25' }),
      before,
      400,
      'validation_failed',
      'body.kind',
    );
    await expectRefused(
      await admin.request('POST', '/api/groups', { code: 'cum-2', name: 'Thừa', kind: 'block', validFrom: '2021-08-25', extra: 1 }),
      before,
      400,
      'validation_failed',
    );
    await expectRefused(await districtAdmin.request('POST', '/api/groups', { code: 'cum-2', name: 'Huyện', kind: 'block', validFrom: '2021-08-25' }), before, 403, 'forbidden');
    await expectRefused(await viewer.request('POST', '/api/groups', { code: 'cum-2', name: 'Xem', kind: 'block', validFrom: '2021-08-25' }), before, 404, 'not_found');
  });

  it('keeps memberships over time, refusing overlaps, a second lead and units not in force', async () => {
    const add = (session: Session, body: Json) => session.request('POST', `/api/groups/${groupId}/members`, body);
    const first = await add(admin, { unitId: u1, isLead: true, validFrom: '2022-01-01' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ unitId: u1, unitName: 'Xã An Lâm', kindCode: 'commune', isLead: true, validFrom: '2022-01-01', validTo: null });
    const u1Membership = first.json().id;
    expect((await add(admin, { unitId: u2, validFrom: '2022-01-01' })).statusCode).toBe(201);
    // A member that later merges away stops being a member then.
    const capped = await add(admin, { unitId: closed, validFrom: '2022-01-01' });
    expect(capped.json()).toMatchObject({ validTo: '2025-07-01', unitName: 'Xã Đã Sáp Nhập' });

    const before = await counts();
    await expectRefused(await add(admin, { unitId: u1, validFrom: '2023-01-01' }), before, 422, 'member_exists', 'body.unitId');
    await expectRefused(await add(admin, { unitId: u3, isLead: true, validFrom: '2023-01-01' }), before, 422, 'lead_exists', 'body.isLead');
    await expectRefused(await add(admin, { unitId: closed, validFrom: '2025-08-01' }), before, 422, 'unit_not_valid', 'body.unitId');
    await expectRefused(await add(admin, { unitId: u3, validFrom: '2021-01-01' }), before, 422, 'group_not_valid', 'body.validFrom');
    await expectRefused(await add(admin, { unitId: randomUUID(), validFrom: '2023-01-01' }), before, 404, 'not_found', 'body.unitId');
    await expectRefused(await add(districtAdmin, { unitId: u3, validFrom: '2023-01-01' }), before, 403, 'forbidden');
    await expectRefused(await add(admin, { unitId: u3, validFrom: '2023-01-01', role: 'x' }), before, 400, 'validation_failed');
    expect((await admin.request('POST', `/api/groups/${randomUUID()}/members`, { unitId: u3, validFrom: '2023-01-01' })).statusCode).toBe(404);

    const end = (memberId: string, validTo: string) => admin.request('POST', `/api/groups/${groupId}/members/${memberId}/end`, { validTo });
    await expectRefused(await end(u1Membership, '2022-01-01'), before, 422, 'date_order', 'body.validTo');
    await expectRefused(await end(randomUUID(), '2024-01-01'), before, 404, 'not_found');
    const ended = await end(u1Membership, '2024-01-01');
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ id: u1Membership, validTo: '2024-01-01', isLead: true });
    const afterEnd = await counts();
    await expectRefused(await end(u1Membership, '2024-06-01'), afterEnd, 422, 'member_already_ended', 'body.validTo');

    // From 2024 the lead passes to the town, and An Lâm stays an ordinary member.
    expect((await add(admin, { unitId: u1, validFrom: '2024-01-01' })).statusCode).toBe(201);
    expect((await add(admin, { unitId: u3, isLead: true, validFrom: '2024-01-01' })).statusCode).toBe(201);
    expect((await add(admin, { unitId: renamed, validFrom: '2024-01-01' })).statusCode).toBe(201);
    await t.db.execute(sql`update unit_versions set valid_to = '2025-01-01' where unit_id = ${renamed}::uuid`);
    await t.db.execute(
      sql`insert into unit_versions (id, tenant_id, unit_id, name, parent_id, valid_from) values (${randomUUID()}::uuid, ${t.tenantId}::uuid, ${renamed}::uuid, 'Xã Tên Mới', ${district}::uuid, '2025-01-01')`,
    );

    const on = async (asOf: string) => {
      const r = await viewer.request('GET', `/api/groups/${groupId}?asOf=${asOf}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const in2023 = await on('2023-06-01');
    expect(in2023.asOf).toBe('2023-06-01');
    expect(in2023.group).toMatchObject({ id: groupId, memberCount: 3 });
    expect(in2023.members.map((m: Json) => [m.unitName, m.isLead])).toEqual([
      ['Xã An Lâm', true],
      ['Xã Đã Sáp Nhập', false],
      ['Xã Nam Hưng', false],
    ]);
    expect(in2023.abilities).toEqual({ canManage: false });
    const in2024 = await on('2024-06-01');
    expect(in2024.members.map((m: Json) => [m.unitName, m.isLead])).toEqual([
      ['Thị trấn Nam Sách', true],
      ['Xã An Lâm', false],
      ['Xã Đã Sáp Nhập', false],
      ['Xã Nam Hưng', false],
      ['Xã Tên Cũ', false],
    ]);
    const in2026 = await on('2026-01-01');
    expect(in2026.members.map((m: Json) => m.unitName)).toEqual(['Thị trấn Nam Sách', 'Xã An Lâm', 'Xã Nam Hưng', 'Xã Tên Mới']);
    expect((await admin.request('GET', `/api/groups/${groupId}`)).json().abilities).toEqual({ canManage: true });

    const list = async (asOf: string) => (await viewer.request('GET', `/api/groups?asOf=${asOf}`)).json() as Json[];
    expect(await list('2021-01-01')).toEqual([]);
    expect((await list('2024-06-01')).map((g) => [g.code, g.memberCount])).toEqual([['cum-1', 5]]);
    expect((await list('2026-01-01')).map((g) => [g.code, g.memberCount])).toEqual([['cum-1', 4]]);

    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, groupId));
    expect(audit.map((a) => a.action).filter((a) => a === 'group.member_ended')).toHaveLength(1);
    expect(audit.map((a) => a.action).filter((a) => a === 'group.member_added')).toHaveLength(6);
  });

  it('answers 404 for an unknown group and 400 for a bad date', async () => {
    expect((await viewer.request('GET', `/api/groups/${randomUUID()}`)).statusCode).toBe(404);
    expect((await viewer.request('GET', '/api/groups/not-a-uuid')).statusCode).toBe(400);
    expect((await viewer.request('GET', '/api/groups?asOf=2024-02-30')).statusCode).toBe(400);
  });
});
