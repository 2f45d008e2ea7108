/**
 * The demo province across the 1 July 2025 reorganisation: a period before it is counted on Hải Dương's tree, a
 * period after it on Hải Phòng's, and drilling into Thành phố Hải Phòng reaches back to Tỉnh Hải Dương through
 * lineage — in the trend and in a ward's scorecard history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { users } from '../../db/schema/index.js';
import { DEMO_PASSWORD, seedDemo } from '../../seed/demo.js';
import { createTestApp, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let standing: Session;
let movementId: string;
let before: Json; // the latest quarterly demo period (Hải Dương's tree)
let after: string; // a period after 1/7/2025 in the same regime (Hải Phòng's tree)
let haiDuong: string;
let haiPhong: string;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000 });
  await seedDemo(t.db);
  const [user] = await t.db.select().from(users).where(eq(users.username, 'thuongtruc'));
  standing = await t.signIn({ id: user!.id, username: 'thuongtruc', password: DEMO_PASSWORD });
  movementId = ((await standing.request('GET', '/api/movements')).json() as Json[]).find((m) => m.code === 'cds-2021-2025')!.id;
  const periods = (await standing.request('GET', '/api/report-periods')).json() as Json[];
  before = periods.find((p) => p.code === '2024-Q4')!;
  const today = todayInVietnam();
  const custom = {
    code: 'THU-SAU-SAP-XEP',
    label: 'Kỳ sau sắp xếp (thử)',
    startDate: addDays(today, -90),
    endDate: addDays(today, -1),
    opensOn: addDays(today, -5),
    dueDate: addDays(today, 10),
    closesOn: addDays(today, 20),
    locksOn: addDays(today, 60),
  };
  const created = await standing.request('POST', `/api/report-regimes/${before.regimeId}/periods`, { custom });
  if (created.statusCode !== 201) throw new Error(`period: ${created.body}`);
  after = (created.json() as Json[])[0]!.id;
  expect((await standing.request('GET', `/api/report-periods/${after}`)).json().status).toBe('open');
}, 300_000);
afterAll(async () => t?.close());

const dashboard = (periodId: string, query = '') => standing.request('GET', `/api/movements/${movementId}/dashboard?periodId=${periodId}${query}`);

describe('the organisation tree of each period', () => {
  it('starts the drill-down at Tỉnh Hải Dương before 1/7/2025 and at Thành phố Hải Phòng after', async () => {
    const old = (await dashboard(before.id)).json() as Json;
    const now = (await dashboard(after)).json() as Json;
    const provinces = (view: Json) => view.children.filter((c: Json) => c.level === 'province').map((c: Json) => c.name);
    expect(provinces(old)).toEqual(['Tỉnh Hải Dương']);
    expect(provinces(now)).toEqual(['Thành phố Hải Phòng']);
    haiDuong = old.children.find((c: Json) => c.name === 'Tỉnh Hải Dương').unitId;
    haiPhong = now.children.find((c: Json) => c.name === 'Thành phố Hải Phòng').unitId;
    // Hải Phòng city did not exist on 31/12/2024: 404 on that period's tree.
    expect((await dashboard(before.id, `&unitId=${haiPhong}`)).statusCode).toBe(404);
  });

  it('the trend of Thành phố Hải Phòng counts Hải Dương’s units for the periods before the merger', async () => {
    const r = await standing.request('GET', `/api/movements/${movementId}/dashboard/trend?periodId=${after}&unitId=${haiPhong}&periods=20`);
    expect(r.statusCode, r.body).toBe(200);
    const trend = r.json() as Json;
    expect(trend.periods.at(-1).id).toBe(after);
    const row = (periodId: string, level: string) => trend.completeness.find((c: Json) => c.periodId === periodId && c.level === level);
    // Before: the same figures as Tỉnh Hải Dương's own drill-down of that period.
    const old = (await dashboard(before.id, `&unitId=${haiDuong}`)).json() as Json;
    for (const c of old.completeness)
      expect(row(before.id, c.level), c.level).toMatchObject({ expected: c.expected, submitted: c.submitted, approved: c.approved, onTime: c.onTime });
    expect(row(before.id, 'commune').expected).toBeGreaterThan(100);
    // After: Hải Phòng's own communes, no districts any more.
    const now = (await dashboard(after, `&unitId=${haiPhong}`)).json() as Json;
    const communesNow = now.completeness.find((c: Json) => c.level === 'commune');
    expect(row(after, 'commune')).toMatchObject({ expected: communesNow.expected, approved: communesNow.approved });
    expect(communesNow.expected).not.toBe(row(before.id, 'commune').expected);
    expect(row(after, 'district')?.expected ?? 0).toBe(0);
    // Met % of the earlier period equals the period view's.
    const online = trend.criteria.find((c: Json) => c.code === 'ho_so_cong_viec_tren_mang' && c.level === 'commune');
    const oldOnline = old.criteria.find((c: Json) => c.code === 'ho_so_cong_viec_tren_mang' && c.level === 'commune');
    expect(online.points.find((p: Json) => p.periodId === before.id)).toMatchObject({ evaluated: oldOnline.evaluated, met: oldOnline.met, metPercent: oldOnline.metPercent });
  });

  it('a Hải Phòng commune’s scorecard history shows its predecessor’s results, named', async () => {
    // A Nam Sách commune with approved demo results in 2024, and the commune it was merged into on 1/7/2025.
    const ranking = (await standing.request('GET', `/api/movements/${movementId}/rankings?periodId=${before.id}&level=commune`)).json() as Json;
    // Follow the lineage forwards (possibly through the March 2025 merger) to a unit in force today.
    let old: Json | undefined;
    let successor: Json | undefined;
    for (const row of ranking.rows as Json[]) {
      let current = row.unitId as string;
      for (let step = 0; step < 3; step++) {
        const detail = (await standing.request('GET', `/api/units/${current}`)).json() as Json;
        const next = (detail.successors as Json[]).find((x) => x.eventType === 'merged_into' && x.kind === 'full');
        if (!next) break;
        current = next.id;
        if (!next.ancestors.some((a: Json) => /Hải Dương/.test(a.name))) {
          successor = next;
          break;
        }
      }
      if (successor) {
        old = row;
        break;
      }
    }
    expect(successor, 'a Nam Sách commune merged into a Hải Phòng commune').toBeTruthy();
    const card = (await standing.request('GET', `/api/units/${successor!.id}/scorecard?movementId=${movementId}`)).json() as Json;
    const fromOld = card.periods.filter((p: Json) => p.unitId === old!.unitId);
    expect(fromOld.map((p: Json) => p.unitName)).toEqual(fromOld.map(() => old!.name));
    expect(fromOld.map((p: Json) => p.id)).toContain(before.id);
    // Its own diligence: the new commune reported nothing yet, and its only period is not due.
    expect(card.diligence.index).toBeNull();
  });
});
