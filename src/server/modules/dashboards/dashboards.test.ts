import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { movements } from '../../db/schema/index.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ReportsFixture;
let movementId: string;
let c2reporter: Session;
const ONLINE = 'ho_so_cong_viec_tren_mang';

/** Opens, fills, submits and (unless told otherwise) approves a commune report through the API. */
async function report(reporter: Session, unitId: string, values: Record<string, string>, approve = true) {
  const opened = await openReportFor(reporter, f.periodId, unitId);
  let rv = await fillCommuneReport(reporter, opened.id, opened.rowVersion, values);
  const submitted = await reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  rv = submitted.json().rowVersion;
  if (!approve) return opened.id;
  const approved = await f.s.standing.request('POST', `/api/reports/${opened.id}/approve`, { rowVersion: rv });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
  return opened.id;
}

beforeAll(async () => {
  f = await buildReportsFixture();
  [{ id: movementId }] = (await f.t.db.select({ id: movements.id }).from(movements)) as [{ id: string }];
  c2reporter = await f.t.signIn(await f.t.buildUser({ role: 'unit_reporter', unitId: f.units.c2.id, includeSubtree: false }));
  await report(f.s.reporter, f.units.c1.id, goodCommuneValues);
  // C2 handles only 10 % of its records online: the online-records criterion is not met.
  await report(c2reporter, f.units.c2.id, { ...goodCommuneValues, records_online: '10' });
  await report(f.s.outsider, f.units.c3.id, goodCommuneValues);
  await report(f.s.c4reporter, f.units.c4.id, goodCommuneValues, false);
}, 240_000);
afterAll(async () => f?.t.close());

const dashboard = (s: Session, query = '') => s.request('GET', `/api/movements/${movementId}/dashboard?periodId=${f.periodId}${query}`);
const communeRow = (body: Json, code = ONLINE) => body.criteria.find((c: Json) => c.code === code && c.level === 'commune');

