/**
 * The outsider suite: every registered route is called as (a) anonymous, (b) a user of a sibling unit who holds
 * every role over that sibling district, (c) a user of the owning district lacking the permission. Nothing may come
 * back that belongs to the owning district, and nothing may change. A route without a case here fails the suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../src/core/permissions.js';
import { roleGrants } from '../../src/server/db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit, type TestUser } from '../helpers/test-app.js';
import { randomUUID } from 'node:crypto';
import { databaseFingerprint } from '../helpers/fingerprint.js';

type Expect = 'denied' | 'readable' | 'scoped' | 'self';
type Case = {
  /** Concrete URL (ids of the owning district's objects filled in). */
  url: () => string;
  body?: () => unknown;
  /**
   * denied: 4xx and nothing changes; readable: tenant-public data (org tree, movements) or data the caller may read;
   * scoped: a list that answers 200 with the caller's own scope only; self: acts on the caller's own account.
   */
  sibling: Expect;
  noPermission: Expect;
};

const SECRET = 'Bí mật của huyện A';
let t: TestApp;
let districtA: TestUnit;
let communeA: TestUnit;
let districtB: TestUnit;
let owner: Session;
let siblingUser: TestUser;
let noPermissionUser: TestUser;
let ownerUser: TestUser;
let staffA: TestUser;
const ids: Record<string, string> = {};

const fingerprint = () => databaseFingerprint(t.db);

const kh3125 = () => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../packages/kh-3125-2021.json'), 'utf8')) as { movement: { code: string } };

