import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission, Role } from '../../../core/permissions.js';
import type { Actor, AuthedContext, Grant } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import { roleGrants } from '../../db/schema/index.js';
import { createTestApp, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { grantPolicy, manageDenial, userPolicy, type GrantSubject } from './users.policy.js';

// The granting rules read the actor's scopes from the database (subtrees), so they are tested on a real one.

let t: TestApp;
let province: TestUnit;
let districtA: TestUnit;
let communeA1: TestUnit;
let districtB: TestUnit;

beforeAll(async () => {
  t = await createTestApp();
  province = await t.buildUnit({ name: 'Thành phố Hải Phòng', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  communeA1 = await t.buildUnit({ name: 'Xã An Lâm', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện Kim Thành', kindCode: 'district', parentId: province.id });
});
afterAll(async () => t?.close());

/** A request context for an actor holding the given grants (a fresh scope cache each time). */
function contextOf(grants: Omit<Grant, 'id'>[], options: { userId?: string; tokenPermissions?: Permission[] } = {}): AuthedContext {
  const actor: Actor = {
    userId: options.userId ?? randomUUID(),
    tenantId: t.tenantId,
    username: 'probe',
    fullName: 'Probe',
    unitId: null,
    grants: grants.map((g) => ({ id: randomUUID(), ...g })),
    tokenPermissions: options.tokenPermissions ?? null,
    via: options.tokenPermissions ? 'token' : 'session',
    sessionId: null,
    csrfToken: null,
    scopeCache: new Map(),
  };
  return { db: t.db, actor, requestId: 'test', locale: 'vi' };
}

const grant = (role: Role, unitId: string | null, includeSubtree = true): GrantSubject => ({ role, unitId, includeSubtree });

describe('grantPolicy', () => {
  it("lets a district's unit admin give, within the district, only roles whose every permission it holds there", async () => {
    const admin = () => contextOf([{ role: 'unit_admin', unitId: districtA.id, includeSubtree: true }]);
    expect(await can(grantPolicy, admin(), 'give', grant('unit_reporter', communeA1.id))).toBe(true);
    expect(await can(grantPolicy, admin(), 'give', grant('viewer', districtA.id))).toBe(true);
    expect(await can(grantPolicy, admin(), 'give', grant('unit_admin', districtA.id))).toBe(true);
    // Roles with permissions the admin lacks (movement.manage, report.review, system.admin) are refused though the unit is theirs.
    expect(await can(grantPolicy, admin(), 'manageUnit', grant('standing_agency', districtA.id))).toBe(true);
    expect(await can(grantPolicy, admin(), 'give', grant('standing_agency', districtA.id))).toBe(false);
    expect(await can(grantPolicy, admin(), 'give', grant('reviewer', communeA1.id))).toBe(false);
    expect(await can(grantPolicy, admin(), 'give', grant('system_admin', communeA1.id))).toBe(false);
    // Outside the district, above it, or over the whole tenant: not their unit.
    for (const outside of [grant('viewer', districtB.id), grant('viewer', province.id), grant('viewer', null)]) {
      expect(await can(grantPolicy, admin(), 'manageUnit', outside)).toBe(false);
      expect(await can(grantPolicy, admin(), 'give', outside)).toBe(false);
    }
  });

  it('lets an admin of a single unit give grants over that unit alone, not its subtree', async () => {
    const single = () => contextOf([{ role: 'unit_admin', unitId: districtA.id, includeSubtree: false }]);
    expect(await can(grantPolicy, single(), 'give', grant('viewer', districtA.id, false))).toBe(true);
    expect(await can(grantPolicy, single(), 'give', grant('viewer', districtA.id, true))).toBe(false);
    expect(await can(grantPolicy, single(), 'manageUnit', grant('viewer', communeA1.id, false))).toBe(false);
  });

  it("gives the system administrator's role only from a tenant-wide system administrator", async () => {
    const districtSysadmin = contextOf([{ role: 'system_admin', unitId: districtA.id, includeSubtree: true }]);
    expect(await can(grantPolicy, districtSysadmin, 'give', grant('standing_agency', communeA1.id))).toBe(true);
    expect(await can(grantPolicy, districtSysadmin, 'give', grant('system_admin', communeA1.id))).toBe(false);
    const sysadmin = contextOf([{ role: 'system_admin', unitId: null, includeSubtree: true }]);
    expect(await can(grantPolicy, sysadmin, 'give', grant('system_admin', null))).toBe(true);
    expect(await can(grantPolicy, sysadmin, 'give', grant('emulation_board', districtB.id))).toBe(true);
  });

  it('gives nothing through an API token lacking user.manage', async () => {
    const token = contextOf([{ role: 'unit_admin', unitId: districtA.id, includeSubtree: true }], { tokenPermissions: ['user.read'] });
    expect(await can(grantPolicy, token, 'give', grant('viewer', communeA1.id))).toBe(false);
  });
});

describe('userPolicy', () => {
  it('manages users at units in the user.manage scope; users without a unit only tenant-wide', async () => {
    const admin = contextOf([{ role: 'unit_admin', unitId: districtA.id, includeSubtree: true }]);
    expect(await can(userPolicy, admin, 'manage', { id: null, unitId: communeA1.id })).toBe(true);
    expect(await can(userPolicy, admin, 'manage', { id: null, unitId: districtB.id })).toBe(false);
    expect(await can(userPolicy, admin, 'manage', { id: null, unitId: null })).toBe(false);
    const sysadmin = contextOf([{ role: 'system_admin', unitId: null, includeSubtree: true }]);
    expect(await can(userPolicy, sysadmin, 'manage', { id: null, unitId: null })).toBe(true);
  });

  it('refuses to manage with 403 where the actor may read the user and 404 elsewhere', async () => {
    const board = contextOf([{ role: 'emulation_board', unitId: districtA.id, includeSubtree: true }]);
    const readable = { id: randomUUID(), unitId: communeA1.id };
    expect(await can(userPolicy, board, 'read', readable)).toBe(true);
    expect(await can(userPolicy, board, 'manage', readable)).toBe(false);
    expect(await manageDenial(board, readable)()).toBe('forbidden');
    expect(await manageDenial(board, { id: randomUUID(), unitId: districtB.id })()).toBe('not_found');
  });

  it('edits another user only when the actor could have given every current and future grant they hold', async () => {
    const adminId = randomUUID();
    const admin = () => contextOf([{ role: 'unit_admin', unitId: districtA.id, includeSubtree: true }], { userId: adminId });
    const reporter = await t.buildUser({ role: 'unit_reporter', unitId: communeA1.id });
    expect(await can(userPolicy, admin(), 'edit', { id: reporter.id, unitId: communeA1.id })).toBe(true);
    // A grant starting next year counts as much as one in force.
    await t.db
      .insert(roleGrants)
      .values({ id: randomUUID(), tenantId: t.tenantId, userId: reporter.id, role: 'reviewer', unitId: communeA1.id, includeSubtree: true, validFrom: '2999-01-01' });
    expect(await can(userPolicy, admin(), 'edit', { id: reporter.id, unitId: communeA1.id })).toBe(false);
    // A grant that ended does not.
    const former = await t.buildUser({ unitId: communeA1.id });
    await t.db.insert(roleGrants).values({
      id: randomUUID(),
      tenantId: t.tenantId,
      userId: former.id,
      role: 'standing_agency',
      unitId: null,
      includeSubtree: true,
      validFrom: '2020-01-01',
      validTo: '2021-01-01',
    });
    expect(await can(userPolicy, admin(), 'edit', { id: former.id, unitId: communeA1.id })).toBe(true);
    // Oneself: always (the rule protects others' accounts); someone out of the manage scope: never.
    expect(await can(userPolicy, admin(), 'edit', { id: adminId, unitId: districtA.id })).toBe(true);
    expect(await can(userPolicy, admin(), 'edit', { id: randomUUID(), unitId: districtB.id })).toBe(false);
  });
});
