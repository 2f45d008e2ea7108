/**
 * The demo as the issue-4 journey will use it, through HTTP: the standing agency's progress is not empty; the demo
 * commune launches and registers; the demo district registers two pilot units; the figures move and the overdue
 * list shrinks. (The browser journey is the web app's; this pins the API it relies on.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../db/schema/index.js';
import { createTestApp, type Session, type TestApp } from '../../../tests/helpers/test-app.js';
import { DEMO_PASSWORD, seedDemo } from './demo.js';
import { sealAuditChain, verifyAuditChain } from '../audit/audit.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let movementId: string;
let standing: Session, commune: Session, district: Session;
let communeUnitId: string, districtUnitId: string;

async function demoSession(username: string): Promise<{ session: Session; unitId: string | null }> {
  const [user] = await t.db.select().from(users).where(eq(users.username, username));
  return { session: await t.signIn({ id: user!.id, username, password: DEMO_PASSWORD }), unitId: user!.unitId };
}

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
  await seedDemo(t.db);
  standing = (await demoSession('thuongtruc')).session;
  ({ session: commune, unitId: communeUnitId } = (await demoSession('xa.camthuong')) as { session: Session; unitId: string });
  ({ session: district, unitId: districtUnitId } = (await demoSession('huyen.namsach')) as { session: Session; unitId: string });
  const list = (await standing.request('GET', '/api/movements')).json() as Json[];
  movementId = list.find((m) => m.code === 'cds-2021-2025')!.id;
}, 240_000);
afterAll(async () => t?.close());

describe('demo obligations of KH 3125', () => {
  it('gives the standing agency a non-empty progress view and inbox, all marked demo', async () => {
    const progress = (await standing.request('GET', `/api/movements/${movementId}/launch-progress`)).json();
    expect(progress.totals.expected).toBeGreaterThan(20);
    expect(progress.totals).toMatchObject({ done: 5, onTime: 4, late: 1 });
    expect(progress.byDistrict.length).toBe(12);
    expect(progress.overdue.length).toBe(progress.totals.expected - 5);
    const launches = (await standing.request('GET', `/api/movements/${movementId}/launches`)).json() as Json[];
    expect(launches.every((l) => l.isDemo && l.document.summary.includes('(demo)'))).toBe(true);
    const inbox = (await standing.request('GET', '/api/inbox?kind=registration_review')).json();
    expect(inbox.items.map((i: Json) => i.title)).toEqual([expect.stringContaining('(demo)')]);
    const pilots = (await standing.request('GET', `/api/movements/${movementId}/pilot-units`)).json();
    expect(pilots.districts.map((d: Json) => d.registeringUnitName)).toEqual(['Thành phố Chí Linh']);
    await sealAuditChain(t.db);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('walks the journey: the commune launches and registers, the district registers two pilots, the figures move', async () => {
    const before = (await standing.request('GET', `/api/movements/${movementId}/launch-progress`)).json();
    const launch = await commune.request('POST', `/api/movements/${movementId}/launches`, {
      unitId: communeUnitId,
      launchDate: '2021-11-20',
      document: { number: '05/KH-UBND', date: '2021-11-18', summary: 'Kế hoạch phát động phong trào thi đua Chuyển đổi số' },
      scope: 'Cán bộ, công chức phường và Nhân dân',
      participants: 60,
    });
    expect(launch.statusCode, launch.body).toBe(201);
    const after = (await standing.request('GET', `/api/movements/${movementId}/launch-progress`)).json();
    expect(after.byLevel.find((l: Json) => l.level === 'commune').voluntary).toBe(before.byLevel.find((l: Json) => l.level === 'commune').voluntary + 1);

    const form = (await commune.request('GET', `/api/movements/${movementId}/registration-form?unitId=${communeUnitId}`)).json();
    expect(form.levels).toEqual([{ level: 'commune', label: 'cấp xã' }]);
    const looser = await commune.request('POST', `/api/movements/${movementId}/registrations`, {
      unitId: communeUnitId,
      contentAreas: ['chinh_quyen_so'],
      commitments: [{ criterionCode: 'ho_so_cong_viec_tren_mang', comparator: 'gte', threshold: '55' }],
      signer: { name: 'Chủ tịch phường (demo)', position: 'Chủ tịch UBND phường' },
      signedOn: '2021-11-25',
      submit: true,
    });
    expect(looser.statusCode).toBe(422);
    expect(looser.json().error.message).toBe('Cam kết 55 % thấp hơn chỉ tiêu của Kế hoạch (≥ 60 %) cho cấp xã');
    const registered = await commune.request('POST', `/api/movements/${movementId}/registrations`, {
      unitId: communeUnitId,
      contentAreas: ['chinh_quyen_so'],
      commitments: [{ criterionCode: 'ho_so_cong_viec_tren_mang', comparator: 'gte', threshold: '65' }],
      signer: { name: 'Chủ tịch phường (demo)', position: 'Chủ tịch UBND phường' },
      signedOn: '2021-11-25',
      submit: true,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json().status).toBe('submitted');
    const review = (await standing.request('GET', '/api/inbox?kind=registration_review')).json();
    expect(review.items).toHaveLength(2);

    const pilotBefore = (await standing.request('GET', `/api/movements/${movementId}/progress?obligation=register_pilot`)).json();
    expect(pilotBefore.overdue.map((o: Json) => o.unitId)).toContain(districtUnitId);
    const tree = (await district.request('GET', '/api/units/tree?asOf=2021-12-20')).json();
    const communes = tree.nodes.filter((n: Json) => n.parentId === districtUnitId).slice(0, 2);
    const pilots = await district.request('PUT', `/api/movements/${movementId}/pilot-units/${districtUnitId}`, {
      unitIds: communes.map((c: Json) => c.id),
      registeredOn: '2021-12-20',
    });
    expect(pilots.statusCode, pilots.body).toBe(200);
    const pilotAfter = (await standing.request('GET', `/api/movements/${movementId}/progress?obligation=register_pilot`)).json();
    expect(pilotAfter.overdue.length).toBe(pilotBefore.overdue.length - 1);
    expect(pilotAfter.overdue.map((o: Json) => o.unitId)).not.toContain(districtUnitId);
    expect(pilotAfter.totals.onTime).toBe(pilotBefore.totals.onTime + 1);
  });
});