const cases: Record<string, Case> = {
  'GET /api/movements/:id/dashboard': {
    url: () => `/api/movements/${ids.movement}/dashboard?periodId=${randomUUID()}&unitId=${districtA.id}`,
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/movements/:id/dashboard.xlsx': { url: () => `/api/movements/${ids.movement}/dashboard.xlsx?periodId=${randomUUID()}`, sibling: 'denied', noPermission: 'denied' },
  'GET /api/movements/:id/rankings': { url: () => `/api/movements/${ids.movement}/rankings?periodId=${randomUUID()}`, sibling: 'denied', noPermission: 'denied' },
  'GET /api/movements/:id/dashboard/trend': {
    url: () => `/api/movements/${ids.movement}/dashboard/trend?periodId=${randomUUID()}&unitId=${districtA.id}`,
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/movements/:id/dashboard/overdue': {
    url: () => `/api/movements/${ids.movement}/dashboard/overdue?periodId=${randomUUID()}&unitId=${districtA.id}`,
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/movements/:id/scorecard.xlsx': { url: () => `/api/movements/${ids.movement}/scorecard.xlsx?unitId=${communeA.id}`, sibling: 'denied', noPermission: 'readable' },
  'GET /api/units/:id/scorecard': { url: () => `/api/units/${communeA.id}/scorecard?movementId=${ids.movement}`, sibling: 'denied', noPermission: 'readable' },
  'POST /api/auth/logout': { url: () => '/api/auth/logout', sibling: 'self', noPermission: 'self' },
  'GET /api/auth/me': { url: () => '/api/auth/me', sibling: 'self', noPermission: 'self' },
  'POST /api/auth/password': {
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: 'sai-mat-khau', newPassword: 'MatKhauMoi2025' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/auth/tokens': { url: () => '/api/auth/tokens', sibling: 'self', noPermission: 'self' },
  'POST /api/auth/tokens': {
    url: () => '/api/auth/tokens',
    body: () => ({ name: 'x', permissions: ['unit.read'], expiresAt: '2099-01-01' }),
    sibling: 'self',
    noPermission: 'self',
  },
  'DELETE /api/auth/tokens/:id': { url: () => `/api/auth/tokens/${ids.ownerToken}`, sibling: 'denied', noPermission: 'denied' },
  'GET /api/unit-kinds': { url: () => '/api/unit-kinds', sibling: 'readable', noPermission: 'readable' },
  'GET /api/units/tree': { url: () => '/api/units/tree', sibling: 'readable', noPermission: 'readable' },
  'GET /api/units': { url: () => '/api/units?q=xa', sibling: 'readable', noPermission: 'readable' },
  'GET /api/units/:id': { url: () => `/api/units/${communeA.id}`, sibling: 'readable', noPermission: 'readable' },
  'GET /api/units/:id/history': { url: () => `/api/units/${communeA.id}/history`, sibling: 'readable', noPermission: 'readable' },
  'POST /api/units': {
    url: () => '/api/units',
    body: () => ({ kindCode: 'commune', name: 'Xã Mới', parentId: districtA.id, validFrom: '2024-01-01' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'PATCH /api/units/:id': { url: () => `/api/units/${communeA.id}`, body: () => ({ rowVersion: 1, phone: '0220 3 000 000' }), sibling: 'denied', noPermission: 'denied' },
  'POST /api/units/:id/events': {
    url: () => `/api/units/${communeA.id}/events`,
    body: () => ({ type: 'renamed', name: 'Xã Đổi Tên', effectiveDate: '2024-06-01', legalBasis: { title: 'Nghị quyết (thử)' }, rowVersion: 1 }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/groups': { url: () => '/api/groups', sibling: 'readable', noPermission: 'readable' },
  'POST /api/groups': {
    url: () => '/api/groups',
    body: () => ({ code: 'cum-moi', name: 'Cụm mới', kind: 'cluster', validFrom: '2024-01-01' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/groups/:id': { url: () => `/api/groups/${ids.group}`, sibling: 'readable', noPermission: 'readable' },
  'POST /api/groups/:id/members': {
    url: () => `/api/groups/${ids.group}/members`,
    body: () => ({ unitId: districtA.id, validFrom: '2024-01-01' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'POST /api/groups/:id/members/:memberId/end': {
    url: () => `/api/groups/${ids.group}/members/${ids.member}/end`,
    body: () => ({ validTo: '2024-12-31' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/roles': { url: () => '/api/roles', sibling: 'readable', noPermission: 'readable' },
  'GET /api/users': { url: () => '/api/users', sibling: 'scoped', noPermission: 'denied' },
  'GET /api/users/:id': { url: () => `/api/users/${staffA.id}`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/users': { url: () => '/api/users', body: () => ({ username: 'moi.a', fullName: 'Mới', unitId: communeA.id }), sibling: 'denied', noPermission: 'denied' },
  'PATCH /api/users/:id': { url: () => `/api/users/${staffA.id}`, body: () => ({ rowVersion: 1, fullName: 'Đổi tên' }), sibling: 'denied', noPermission: 'denied' },
  'POST /api/users/:id/reset-password': { url: () => `/api/users/${staffA.id}/reset-password`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/users/:id/grants': {
    url: () => `/api/users/${staffA.id}/grants`,
    body: () => ({ role: 'viewer', unitId: communeA.id, includeSubtree: false, validFrom: '2024-01-01' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'POST /api/users/:id/grants/:grantId/revoke': { url: () => `/api/users/${staffA.id}/grants/${ids.staffGrant}/revoke`, sibling: 'denied', noPermission: 'denied' },
  'GET /api/audit': { url: () => `/api/audit?unitId=${communeA.id}`, sibling: 'scoped', noPermission: 'denied' },
  'GET /api/audit/verify': { url: () => '/api/audit/verify', sibling: 'denied', noPermission: 'denied' },
  'GET /api/movements': { url: () => '/api/movements', sibling: 'readable', noPermission: 'readable' },
  'GET /api/movements/:id': { url: () => `/api/movements/${ids.movement}`, sibling: 'readable', noPermission: 'readable' },
  'PATCH /api/movements/:id': {
    url: () => `/api/movements/${ids.movement}`,
    body: () => ({ rowVersion: 1, name: 'Đổi tên phong trào' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'POST /api/movements/:id/milestones': {
    url: () => `/api/movements/${ids.movement}/milestones`,
    body: () => ({ code: 'moc_moi', title: 'Mốc mới', deadline: '2024-12-31', phaseCode: ids.phaseCode, appliesTo: ['commune'], obligation: 'report' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'PATCH /api/movements/:id/milestones/:milestoneId': {
    url: () => `/api/movements/${ids.movement}/milestones/${ids.milestone}`,
    body: () => ({ title: 'Đổi' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'POST /api/movements/:id/agencies': {
    url: () => `/api/movements/${ids.movement}/agencies`,
    body: () => ({ role: 'standing_agency', unitId: districtB.id, validFrom: '2024-01-01' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/movements/:id/package': { url: () => `/api/movements/${ids.movement}/package`, sibling: 'readable', noPermission: 'readable' },
  'POST /api/movement-packages': {
    url: () => '/api/movement-packages',
    body: () => ({ ...kh3125(), movement: { ...kh3125().movement, code: 'phong-trao-khac' } }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/criteria-sets/:id': { url: () => `/api/criteria-sets/${ids.criteriaSet}`, sibling: 'readable', noPermission: 'readable' },
  'GET /api/criteria-sets/:id/diff': {
    url: () => `/api/criteria-sets/${ids.criteriaSet}/diff?from=${ids.version}&to=${ids.version}`,
    sibling: 'readable',
    noPermission: 'readable',
  },
  'POST /api/criteria-sets/:id/versions': {
    url: () => `/api/criteria-sets/${ids.criteriaSet}/versions`,
    body: () => ({ basedOnVersionId: ids.version, effectiveFrom: '2026-01-01', legalBasis: { number: '1/KH-UBND', date: '2025-12-01', issuer: 'UBND', title: 'Sửa đổi' } }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/criteria-versions/:id': { url: () => `/api/criteria-versions/${ids.version}`, sibling: 'readable', noPermission: 'readable' },
  'PUT /api/criteria-versions/:id': {
    url: () => `/api/criteria-versions/${ids.version}`,
    body: () => ({ rowVersion: 1, definition: {} }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'POST /api/criteria-versions/:id/freeze': { url: () => `/api/criteria-versions/${ids.version}/freeze`, body: () => ({ reason: 'x' }), sibling: 'denied', noPermission: 'denied' },
  'POST /api/criteria-versions/:id/dry-run': {
    url: () => `/api/criteria-versions/${ids.version}/dry-run`,
    body: () => ({ level: 'commune', values: {} }),
    sibling: 'readable',
    noPermission: 'readable',
  },
  'POST /api/criteria/dry-run': {
    url: () => '/api/criteria/dry-run',
    body: () => ({ definition: {}, level: 'commune', values: {} }),
    sibling: 'readable',
    noPermission: 'readable',
  },
  'POST /api/criteria/validate-expression': {
    url: () => '/api/criteria/validate-expression',
    body: () => ({ expression: '1 + 1', dataElements: [], expect: 'number' }),
    sibling: 'readable',
    noPermission: 'readable',
  },
  'POST /api/criteria-versions/:id/evaluations': {
    url: () => `/api/criteria-versions/${ids.version}/evaluations`,
    body: () => ({ unitId: communeA.id, periodLabel: 'Năm 2024', values: {} }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  'GET /api/criteria-versions/:id/evaluations': { url: () => `/api/criteria-versions/${ids.version}/evaluations`, sibling: 'scoped', noPermission: 'readable' },
  // Ranking snapshots: the standing agency's, tenant-wide (movement.manage).
  'GET /api/ranking-snapshots/:periodId': { url: () => `/api/ranking-snapshots/${randomUUID()}`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/ranking-snapshots/:periodId/close': { url: () => `/api/ranking-snapshots/${randomUUID()}/close`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/ranking-snapshots/:periodId/freeze': { url: () => `/api/ranking-snapshots/${randomUUID()}/freeze`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/ranking-snapshots/:periodId/publish': { url: () => `/api/ranking-snapshots/${randomUUID()}/publish`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/ranking-snapshots/:periodId/correct': {
    url: () => `/api/ranking-snapshots/${randomUUID()}/correct`,
    body: () => ({ reason: 'Đính chính số liệu của một xã sau khi phúc tra' }),
    sibling: 'denied',
    noPermission: 'denied',
  },
  // Maps: boundaries are the province's reference data (dashboard.read); uploading needs unit.manage tenant-wide.
  'GET /api/unit-boundary-sets': { url: () => '/api/unit-boundary-sets', sibling: 'readable', noPermission: 'readable' },
  'GET /api/unit-boundary-sets/:id': { url: () => `/api/unit-boundary-sets/${randomUUID()}`, sibling: 'denied', noPermission: 'denied' },
  'POST /api/unit-boundary-sets': { url: () => '/api/unit-boundary-sets', body: () => ({ name: SECRET, asOf: '2024-01-01' }), sibling: 'denied', noPermission: 'denied' },
  'POST /api/unit-boundary-sets/demo': { url: () => '/api/unit-boundary-sets/demo', body: () => ({ asOf: '2024-01-01' }), sibling: 'denied', noPermission: 'denied' },
  'GET /api/movements/:id/map': { url: () => `/api/movements/${ids.movement}/map?periodId=${randomUUID()}&level=commune`, sibling: 'denied', noPermission: 'denied' },
};

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
  const province = await t.buildUnit({ name: 'Tỉnh Thử Nghiệm', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện A', kindCode: 'district', parentId: province.id });
  communeA = await t.buildUnit({ name: 'Xã A Một', kindCode: 'commune', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện B', kindCode: 'district', parentId: province.id });
  await t.buildUnit({ name: 'Xã B Một', kindCode: 'commune', parentId: districtB.id });

  const admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
  ownerUser = await t.buildUser({ role: 'unit_admin', unitId: districtA.id });
  owner = await t.signIn(ownerUser);
  // The sibling holds every role, each scoped to district B's subtree.
  siblingUser = await t.buildUser({ role: 'unit_admin', unitId: districtB.id });
  for (const role of roles.filter((r) => r !== 'unit_admin') as Role[]) {
    await t.db
      .insert(roleGrants)
      .values({ id: randomUUID(), tenantId: t.tenantId, userId: siblingUser.id, role, unitId: districtB.id, includeSubtree: true, validFrom: '2020-01-01' });
  }
  noPermissionUser = await t.buildUser({ role: 'viewer', unitId: districtA.id });

  // The owning district's objects, made through the API by people entitled to make them.
  const created = await owner.request('POST', '/api/users', { username: 'canbo.a', fullName: SECRET, unitId: communeA.id, password: 'MatKhauA12345' });
  expect(created.statusCode).toBe(201);
  staffA = { id: created.json().user.id, username: 'canbo.a', password: 'MatKhauA12345' };
  const grant = await owner.request('POST', `/api/users/${staffA.id}/grants`, { role: 'unit_reporter', unitId: communeA.id, includeSubtree: false, validFrom: '2024-01-01' });
  expect(grant.statusCode).toBe(201);
  ids.staffGrant = grant.json().id;
  const token = await owner.request('POST', '/api/auth/tokens', { name: SECRET, permissions: ['unit.read'], expiresAt: '2099-01-01' });
  ids.ownerToken = token.json().id;
  const group = await admin.request('POST', '/api/groups', { code: 'cum-a', name: 'Cụm A', kind: 'cluster', validFrom: '2021-01-01' });
  ids.group = group.json().id;
  const member = await admin.request('POST', `/api/groups/${ids.group}/members`, { unitId: communeA.id, validFrom: '2021-01-01' });
  ids.member = member.json().id ?? member.json().member?.id ?? member.json().members?.[0]?.id;
  const imported = await admin.request('POST', '/api/movement-packages', kh3125());
  expect(imported.statusCode).toBe(201);
  ids.movement = imported.json().movementId;
  ids.criteriaSet = imported.json().criteriaSetId;
  ids.version = imported.json().versionId;
  const movement = (await admin.request('GET', `/api/movements/${ids.movement}`)).json();
  ids.milestone = movement.milestones[0].id;
  ids.phaseCode = movement.phases[0].code;
  const evaluation = await admin.request('POST', `/api/criteria-versions/${ids.version}/evaluations`, { unitId: communeA.id, periodLabel: SECRET, values: {} });
  expect(evaluation.statusCode).toBe(201);
  for (const [key, value] of Object.entries(ids)) if (!value) throw new Error(`fixture ${key} missing`);
}, 240_000);
afterAll(async () => t?.close());

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** Areas whose routes are walked by their own outsider suite of the same shape. */
const delegatedSuites: { file: string; owns: (url: string) => boolean; source: () => string }[] = [
  {
    file: 'src/server/modules/inbox/obligations-outsider.test.ts',
    owns: (url: string) =>
      ['/api/inbox', '/api/notifications', '/api/admin/mail-outbox', '/api/launches', '/api/registrations', '/api/difficulties'].some((p) => url.startsWith(p)) ||
      (url.startsWith('/api/movements/:id/') &&
        ['/launches', '/launch-progress', '/progress', '/registration-form', '/registrations', '/pilot-units'].some((p) => url.slice('/api/movements/:id'.length).startsWith(p))),
  },
  {
    file: 'src/server/modules/reports/reports-outsider.test.ts',
    owns: (url: string) => ['/api/report-regimes', '/api/report-periods', '/api/reports', '/api/evidence', '/api/report-imports'].some((p) => url.startsWith(p)),
  },
].map((d) => ({
  ...d,
  source: () => (existsSync(path.resolve(import.meta.dirname, '../..', d.file)) ? readFileSync(path.resolve(import.meta.dirname, '../..', d.file), 'utf8') : ''),
}));

describe('outsider suite', () => {
  it("covers every registered route (a new route must be added here or to its area's outsider suite)", () => {
    const all = t.routes
      .filter((r) => !r.access || !('public' in r.access && r.access.public))
      .map(routeKey)
      .filter((k) => !k.includes('/api/docs'));
    // Routes of an area with its own outsider suite (same shape, its own fixtures) must appear there as a case key.
    const delegatedTo = (key: string) => delegatedSuites.find((d) => d.owns(key.split(' ')[1]!));
    for (const key of all.filter((k) => delegatedTo(k))) {
      const suite = delegatedTo(key)!;
      expect(suite.source(), `${key} has no case in ${suite.file}`).toContain(`'${key}'`);
    }
    const registered = all.filter((k) => !delegatedTo(k));
    const missing = registered.filter((k) => !(k in cases));
    expect(missing, `routes without an outsider case: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(cases).filter((k) => !registered.includes(k));
    expect(stale, `cases for routes that no longer exist or became public: ${stale.join(', ')}`).toEqual([]);
  });

  it('declares access on every route, and public routes say why', () => {
    const undeclared = t.routes.filter((r) => !r.url.startsWith('/api/docs') && r.access === undefined).map(routeKey);
    expect(undeclared).toEqual([]);
    for (const r of t.routes.filter((x) => x.access && 'public' in x.access && x.access.public)) {
      expect((r.access as { reason: string }).reason.length).toBeGreaterThan(3);
    }
  });

  it.each(Object.entries(cases))('%s refuses anonymous callers with 401 and changes nothing', async (key, c) => {
    const method = key.split(' ')[0] as 'GET';
    const before = await fingerprint();
    const response = await t.anonymous(method, c.url(), c.body?.());
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
    expect(response.body).not.toContain(SECRET);
    expect(await fingerprint()).toBe(before);
  });

  for (const [who, which] of [
    ['a user of the sibling district (every role there)', 'sibling'],
    ['a user of the district without the permission', 'noPermission'],
  ] as const) {
    it.each(Object.entries(cases))(`%s as ${who}: nothing of district A leaks, nothing changes`, async (key, c) => {
      const expectation = c[which];
      const method = key.split(' ')[0] as 'GET';
      // A fresh session per call, so that a logout or password change cannot affect the next case.
      const session = await t.signIn(which === 'sibling' ? siblingUser : noPermissionUser);
      const before = await fingerprint();
      const response = await session.request(method, c.url(), c.body?.());
      // District A's own viewer may read A's data; nobody else may see it.
      if (which === 'sibling' || expectation === 'denied') expect(response.body).not.toContain(SECRET);
      if (expectation === 'denied') {
        expect([400, 403, 404, 409, 422], `${key} answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toContain(response.statusCode);
        if (method === 'GET') expect([403, 404]).toContain(response.statusCode);
        expect(await fingerprint()).toBe(before);
      } else if (expectation === 'scoped') {
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain(communeA.id);
        expect(await fingerprint()).toBe(before);
      } else if (expectation === 'readable') {
        expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
        expect(await fingerprint()).toBe(before);
      } else {
        expect(response.statusCode).toBeLessThan(500);
      }
    });
  }

  it('the owner can see what outsiders cannot (the fixtures are real)', async () => {
    const users = await owner.request('GET', '/api/users');
    expect(users.body).toContain(SECRET);
    const audit = await owner.request('GET', `/api/audit?unitId=${communeA.id}`);
    expect(audit.statusCode).toBe(200);
    expect(audit.json().total).toBeGreaterThan(0);
    const evaluations = await owner.request('GET', `/api/criteria-versions/${ids.version}/evaluations`);
    expect(evaluations.body).toContain(SECRET);
  });
});