describe('dashboard', () => {
  it('counts met / not met / awaiting per criterion and level, with completeness and timeliness', async () => {
    const r = await dashboard(f.s.standing);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Json;
    expect(body.period).toMatchObject({ id: f.periodId, label: 'Kỳ thử 1' });
    expect(communeRow(body)).toMatchObject({ expected: 4, evaluated: 3, met: 2, notMet: 1, metPercent: '66.67', awaiting: 1, target: '≥ 60 %' });
    expect(communeRow(body, 'van_ban_dien_tu')).toMatchObject({ expected: 4, evaluated: 3, met: 3, metPercent: '100.00', awaiting: 1 });
    const commune = body.completeness.find((c: Json) => c.level === 'commune');
    expect(commune).toMatchObject({ expected: 4, submitted: 4, approved: 3, completenessPercent: '75.00', onTime: 4, late: 0, overdue: 0, timelinessPercent: '100.00' });
    expect(body.completeness.find((c: Json) => c.level === 'district')).toMatchObject({ expected: 2, submitted: 0, approved: 0 });
    // The province is the starting point of the drill-down for a tenant-wide reader.
    expect(body.children.map((c: Json) => c.name)).toEqual(['Tỉnh Thử Nghiệm']);
  });

  it('drills down province → district → commune on the period tree', async () => {
    const province = (await dashboard(f.s.standing, `&unitId=${f.units.province.id}`)).json() as Json;
    expect(province.children.map((c: Json) => c.name)).toEqual(['Huyện Bắc Thử', 'Huyện Nam Thử', 'Phường Mới Thử', 'Sở Thử Nghiệm']);
    // The district reports too (its own report is not in yet).
    expect(province.children.find((c: Json) => c.name === 'Huyện Nam Thử')).toMatchObject({ expected: 3, approved: 2, completenessPercent: '66.67', hasChildren: true });
    const district = (await dashboard(f.s.standing, `&unitId=${f.units.d1.id}`)).json() as Json;
    expect(district.unit).toMatchObject({ id: f.units.d1.id, parentId: f.units.province.id });
    expect(communeRow(district)).toMatchObject({ expected: 2, evaluated: 2, met: 1, notMet: 1, metPercent: '50.00', awaiting: 0 });
    expect(district.children.map((c: Json) => c.name)).toEqual(['Xã Đông Thử', 'Xã Tây Thử']);
  });

  it('a district reader sees only its own units; another district answers 404', async () => {
    const own = await dashboard(f.s.viewer);
    expect(own.statusCode, own.body).toBe(200);
    expect(communeRow(own.json())).toMatchObject({ expected: 2, met: 1, notMet: 1 });
    expect(own.json().children.map((c: Json) => c.name)).toEqual(['Huyện Nam Thử']);
    expect(own.body).not.toContain(f.units.c3.id);
    expect((await dashboard(f.s.viewer, `&unitId=${f.units.d2.id}`)).statusCode).toBe(404);
    expect((await dashboard(f.s.viewer, `&unitId=${f.units.province.id}`)).statusCode).toBe(404);
    expect((await f.s.viewer.request('GET', `/api/units/${f.units.c3.id}/scorecard?movementId=${movementId}`)).statusCode).toBe(404);
  });

  it('an unknown period or a period of another movement answers 404; no session answers 401', async () => {
    expect((await f.s.standing.request('GET', `/api/movements/${movementId}/dashboard?periodId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await f.s.standing.request('GET', `/api/movements/${crypto.randomUUID()}/dashboard?periodId=${f.periodId}`)).statusCode).toBe(404);
    expect((await f.t.anonymous('GET', `/api/movements/${movementId}/dashboard?periodId=${f.periodId}`)).statusCode).toBe(401);
  });

  it('reflects an approval at once (no batch, no stale cache)', async () => {
    const before = communeRow((await dashboard(f.s.standing)).json());
    const reportId = (await f.s.c4reporter.request('POST', '/api/reports', { periodId: f.periodId, unitId: f.units.c4.id })).json() as Json;
    const approved = await f.s.standing.request('POST', `/api/reports/${reportId.id}/approve`, { rowVersion: reportId.rowVersion });
    expect(approved.statusCode, approved.body).toBe(200);
    const after = communeRow((await dashboard(f.s.standing)).json());
    expect(before).toMatchObject({ evaluated: 3, met: 2 });
    expect(after).toMatchObject({ evaluated: 4, met: 3, metPercent: '75.00', awaiting: 0 });
  });
});

describe('dashboard export', () => {
  it('exports the tables to XLSX with Vietnamese headers and a frozen header row, scoped like the page', async () => {
    const file = await f.s.viewer.request('GET', `/api/movements/${movementId}/dashboard.xlsx?periodId=${f.periodId}`);
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="bang-dieu-khien-.*\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Tiêu chí')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Cấp',
      'Mã tiêu chí',
      'Tiêu chí',
      'Chỉ tiêu',
      'Phải báo cáo',
      'Đã đánh giá',
      'Đạt',
      'Tỷ lệ đạt (%)',
      'Không đạt',
      'Chờ kết quả',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const online = (ws.getSheetValues() as unknown[][]).find((r) => r?.[2] === ONLINE && r[1] === 'cấp xã')!;
    expect(online.slice(5, 11)).toEqual([2, 2, 1, 50, 1, 0]);
    expect(wb.getWorksheet('Đầy đủ, đúng hạn')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((await f.s.viewer.request('GET', `/api/movements/${movementId}/dashboard.xlsx?periodId=${f.periodId}&unitId=${f.units.d2.id}`)).statusCode).toBe(404);
  });
});

describe('unit scorecard', () => {
  it('lists every criterion with value, target, status, explanation and history', async () => {
    const r = await f.s.viewer.request('GET', `/api/units/${f.units.c2.id}/scorecard?movementId=${movementId}&periodId=${f.periodId}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Json;
    expect(body.period.label).toBe('Kỳ thử 1');
    const online = body.criteria.find((c: Json) => c.code === ONLINE);
    expect(online).toMatchObject({ status: 'not_met', target: '≥ 60 %' });
    expect(online.value).toContain('10');
    expect(online.explanation.length).toBeGreaterThan(10);
    expect(online.history).toEqual([
      { periodId: f.periodId, periodLabel: 'Kỳ thử 1', unitId: f.units.c2.id, unitName: 'Xã Tây Thử', status: 'not_met', value: online.value, numericValue: '10' },
    ]);
    expect(body.criteria.find((c: Json) => c.code === 'van_ban_dien_tu').status).toBe('met');
    expect(body.periods).toHaveLength(1);
  });
});

describe('rankings', () => {
  it('ranks a level by points then share met; ties share the rank and are explained', async () => {
    const r = await f.s.standing.request('GET', `/api/movements/${movementId}/rankings?periodId=${f.periodId}&level=commune`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json().rows as Json[];
    // C1, C3 and C4 have identical results; C2 misses one criterion.
    expect(rows.map((x) => [x.name, x.rank])).toEqual([
      ['Phường Mới Thử', 1],
      ['Xã Bắc Thử', 1],
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 4],
    ]);
    expect(rows[0]!.tieExplanation).toMatch(/^Đồng hạng 1 với Xã Bắc Thử, Xã Đông Thử: cùng tổng điểm/);
    expect(rows[3]!.tieExplanation).toBeNull();
    expect(rows.map((x) => x.tiedCount)).toEqual([3, 3, 3, 1]);
    expect(r.json().ties).toEqual([
      expect.objectContaining({ rank: 1, count: 3, names: ['Phường Mới Thử', 'Xã Bắc Thử', 'Xã Đông Thử'], reasonEn: expect.stringMatching(/^same total points/) }),
    ]);
    expect(rows.every((x) => x.previousRank === null && x.movement === null)).toBe(true);
  });

  it('ranks among the caller scope and within a cluster', async () => {
    const own = (await f.s.viewer.request('GET', `/api/movements/${movementId}/rankings?periodId=${f.periodId}`)).json() as Json;
    expect(own.rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Đông Thử', 1],
      ['Xã Tây Thử', 2],
    ]);
    const group = await f.s.admin.request('POST', '/api/groups', { code: 'cum-1', name: 'Cụm thi đua số 1', kind: 'cluster', validFrom: '2020-01-01' });
    expect(group.statusCode, group.body).toBe(201);
    for (const unit of [f.units.c2, f.units.c3]) {
      const m = await f.s.admin.request('POST', `/api/groups/${group.json().id}/members`, { unitId: unit.id, validFrom: '2020-01-01' });
      expect(m.statusCode, m.body).toBe(201);
    }
    const cluster = (await f.s.standing.request('GET', `/api/movements/${movementId}/rankings?periodId=${f.periodId}&groupId=${group.json().id}`)).json() as Json;
    expect(cluster.group.name).toBe('Cụm thi đua số 1');
    expect(cluster.rows.map((x: Json) => [x.name, x.rank])).toEqual([
      ['Xã Bắc Thử', 1],
      ['Xã Tây Thử', 2],
    ]);
    expect((await f.s.standing.request('GET', `/api/movements/${movementId}/rankings?periodId=${f.periodId}&groupId=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('dashboard after a unit ended', () => {
  it('counts only the units of the period tree, even when an ended unit kept its approved report', async () => {
    const period = (await f.s.standing.request('GET', `/api/report-periods/${f.periodId}`)).json() as Json;
    // Xã Bắc Thử (approved, all criteria met) ends the day before the period's last day: it is not on that day's tree.
    await f.t.db.execute(sql`update units set valid_to = (${period.endDate}::date - 1) where id = ${f.units.c3.id}::uuid`);
    try {
      const body = (await dashboard(f.s.standing)).json() as Json;
      expect(communeRow(body)).toMatchObject({ expected: 3, evaluated: 3, met: 2, notMet: 1, metPercent: '66.67', awaiting: 0 });
      expect(body.completeness.find((c: Json) => c.level === 'commune')).toMatchObject({ expected: 3, submitted: 3, approved: 3 });
    } finally {
      await f.t.db.execute(sql`update units set valid_to = null where id = ${f.units.c3.id}::uuid`);
    }
    expect(communeRow((await dashboard(f.s.standing)).json() as Json)).toMatchObject({ expected: 4, evaluated: 4, met: 3, awaiting: 0 });
  });
});
