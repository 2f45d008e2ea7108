import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, roleGrants, sessions, users } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { createTestApp, type Session, type TestApp, type TestUnit, type TestUser } from '../../../../tests/helpers/test-app.js';
import { systemCreateUser, systemGrantRole, systemResetPassword, systemRevokeRole } from './users.service.js';

let t: TestApp;
let province: TestUnit;
let districtA: TestUnit;
let communeA1: TestUnit;
let districtB: TestUnit;
let communeB1: TestUnit;
let sysadmin: Session;
let adminA: Session;
let userA1: TestUser;
let userB1: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Thành phố Hải Phòng', kindCode: 'province', code: '31' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id, code: '293' });
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện Kim Thành', kindCode: 'district', parentId: province.id });
  communeB1 = await t.buildUnit({ name: 'Xã Kim Lương', parentId: districtB.id });
  sysadmin = await t.signIn(await t.buildUser({ role: 'system_admin' }));
  adminA = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id }));
  userA1 = await t.buildUser({ role: 'viewer', unitId: communeA1.id });
  userB1 = await t.buildUser({ role: 'viewer', unitId: communeB1.id });
});
afterAll(async () => t?.close());

async function rowCounts() {
  const [u] = await t.db.select({ n: count() }).from(users);
  const [g] = await t.db.select({ n: count() }).from(roleGrants);
  const [a] = await t.db.select({ n: count() }).from(auditLog);
  return { users: u!.n, grants: g!.n, audit: a!.n };
}

async function me(session: Session) {
  const response = await session.request('GET', '/api/auth/me');
  return response.json() as { permissions: string[]; grants: { role: string }[]; user: { mustChangePassword: boolean } };
}

describe('roles', () => {
  it('lists the role catalogue with labels and permissions to any signed-in user', async () => {
    const viewer = await t.signIn(userA1);
    const response = await viewer.request('GET', '/api/roles');
    expect(response.statusCode).toBe(200);
    const unitAdmin = response.json().find((r: { code: string }) => r.code === 'unit_admin');
    expect(unitAdmin.label).toEqual({ vi: 'Quản trị đơn vị', en: 'Unit administrator' });
    expect(unitAdmin.permissions).toContain('user.manage');
    expect((await t.anonymous('GET', '/api/roles')).statusCode).toBe(401);
  });
});

