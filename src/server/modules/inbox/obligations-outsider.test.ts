/**
 * The outsider suite for the routes of issue 4 (launches, registrations, pilot units, inbox, notifications,
 * difficulties), in the shape of tests/integration/outsider.test.ts: every route as anonymous, as a user of the
 * sibling district holding every role there, and as a viewer of the owning district. Nothing of district A leaks to
 * the sibling, nothing changes for a refused call; a route of these areas without a case fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { roles, type Role } from '../../../core/permissions.js';
import { roleGrants, users } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { createTestApp, type Session, type TestApp, type TestUnit, type TestUser } from '../../../../tests/helpers/test-app.js';
import { buildMovement } from '../launches/obligations.fixtures.js';
import { databaseFingerprint } from '../../../../tests/helpers/fingerprint.js';

type Expect = 'denied' | 'readable' | 'self';
type Case = { url: () => string; body?: () => unknown; sibling: Expect; viewer: Expect };

const SECRET = 'Bí mật của huyện A';
let t: TestApp;
let districtA: TestUnit, communeA: TestUnit, districtB: TestUnit;
let siblingUser: TestUser, viewerUser: TestUser;
const ids: Record<string, string> = {};

const mine = ['/api/inbox', '/api/notifications', '/api/admin/mail-outbox', '/api/launches', '/api/registrations', '/api/difficulties'];
const movementRoutes = ['/launches', '/launch-progress', '/progress', '/registration-form', '/registrations', '/pilot-units'];
const isMine = (url: string) =>
  mine.some((p) => url.startsWith(p)) || (url.startsWith('/api/movements/:id/') && movementRoutes.some((p) => url.slice('/api/movements/:id'.length).startsWith(p)));

const launchBody = () => ({ unitId: communeA.id, launchDate: '2021-11-01', document: { number: '1/KH', date: '2021-10-30', summary: 'x' }, scope: 'x', participants: 1 });
const cases: Record<string, Case> = {
  'POST /api/movements/:id/launches': { url: () => `/api/movements/${ids.movement}/launches`, body: launchBody, sibling: 'denied', viewer: 'denied' },
  'GET /api/movements/:id/launches': { url: () => `/api/movements/${ids.movement}/launches`, sibling: 'readable', viewer: 'readable' },
  'GET /api/launches/:id': { url: () => `/api/launches/${ids.launch}`, sibling: 'denied', viewer: 'readable' },
  'PATCH /api/launches/:id': { url: () => `/api/launches/${ids.launch}`, body: () => ({ rowVersion: 1, participants: 2 }), sibling: 'denied', viewer: 'denied' },
  'GET /api/movements/:id/launch-progress': { url: () => `/api/movements/${ids.movement}/launch-progress`, sibling: 'readable', viewer: 'denied' },
  'GET /api/movements/:id/progress': { url: () => `/api/movements/${ids.movement}/progress?obligation=register`, sibling: 'readable', viewer: 'denied' },
  'GET /api/inbox': { url: () => '/api/inbox?status=all', sibling: 'readable', viewer: 'readable' },
  'GET /api/notifications': { url: () => '/api/notifications', sibling: 'self', viewer: 'self' },
  'POST /api/notifications/:id/read': { url: () => `/api/notifications/${ids.notification}/read`, sibling: 'denied', viewer: 'denied' },
  'POST /api/notifications/read-all': { url: () => '/api/notifications/read-all', sibling: 'self', viewer: 'self' },
  'GET /api/admin/mail-outbox': { url: () => '/api/admin/mail-outbox', sibling: 'denied', viewer: 'denied' },
  'GET /api/movements/:id/registration-form': { url: () => `/api/movements/${ids.movement}/registration-form?unitId=${communeA.id}`, sibling: 'denied', viewer: 'denied' },
  'POST /api/movements/:id/registrations': {
    url: () => `/api/movements/${ids.movement}/registrations`,
    body: () => ({ unitId: districtA.id, contentAreas: ['chinh_quyen_so'] }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'GET /api/movements/:id/registrations': { url: () => `/api/movements/${ids.movement}/registrations`, sibling: 'readable', viewer: 'readable' },
  'GET /api/registrations/:id': { url: () => `/api/registrations/${ids.registration}`, sibling: 'denied', viewer: 'readable' },
  'PATCH /api/registrations/:id': { url: () => `/api/registrations/${ids.draft}`, body: () => ({ rowVersion: 1, note: 'x' }), sibling: 'denied', viewer: 'denied' },
  'POST /api/registrations/:id/submit': { url: () => `/api/registrations/${ids.draft}/submit`, sibling: 'denied', viewer: 'denied' },
  'POST /api/registrations/:id/confirm': { url: () => `/api/registrations/${ids.registration}/confirm`, sibling: 'denied', viewer: 'denied' },
  'POST /api/registrations/:id/return': { url: () => `/api/registrations/${ids.registration}/return`, body: () => ({ comment: 'x' }), sibling: 'denied', viewer: 'denied' },
  'GET /api/movements/:id/pilot-units': { url: () => `/api/movements/${ids.movement}/pilot-units`, sibling: 'readable', viewer: 'readable' },
  'GET /api/movements/:id/pilot-units.xlsx': { url: () => `/api/movements/${ids.movement}/pilot-units.xlsx`, sibling: 'readable', viewer: 'readable' },
  'PUT /api/movements/:id/pilot-units/provincial': {
    url: () => `/api/movements/${ids.movement}/pilot-units/provincial`,
    body: () => ({ unitIds: [districtB.id] }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'PUT /api/movements/:id/pilot-units/:unitId': {
    url: () => `/api/movements/${ids.movement}/pilot-units/${districtA.id}`,
    body: () => ({ unitIds: [communeA.id] }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'POST /api/difficulties': {
    url: () => '/api/difficulties',
    body: () => ({ unitId: communeA.id, kind: 'difficulty', title: 'x', content: 'x' }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'GET /api/difficulties': { url: () => '/api/difficulties', sibling: 'readable', viewer: 'readable' },
  'GET /api/difficulties/:id': { url: () => `/api/difficulties/${ids.difficulty}`, sibling: 'denied', viewer: 'denied' },
  'POST /api/difficulties/:id/answer': { url: () => `/api/difficulties/${ids.difficulty}/answer`, body: () => ({ answer: 'x' }), sibling: 'denied', viewer: 'denied' },
  'POST /api/difficulties/:id/close': { url: () => `/api/difficulties/${ids.difficulty}/close`, sibling: 'denied', viewer: 'denied' },
};

const watched = [
  'launches',
  'registrations',
  'registration_events',
  'pilot_registrations',
  'pilot_units',
  'difficulties',
  'due_items',
  'notifications',
  'mail_outbox',
  'reminders_sent',
  'audit_log',
];
const fingerprint = () => databaseFingerprint(t.db, { tables: watched });

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
  const province = await t.buildUnit({ name: 'Tỉnh Thử Nghiệm', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện A', kindCode: 'district', parentId: province.id });
  communeA = await t.buildUnit({ name: 'Xã A Một', kindCode: 'commune', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện B', kindCode: 'district', parentId: province.id });
  await t.buildUnit({ name: 'Xã B Một', kindCode: 'commune', parentId: districtB.id });
  const agency = await t.buildUnit({ name: 'Sở Thông tin và Truyền thông', kindCode: 'department', parentId: province.id });
  ({ movementId: ids.movement } = await buildMovement(t.db, t.tenantId, {
    milestones: [
      { code: 'phat_dong', obligation: 'launch', appliesTo: ['district'], deadline: '2021-12-31' },
      { code: 'diem', obligation: 'register_pilot', appliesTo: ['district'], deadline: '2021-12-31' },
    ],
    agencies: [{ role: 'standing_agency', unitId: agency.id }],
  }));
  const ownerUser = await t.buildUser({ role: 'unit_admin', unitId: districtA.id });
  await t.db.update(users).set({ email: 'a@example.vn' }).where(eq(users.id, ownerUser.id));
  const owner = await t.signIn(ownerUser);
  const standingUser = await t.buildUser({ role: 'standing_agency', unitId: null });
  await t.db.update(users).set({ email: 'tt@example.vn' }).where(eq(users.id, standingUser.id));
  const standing = await t.signIn(standingUser);
  siblingUser = await t.buildUser({ role: 'unit_admin', unitId: districtB.id });
  for (const role of roles.filter((r) => r !== 'unit_admin') as Role[]) {
    await t.db
      .insert(roleGrants)
      .values({ id: randomUUID(), tenantId: t.tenantId, userId: siblingUser.id, role, unitId: districtB.id, includeSubtree: true, validFrom: '2020-01-01' });
  }
  viewerUser = await t.buildUser({ role: 'viewer', unitId: districtA.id });

  const launch = await owner.request('POST', `/api/movements/${ids.movement}/launches`, { ...launchBody(), scope: SECRET });
  ids.launch = launch.json().id;
  const submitted = await owner.request('POST', `/api/movements/${ids.movement}/registrations`, {
    unitId: communeA.id,
    contentAreas: ['chinh_quyen_so'],
    signer: { name: 'Người ký', position: 'Chủ tịch' },
    signedOn: '2021-11-20',
    note: SECRET,
    submit: true,
  });
  ids.registration = submitted.json().id;
  const draft = await owner.request('POST', `/api/movements/${ids.movement}/registrations`, { unitId: districtA.id, contentAreas: ['chinh_quyen_so'], note: SECRET });
  ids.draft = draft.json().id;
  await owner.request('PUT', `/api/movements/${ids.movement}/pilot-units/${districtA.id}`, { unitIds: [communeA.id], registeredOn: '2021-12-01' });
  const difficulty = await owner.request('POST', '/api/difficulties', { unitId: communeA.id, movementId: ids.movement, kind: 'difficulty', title: SECRET, content: SECRET });
  ids.difficulty = difficulty.json().id;
  ids.notification = (await standing.request('GET', '/api/notifications')).json().items[0]?.id;
  for (const [key, value] of Object.entries(ids)) if (!value) throw new Error(`fixture ${key} missing`);
}, 240_000);
afterAll(async () => t?.close());

describe('outsider suite for launches, registrations, pilot units, inbox, notifications, difficulties', () => {
  it('covers every route of these areas', () => {
    const registered = t.routes.filter((r) => isMine(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((k) => !(k in cases))).toEqual([]);
    expect(Object.keys(cases).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it.each(Object.entries(cases))('%s refuses anonymous callers with 401 and changes nothing', async (key, c) => {
    const before = await fingerprint();
    const response = await t.anonymous(key.split(' ')[0] as 'GET', c.url(), c.body?.());
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain(SECRET);
    expect(await fingerprint()).toBe(before);
  });

  for (const who of ['sibling', 'viewer'] as const) {
    it.each(Object.entries(cases))(`%s as the ${who}: refused calls change nothing; the sibling never sees district A`, async (key, c) => {
      const method = key.split(' ')[0] as 'GET';
      const session: Session = await t.signIn(who === 'sibling' ? siblingUser : viewerUser);
      const before = await fingerprint();
      const response = await session.request(method, c.url(), c.body?.());
      if (who === 'sibling') expect(response.body).not.toContain(SECRET);
      const expectation = c[who];
      if (expectation === 'denied') {
        expect([400, 403, 404, 409, 422], `${key}: ${response.statusCode} ${response.body.slice(0, 300)}`).toContain(response.statusCode);
        if (method === 'GET') expect([403, 404]).toContain(response.statusCode);
        expect(await fingerprint()).toBe(before);
      } else if (expectation === 'readable') {
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        expect(await fingerprint()).toBe(before);
      } else {
        expect(response.statusCode).toBeLessThan(500);
      }
    });
  }

  it('the viewer of district A reads its launches and registrations (movement.read), the fixtures are real', async () => {
    const viewer = await t.signIn(viewerUser);
    expect((await viewer.request('GET', `/api/launches/${ids.launch}`)).body).toContain(SECRET);
    expect((await viewer.request('GET', `/api/movements/${ids.movement}/registrations`)).body).toContain(SECRET);
  });
});
