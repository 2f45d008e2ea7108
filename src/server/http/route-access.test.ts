/**
 * The request hook enforces a route's declared permission (RouteAccess): an actor who holds it nowhere is refused before
 * the handler runs and before the body is read. Probe routes whose handlers check nothing show that the refusal comes
 * from the hook; a sweep over the real routes shows every declared permission is enforced.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseFingerprint } from '../../../tests/helpers/fingerprint.js';
import { createTestApp, type Session, type TestApp } from '../../../tests/helpers/test-app.js';
import type { App } from './types.js';

let t: TestApp;
let reached = 0;
let viewer: Session;
let districtAdmin: Session;
let nobody: Session;

/** Probe routes: each counts its calls and answers 200 without any check of its own. */
function registerProbes(app: App) {
  const reach = async () => {
    reached += 1;
    return { reached: true };
  };
  app.get('/api/test-probe/forbidden', { config: { access: { permission: 'audit.read' } } }, reach);
  app.get('/api/test-probe/not-found', { config: { access: { permission: 'audit.read', heldNowhere: 'not_found' } } }, reach);
  app.get('/api/test-probe/service', { config: { access: { permission: 'audit.read', heldNowhere: 'service' } } }, reach);
  app.get('/api/test-probe/signed-in', { config: { access: {} } }, reach);
  app.post('/api/test-probe/body', { config: { access: { permission: 'audit.read' } }, schema: { body: z.object({ n: z.number() }).strict() } }, reach);
}

beforeAll(async () => {
  t = await createTestApp({}, { register: registerProbes });
  const district = await t.buildUnit({ name: 'Huyện Thử Quyền', kindCode: 'district' });
  // unit_admin holds audit.read (over its district); viewer holds none of the audit permissions; the third has no grant.
  districtAdmin = await t.signIn(await t.buildUser({ role: 'unit_admin', unitId: district.id }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer', unitId: district.id }));
  nobody = await t.signIn(await t.buildUser({ unitId: district.id }));
}, 120_000);
afterAll(async () => t?.close());

/** Calls a probe and says whether its handler ran. */
async function probe(call: () => ReturnType<Session['request']>) {
  const before = reached;
  const response = await call();
  return { status: response.statusCode, code: response.statusCode >= 400 ? (response.json() as { error: { code: string } }).error.code : null, ran: reached > before };
}

describe('the declared permission, enforced by the request hook', () => {
  it('refuses anonymous callers with 401, signed-in ones holding the permission nowhere with 403, and lets a holder anywhere through', async () => {
    expect(await probe(() => t.anonymous('GET', '/api/test-probe/forbidden'))).toEqual({ status: 401, code: 'unauthenticated', ran: false });
    expect(await probe(() => viewer.request('GET', '/api/test-probe/forbidden'))).toEqual({ status: 403, code: 'forbidden', ran: false });
    expect(await probe(() => nobody.request('GET', '/api/test-probe/forbidden'))).toEqual({ status: 403, code: 'forbidden', ran: false });
    // Held over one district is enough for the hook; whether an object is within that district is the service's question.
    expect(await probe(() => districtAdmin.request('GET', '/api/test-probe/forbidden'))).toEqual({ status: 200, code: null, ran: true });
  });

  it('refuses an API token that leaves the permission out, although its user holds it', async () => {
    const created = await districtAdmin.request('POST', '/api/auth/tokens', { name: 'chỉ xem đơn vị', permissions: ['unit.read'], expiresAt: '2099-01-01' });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${(created.json() as { token: string }).token}` };
    expect(await probe(() => t.anonymous('GET', '/api/test-probe/forbidden', undefined, bearer))).toEqual({ status: 403, code: 'forbidden', ran: false });
    expect(await probe(() => t.anonymous('GET', '/api/test-probe/signed-in', undefined, bearer))).toEqual({ status: 200, code: null, ran: true });
  });

  it("answers as the route declares: 404 where the service would find nothing in an empty scope, the service's own answer where it depends on the object", async () => {
    expect(await probe(() => viewer.request('GET', '/api/test-probe/not-found'))).toEqual({ status: 404, code: 'not_found', ran: false });
    expect(await probe(() => districtAdmin.request('GET', '/api/test-probe/not-found'))).toEqual({ status: 200, code: null, ran: true });
    expect(await probe(() => viewer.request('GET', '/api/test-probe/service'))).toEqual({ status: 200, code: null, ran: true });
  });

  it('asks only for a signed-in actor where the route declares no permission', async () => {
    expect(await probe(() => t.anonymous('GET', '/api/test-probe/signed-in'))).toEqual({ status: 401, code: 'unauthenticated', ran: false });
    expect(await probe(() => nobody.request('GET', '/api/test-probe/signed-in'))).toEqual({ status: 200, code: null, ran: true });
  });

  it('refuses before the body is read: a malformed body from an actor without the permission is still 403', async () => {
    expect(await probe(() => viewer.request('POST', '/api/test-probe/body', { n: 'not a number', extra: true }))).toEqual({ status: 403, code: 'forbidden', ran: false });
    expect((await districtAdmin.request('POST', '/api/test-probe/body', { n: 'not a number' })).statusCode).toBe(400);
    expect(await probe(() => districtAdmin.request('POST', '/api/test-probe/body', { n: 1 }))).toEqual({ status: 200, code: null, ran: true });
  });

  it('enforces every real route that declares a permission: a user with no grant is refused as the route declares, and nothing changes', async () => {
    const declared = t.routes.filter((r) => !r.url.startsWith('/api/test-probe') && r.access && !r.access.public && r.access.permission && r.access.heldNowhere !== 'service');
    expect(declared.length).toBeGreaterThan(40);
    const before = await databaseFingerprint(t.db);
    for (const route of declared) {
      const access = route.access as { heldNowhere?: 'forbidden' | 'not_found' };
      const url = route.url.replace(/:\w+/g, () => randomUUID());
      const response = await nobody.request(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : {});
      const expected = access.heldNowhere === 'not_found' ? [404, 'not_found'] : [403, 'forbidden'];
      expect([response.statusCode, (response.json() as { error: { code: string } }).error.code], `${route.method} ${route.url}`).toEqual(expected);
    }
    expect(await databaseFingerprint(t.db)).toBe(before);
  });
});