describe('creating and listing users', () => {
  it('creates a user with a generated password that signs in and must be changed; the audit keeps no hash', async () => {
    const response = await adminA.request('POST', '/api/users', {
      username: 'nguyenvanduc',
      fullName: 'Nguyễn  Văn Đức',
      email: 'duc@namsach.gov.vn',
      position: 'Chuyên viên',
      unitId: communeA1.id,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({
      username: 'nguyenvanduc',
      fullName: 'Nguyễn Văn Đức',
      unitId: communeA1.id,
      unitName: 'Xã An Lâm',
      mustChangePassword: true,
      isActive: true,
      roles: [],
    });
    expect(body.temporaryPassword).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const session = await t.signIn({ id: body.user.id, username: 'nguyenvanduc', password: body.temporaryPassword });
    expect((await me(session)).user.mustChangePassword).toBe(true);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.created'), eq(auditLog.entityId, body.user.id)));
    expect(audit!.unitId).toBe(communeA1.id);
    expect(JSON.stringify(audit!.after)).not.toMatch(/argon2|passwordHash/i);
  });

  it('creates a user with a chosen password', async () => {
    const response = await sysadmin.request('POST', '/api/users', {
      username: 'tran.thi_b-2',
      fullName: 'Trần Thị B',
      unitId: null,
      password: 'MatKhauManh2025',
      mustChangePassword: false,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().temporaryPassword).toBeNull();
    expect(response.json().user.mustChangePassword).toBe(false);
    const session = await t.signIn({ id: response.json().user.id, username: 'tran.thi_b-2', password: 'MatKhauManh2025' });
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it("scopes the list and the detail to the actor's subtree", async () => {
    const list = await adminA.request('GET', '/api/users?limit=200');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain(userA1.username);
    expect(names).not.toContain(userB1.username);
    // Users without a unit only appear for a tenant-wide scope.
    expect(names).not.toContain('tran.thi_b-2');
    expect(list.json().total).toBe(list.json().items.length);
    const a1 = list.json().items.find((u: { username: string }) => u.username === userA1.username);
    expect(a1.roles[0]).toMatchObject({ role: 'viewer', unitId: communeA1.id, unitName: 'Xã An Lâm', includeSubtree: true });
    expect(a1.abilities.manage).toBe(true);
    expect(a1).not.toHaveProperty('passwordHash');

    expect((await adminA.request('GET', `/api/users/${userA1.id}`)).statusCode).toBe(200);
    const other = await adminA.request('GET', `/api/users/${userB1.id}`);
    expect(other.statusCode).toBe(404);
    expect((await adminA.request('GET', `/api/users/${sysadmin.user.id}`)).statusCode).toBe(404);

    const all = await sysadmin.request('GET', '/api/users?limit=200');
    const allNames = all.json().items.map((u: { username: string }) => u.username);
    expect(allNames).toEqual(expect.arrayContaining([userA1.username, userB1.username, 'tran.thi_b-2']));

    const filtered = await sysadmin.request('GET', `/api/users?unitId=${communeB1.id}`);
    expect(filtered.json().items.map((u: { id: string }) => u.id)).toEqual([userB1.id]);
    const paged = await sysadmin.request('GET', '/api/users?limit=1&offset=1');
    expect(paged.json().items).toHaveLength(1);
    expect(paged.json().total).toBe(all.json().total);

    const viewer = await t.signIn(userA1);
    expect((await viewer.request('GET', '/api/users')).statusCode).toBe(403);
  });

  it('searches username and full name without accents or case', async () => {
    for (const q of ['nguyen van', 'NGUYỄN VĂN ĐỨC', 'van duc', 'Đức', 'NguyenVanDuc']) {
      const response = await adminA.request('GET', `/api/users?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().items.map((u: { username: string }) => u.username)).toEqual(['nguyenvanduc']);
    }
    const none = await adminA.request('GET', `/api/users?q=${encodeURIComponent('100%')}`);
    expect(none.json()).toEqual({ items: [], total: 0 });
  });

  it('refuses bad input with field paths and writes nothing', async () => {
    const before = await rowCounts();
    const cases: [unknown, number, string, string?][] = [
      [{ username: 'AB', fullName: 'X', unitId: communeA1.id }, 400, 'body.username'],
      [{ username: 'Nguyễn', fullName: 'X', unitId: communeA1.id }, 400, 'body.username'],
      [{ username: 'hople', fullName: '', unitId: communeA1.id }, 400, 'body.fullName'],
      [{ username: 'hople', fullName: 'X', unitId: communeA1.id, email: 'khong-phai-email' }, 400, 'body.email'],
      [{ username: 'hople', fullName: 'X', unitId: 'not-a-uuid' }, 400, 'body.unitId'],
      [{ username: 'hople', fullName: 'X', unitId: communeA1.id, password: 'ngan1' }, 400, 'body.password', 'weak_password'],
      [{ username: 'nguyenvanduc', fullName: 'X', unitId: communeA1.id }, 409, 'body.username', 'username_taken'],
      [{ username: 'hople', fullName: 'X', unitId: communeB1.id }, 422, 'body.unitId', 'unit_not_found'],
      [{ username: 'hople', fullName: 'X', unitId: null }, 403, 'body.unitId'],
      [{ username: 'hople', fullName: 'X', unitId: communeA1.id, isAdmin: true }, 400, 'body'],
    ];
    for (const [payload, status, path, code] of cases) {
      const response = await adminA.request('POST', '/api/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      if (code) expect(response.json().error.code).toBe(code);
    }
    const grantCases: [unknown, number, string][] = [
      [{ role: 'chu_tich', unitId: communeA1.id, includeSubtree: true, validFrom: '2024-01-01' }, 400, 'body.role'],
      [{ role: 'viewer', unitId: communeA1.id, includeSubtree: true, validFrom: '2024-02-30' }, 400, 'body.validFrom'],
      [{ role: 'viewer', unitId: communeA1.id, includeSubtree: true, validFrom: '2024-01-01', validTo: '2024-01-01' }, 400, 'body.validTo'],
      [{ role: 'viewer', unitId: communeA1.id, validFrom: '2024-01-01' }, 400, 'body.includeSubtree'],
    ];
    for (const [payload, status, path] of grantCases) {
      const response = await adminA.request('POST', `/api/users/${userA1.id}/grants`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const unknownUnit = await sysadmin.request('POST', `/api/users/${userA1.id}/grants`, {
      role: 'viewer',
      unitId: '00000000-0000-4000-8000-000000000000',
      includeSubtree: true,
      validFrom: '2024-01-01',
    });
    expect(unknownUnit.statusCode).toBe(422);
    expect(unknownUnit.json().error.details[0].path).toBe('body.unitId');
    const patch = await adminA.request('PATCH', `/api/users/${userA1.id}`, { rowVersion: 1, locale: 'fr' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details[0].path).toBe('body.locale');
    expect(await rowCounts()).toEqual(before);
  });
});

describe('role grants', () => {
  it('refuses privilege escalation and grants outside the subtree', async () => {
    const before = await rowCounts();
    const attempts: [unknown, string][] = [
      [{ role: 'standing_agency', unitId: districtA.id, includeSubtree: true, validFrom: '2024-01-01' }, 'body.role'],
      [{ role: 'system_admin', unitId: districtA.id, includeSubtree: true, validFrom: '2024-01-01' }, 'body.role'],
      [{ role: 'unit_reporter', unitId: communeB1.id, includeSubtree: true, validFrom: '2024-01-01' }, 'body.unitId'],
      [{ role: 'unit_reporter', unitId: null, includeSubtree: true, validFrom: '2024-01-01' }, 'body.unitId'],
      [{ role: 'unit_admin', unitId: province.id, includeSubtree: true, validFrom: '2024-01-01' }, 'body.unitId'],
    ];
    for (const [payload, path] of attempts) {
      const response = await adminA.request('POST', `/api/users/${userA1.id}/grants`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(403);
      expect(response.json().error.code).toBe('cannot_grant_role');
      expect(response.json().error.details[0].path).toBe(path);
    }
    // Grants to a user of another district are refused as not found.
    const foreign = await adminA.request('POST', `/api/users/${userB1.id}/grants`, { role: 'viewer', unitId: districtA.id, includeSubtree: true, validFrom: '2024-01-01' });
    expect(foreign.statusCode).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it('lets an admin of a single unit grant only that unit, not its subtree', async () => {
    const single = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: districtA.id, includeSubtree: false }));
    const target = await t.buildUser({ unitId: districtA.id });
    const wide = await single.request('POST', `/api/users/${target.id}/grants`, { role: 'viewer', unitId: districtA.id, includeSubtree: true, validFrom: '2024-01-01' });
    expect(wide.statusCode).toBe(403);
    expect(wide.json().error.details[0].path).toBe('body.role');
    const narrow = await single.request('POST', `/api/users/${target.id}/grants`, { role: 'viewer', unitId: districtA.id, includeSubtree: false, validFrom: '2024-01-01' });
    expect(narrow.statusCode).toBe(201);
  });

  it('grants within the subtree, audits it, and a grant ended in the past gives nothing', async () => {
    const target = await t.buildUser({ unitId: communeA1.id });
    const granted = await adminA.request('POST', `/api/users/${target.id}/grants`, { role: 'unit_reporter', unitId: communeA1.id, includeSubtree: true, validFrom: '2024-01-01' });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ role: 'unit_reporter', unitId: communeA1.id, unitName: 'Xã An Lâm', includeSubtree: true, validFrom: '2024-01-01', validTo: null });
    const expired = await adminA.request('POST', `/api/users/${target.id}/grants`, {
      role: 'unit_admin',
      unitId: communeA1.id,
      includeSubtree: true,
      validFrom: '2020-01-01',
      validTo: '2021-01-01',
    });
    expect(expired.statusCode).toBe(201);
    const session = await t.signIn(target);
    const mine = await me(session);
    expect(mine.permissions).toContain('report.submit');
    expect(mine.permissions).not.toContain('user.manage');
    expect(mine.grants.map((g) => g.role)).toEqual(['unit_reporter']);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grant.created'), eq(auditLog.entityId, granted.json().id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(adminA.user.id);
    expect(audit[0]!.after).toMatchObject({ userId: target.id, role: 'unit_reporter' });
  });

  it('revokes a grant, which takes effect at once, and refuses to revoke it twice', async () => {
    const target = await t.buildUser({ unitId: communeA1.id });
    const session = await t.signIn(target);
    const granted = await adminA.request('POST', `/api/users/${target.id}/grants`, { role: 'unit_reporter', unitId: communeA1.id, includeSubtree: true, validFrom: '2024-01-01' });
    expect((await me(session)).permissions).toContain('report.submit');
    const revoked = await adminA.request('POST', `/api/users/${target.id}/grants/${granted.json().id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(typeof revoked.json().revokedAt).toBe('string');
    expect((await me(session)).permissions).not.toContain('report.submit');
    expect((await adminA.request('POST', `/api/users/${target.id}/grants/${granted.json().id}/revoke`)).statusCode).toBe(409);
    const detail = await adminA.request('GET', `/api/users/${target.id}`);
    expect(detail.json().roles).toEqual([]);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grant.revoked'), eq(auditLog.entityId, granted.json().id)));
    expect(audit).toHaveLength(1);
  });

  it("refuses to revoke a grant beyond the actor's rights", async () => {
    const target = await t.buildUser({ unitId: districtA.id });
    const granted = await sysadmin.request('POST', `/api/users/${target.id}/grants`, {
      role: 'emulation_board',
      unitId: districtA.id,
      includeSubtree: true,
      validFrom: '2024-01-01',
    });
    expect(granted.statusCode).toBe(201);
    const refused = await adminA.request('POST', `/api/users/${target.id}/grants/${granted.json().id}/revoke`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('cannot_grant_role');
  });
});

describe('passwords and deactivation', () => {
  it('resets a password: the new one signs in, must be changed, and old sessions end', async () => {
    const target = await t.buildUser({ role: 'viewer', unitId: communeA1.id });
    const old = await t.signIn(target);
    const response = await adminA.request('POST', `/api/users/${target.id}/reset-password`);
    expect(response.statusCode).toBe(200);
    const { temporaryPassword } = response.json();
    expect((await old.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const fresh = await t.signIn({ ...target, password: temporaryPassword });
    expect((await me(fresh)).user.mustChangePassword).toBe(true);
    expect((await t.anonymous('POST', '/api/auth/login', { username: target.username, password: target.password })).statusCode).toBe(401);
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_reset'), eq(auditLog.entityId, target.id)));
    expect(JSON.stringify(audit)).not.toContain(temporaryPassword);
    expect((await adminA.request('POST', `/api/users/${userB1.id}/reset-password`)).statusCode).toBe(404);
  });

  it('refuses to reset or disable a user holding rights beyond the actor', async () => {
    const strong = await t.buildUser({ role: 'standing_agency', unitId: communeA1.id });
    const before = await rowCounts();
    const reset = await adminA.request('POST', `/api/users/${strong.id}/reset-password`);
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.code).toBe('user_outranks_actor');
    const disable = await adminA.request('PATCH', `/api/users/${strong.id}`, { rowVersion: 1, isActive: false });
    expect(disable.statusCode).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('edits a profile under optimistic locking; disabling ends sessions and sign-in', async () => {
    const target = await t.buildUser({ role: 'viewer', unitId: communeA1.id });
    const session = await t.signIn(target);
    const edited = await adminA.request('PATCH', `/api/users/${target.id}`, { rowVersion: 1, fullName: 'Lê Văn C', position: 'Phó Chủ tịch', locale: 'en' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ fullName: 'Lê Văn C', position: 'Phó Chủ tịch', locale: 'en', rowVersion: 2 });
    const stale = await adminA.request('PATCH', `/api/users/${target.id}`, { rowVersion: 1, isActive: false });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].path).toBe('body.rowVersion');
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const disabled = await adminA.request('PATCH', `/api/users/${target.id}`, { rowVersion: 2, isActive: false });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().isActive).toBe(false);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, target.id))).toHaveLength(0);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await t.anonymous('POST', '/api/auth/login', { username: target.username, password: target.password })).statusCode).toBe(401);
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.updated'), eq(auditLog.entityId, target.id)));
    expect(audit.map((a) => a.after)).toEqual([{ fullName: 'Lê Văn C', position: 'Phó Chủ tịch', locale: 'en' }, { isActive: false }]);
    expect(audit[1]!.before).toEqual({ isActive: true });
  });

  it('refuses to disable oneself', async () => {
    const current = await adminA.request('GET', `/api/users/${adminA.user.id}`);
    const response = await adminA.request('PATCH', `/api/users/${adminA.user.id}`, { rowVersion: current.json().rowVersion, isActive: false });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('body.isActive');
  });
});

describe('system functions for the CLI', () => {
  it('creates a user, grants by unit code, resets the password and revokes, auditing as cli', async () => {
    const created = await systemCreateUser(t.db, t.tenantId, { username: 'quantri.namsach', fullName: 'Quản trị Nam Sách', password: 'MatKhauCli2025', unitId: districtA.id });
    const grant = await systemGrantRole(t.db, 'quantri.namsach', { role: 'unit_admin', unitCode: '293', includeSubtree: true });
    expect(grant).toMatchObject({ role: 'unit_admin', unitId: districtA.id, unitName: 'Huyện Nam Sách' });
    const again = await systemGrantRole(t.db, 'quantri.namsach', { role: 'unit_admin', unitCode: '293', includeSubtree: true });
    expect(again.id).toBe(grant.id);
    const session = await t.signIn({ id: created.id, username: 'quantri.namsach', password: 'MatKhauCli2025' });
    expect((await me(session)).permissions).toContain('user.manage');
    await systemResetPassword(t.db, 'quantri.namsach', 'MatKhauMoi2026');
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const fresh = await t.signIn({ id: created.id, username: 'quantri.namsach', password: 'MatKhauMoi2026' });
    expect(await systemRevokeRole(t.db, 'quantri.namsach', 'unit_admin')).toBe(1);
    expect((await me(fresh)).permissions).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.actorName, 'cli')).orderBy(auditLog.seq);
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'grant.created', 'user.password_reset', 'grant.revoked']);
    expect(audit.every((a) => a.actorUserId === null && a.tenantId === t.tenantId)).toBe(true);
  });

  it('validates with clear errors', async () => {
    const fails = async (promise: Promise<unknown>, code: string) => {
      const error = await promise.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
    };
    await fails(systemCreateUser(t.db, t.tenantId, { username: 'X', fullName: 'X', password: 'MatKhauCli2025' }), 'validation_failed');
    await fails(systemCreateUser(t.db, t.tenantId, { username: 'hople.cli', fullName: 'X', password: 'yeu' }), 'weak_password');
    await fails(systemCreateUser(t.db, t.tenantId, { username: 'nguyenvanduc', fullName: 'X', password: 'MatKhauCli2025' }), 'username_taken');
    await fails(systemCreateUser(t.db, t.tenantId, { username: 'hople.cli', fullName: 'X', password: 'MatKhauCli2025', unitCode: '999' }), 'unit_not_found');
    await fails(systemResetPassword(t.db, 'khong-ton-tai', 'MatKhauCli2025'), 'user_not_found');
    await fails(systemGrantRole(t.db, 'nguyenvanduc', { role: 'chu_tich' }), 'validation_failed');
    await fails(systemRevokeRole(t.db, 'nguyenvanduc', 'system_admin'), 'grant_not_found');
  });
});
