import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { movements } from '../../db/schema/index.js';
import type { Session } from '../../../../tests/helpers/test-app.js';
import { buildReportsFixture, fillCommuneReport, goodCommuneValues, openReportFor, type ReportsFixture } from '../../../../tests/helpers/reports-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Distribution, trend, clusters, overdue list, scorecard (evidence, rank, lineage) and the diligence index, with
// exact figures from this fixture:
//   Kỳ thử 0 (due 3 days ago): only C2 submits — late — is returned once, resubmits, is approved; C1 opens a draft.
//   Kỳ thử 1 (due in 10 days): C1 80 %, C2 10 %, C3 50 %, C4 70 % of records online (target ≥ 60 %), all approved.
let f: ReportsFixture;
let movementId: string;
let period0: string;
let c2reporter: Session;
let groupId: string;
const ONLINE = 'ho_so_cong_viec_tren_mang';
const today = todayInVietnam();

async function submit(reporter: Session, periodId: string, unitId: string, values: Record<string, string>) {
  const opened = await openReportFor(reporter, periodId, unitId);
  const rv = await fillCommuneReport(reporter, opened.id, opened.rowVersion, values);
  const submitted = await reporter.request('POST', `/api/reports/${opened.id}/submit`, { rowVersion: rv });
  if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
  return { id: opened.id, rowVersion: submitted.json().rowVersion as number };
}
async function act(session: Session, reportId: string, action: string, body: Record<string, unknown>) {
  const r = await session.request('POST', `/api/reports/${reportId}/${action}`, body);
  if (r.statusCode !== 200) throw new Error(`${action}: ${r.body}`);
  return r.json().rowVersion as number;
}

beforeAll(async () => {
  f = await buildReportsFixture();
  [{ id: movementId }] = (await f.t.db.select({ id: movements.id }).from(movements)) as [{ id: string }];
  c2reporter = await f.t.signIn(await f.t.buildUser({ role: 'unit_reporter', unitId: f.units.c2.id, includeSubtree: false }));
  const custom = {
    code: 'THU-0',
    label: 'Kỳ thử 0',
    startDate: addDays(today, -180),
    endDate: addDays(today, -91),
    opensOn: addDays(today, -10),
    dueDate: addDays(today, -3),
    closesOn: addDays(today, 20),
    locksOn: addDays(today, 60),
  };
  const created = await f.s.standing.request('POST', `/api/report-regimes/${f.regimeId}/periods`, { custom });
  if (created.statusCode !== 201) throw new Error(`period: ${created.body}`);
  period0 = (created.json() as { id: string }[])[0]!.id;
  // Reading the period applies its schedule (opens it).
  expect((await f.s.standing.request('GET', `/api/report-periods/${period0}`)).json().status).toBe('open');

  // Kỳ thử 0: C2 late, returned once, resubmitted, approved; C1 only a draft.
  const late = await submit(c2reporter, period0, f.units.c2.id, { ...goodCommuneValues, records_online: '10' });
  let rv = await act(f.s.reviewer, late.id, 'return', { rowVersion: late.rowVersion, comment: 'Bổ sung số liệu hồ sơ' });
  rv = await act(c2reporter, late.id, 'submit', { rowVersion: rv });
  await act(f.s.reviewer, late.id, 'approve', { rowVersion: rv });
  await openReportFor(f.s.reporter, period0, f.units.c1.id);

  // Kỳ thử 1: four communes, approved by the standing agency.
  for (const [session, unit, online] of [
    [f.s.reporter, f.units.c1, '80'],
    [c2reporter, f.units.c2, '10'],
    [f.s.outsider, f.units.c3, '50'],
    [f.s.c4reporter, f.units.c4, '70'],
  ] as const) {
    const r = await submit(session, f.periodId, unit.id, { ...goodCommuneValues, records_online: online });
    await act(f.s.standing, r.id, 'approve', { rowVersion: r.rowVersion });
  }

  const group = await f.s.admin.request('POST', '/api/groups', { code: 'cum-1', name: 'Cụm thi đua số 1', kind: 'cluster', validFrom: '2020-01-01' });
  groupId = group.json().id;
  for (const unit of [f.units.c2, f.units.c3]) await f.s.admin.request('POST', `/api/groups/${groupId}/members`, { unitId: unit.id, validFrom: '2020-01-01' });
}, 300_000);
afterAll(async () => f?.t.close());

const dashboard = (s: Session, periodId: string, query = '') => s.request('GET', `/api/movements/${movementId}/dashboard?periodId=${periodId}${query}`);
const trend = (s: Session, periodId: string, query = '') => s.request('GET', `/api/movements/${movementId}/dashboard/trend?periodId=${periodId}${query}`);
const of = (list: Json[], code: string, level = 'commune'): Json => list.find((c) => c.code === code && c.level === level)!;
const buckets = (row: Json) => Object.fromEntries(row.buckets.map((b: Json) => [b.key, b.count]));

describe('distribution', () => {
  it('places each approved value relative to its target', async () => {
    const r = await dashboard(f.s.standing, f.periodId);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Json;
    const online = of(body.distribution, ONLINE);
    // 10 % → 0.17 of 60 %; 50 % → 0.83; 70 % → 1.17; 80 % → 1.33.
    expect(buckets(online)).toEqual({ lt50: 1, '50to80': 0, '80to100': 1, unscaled: 0, met: 1, exceeds: 1 });
    expect(online).toMatchObject({ target: '≥ 60 %', notApplicable: 0, awaitingData: 0 });
    expect(buckets(of(body.distribution, 'van_ban_dien_tu'))).toEqual({ lt50: 0, '50to80': 0, '80to100': 0, unscaled: 0, met: 4, exceeds: 0 });
    expect(of(body.criteria, ONLINE)).toMatchObject({ evaluated: 4, met: 2, metPercent: '50.00' });
  });

  it('follows the drill-down and the cluster', async () => {
    const d1 = (await dashboard(f.s.standing, f.periodId, `&unitId=${f.units.d1.id}`)).json() as Json;
    expect(buckets(of(d1.distribution, ONLINE))).toMatchObject({ lt50: 1, exceeds: 1, met: 0, '80to100': 0 });
    const cluster = (await dashboard(f.s.standing, f.periodId, `&groupId=${groupId}`)).json() as Json;
    expect(cluster.group).toEqual({ id: groupId, name: 'Cụm thi đua số 1' });
    expect(of(cluster.criteria, ONLINE)).toMatchObject({ expected: 2, evaluated: 2, met: 0, metPercent: '0.00' });
    expect(buckets(of(cluster.distribution, ONLINE))).toMatchObject({ lt50: 1, '80to100': 1 });
    expect(cluster.completeness).toEqual([expect.objectContaining({ level: 'commune', expected: 2, approved: 2 })]);
    // The cluster list on the province view, for drilling by cluster.
    const top = (await dashboard(f.s.standing, f.periodId)).json() as Json;
    expect(top.groups).toEqual([{ id: groupId, name: 'Cụm thi đua số 1', kind: 'cluster', expected: 2, approved: 2, completenessPercent: '100.00' }]);
    expect((await dashboard(f.s.standing, f.periodId, `&groupId=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('overdue list', () => {
  const overdue = (s: Session, periodId: string, query = '') => s.request('GET', `/api/movements/${movementId}/dashboard/overdue?periodId=${periodId}${query}`);
  const expectedOrder = [
    ['Sở Thử Nghiệm', 'department', 'Tỉnh Thử Nghiệm', null, 3],
    ['Huyện Bắc Thử', 'district', 'Tỉnh Thử Nghiệm', null, 3],
    ['Huyện Nam Thử', 'district', 'Tỉnh Thử Nghiệm', null, 3],
    ['Xã Bắc Thử', 'commune', 'Huyện Bắc Thử', null, 3],
    ['Xã Đông Thử', 'commune', 'Huyện Nam Thử', 'draft', 3],
    ['Phường Mới Thử', 'commune', 'Tỉnh Thử Nghiệm', null, 3],
  ];
  const shown = (rows: Json[]) => rows.map((o: Json) => [o.name, o.level, o.parentName, o.reportStatus, o.daysOverdue]);

  it('lists the units that have not submitted after the due date, by level, parent and name', async () => {
    const body = (await dashboard(f.s.standing, period0)).json() as Json;
    expect(body.overdueTotal).toBe(6);
    expect(body).not.toHaveProperty('overdue');
    const list = (await overdue(f.s.standing, period0)).json() as Json;
    expect(list).toMatchObject({ total: 6, limit: 50, offset: 0 });
    expect(shown(list.rows)).toEqual(expectedOrder);
    expect(body.completeness.find((c: Json) => c.level === 'commune')).toMatchObject({ expected: 4, submitted: 1, onTime: 0, late: 1, overdue: 3 });
    // Not yet due: nobody is overdue.
    expect((await dashboard(f.s.standing, f.periodId)).json().overdueTotal).toBe(0);
    expect((await overdue(f.s.standing, f.periodId)).json()).toEqual({ total: 0, limit: 50, offset: 0, rows: [] });
    // A district reader sees only its own.
    const own = (await overdue(f.s.viewer, period0)).json() as Json;
    expect(own.rows.map((o: Json) => o.name)).toEqual(['Huyện Nam Thử', 'Xã Đông Thử']);
    expect((await dashboard(f.s.viewer, period0)).json().overdueTotal).toBe(2);
  });

  it('pages the list, follows the drill-down and the cluster, and rejects bad paging', async () => {
    const pages = [];
    for (const offset of [0, 4]) pages.push(...((await overdue(f.s.standing, period0, `&limit=4&offset=${offset}`)).json() as Json).rows);
    expect(shown(pages)).toEqual(expectedOrder);
    expect(((await overdue(f.s.standing, period0, '&limit=4&offset=4')).json() as Json).total).toBe(6);
    // Drilled into a district: its communes, not the district itself.
    const d1 = (await overdue(f.s.standing, period0, `&unitId=${f.units.d1.id}`)).json() as Json;
    expect(d1).toMatchObject({ total: 1, rows: [expect.objectContaining({ name: 'Xã Đông Thử', reportStatus: 'draft' })] });
    // The cluster (Xã Tây Thử, Xã Bắc Thử): the first submitted late, the second never opened its report.
    const cluster = (await overdue(f.s.standing, period0, `&groupId=${groupId}`)).json() as Json;
    expect(shown(cluster.rows)).toEqual([['Xã Bắc Thử', 'commune', 'Huyện Bắc Thử', null, 3]]);
    expect((await dashboard(f.s.standing, period0, `&groupId=${groupId}`)).json().overdueTotal).toBe(1);
    for (const bad of ['&limit=0', '&limit=501', '&offset=-1', '&limit=abc']) {
      const r = await overdue(f.s.standing, period0, bad);
      expect(r.statusCode, bad).toBe(400);
      expect(r.body).toMatch(/limit|offset/);
    }
    expect((await overdue(f.s.standing, period0, `&groupId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await overdue(f.s.viewer, period0, `&unitId=${f.units.d2.id}`)).statusCode).toBe(404);
  });
});

describe('trend', () => {
  it('gives completeness, timeliness and met % per period, oldest first, each on its own tree', async () => {
    const r = await trend(f.s.standing, f.periodId);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Json;
    expect(body.periods.map((p: Json) => p.label)).toEqual(['Kỳ thử 0', 'Kỳ thử 1']);
    const commune = body.completeness.filter((c: Json) => c.level === 'commune');
    expect(commune.map((c: Json) => [c.expected, c.submitted, c.approved, c.onTime, c.completenessPercent, c.timelinessPercent])).toEqual([
      [4, 1, 1, 0, '25.00', '0.00'],
      [4, 4, 4, 4, '100.00', '100.00'],
    ]);
    expect(body.completeness.filter((c: Json) => c.level === 'district').map((c: Json) => c.expected)).toEqual([2, 2]);
    expect(of(body.criteria, ONLINE).points.map((p: Json) => [p.evaluated, p.met, p.metPercent])).toEqual([
      [1, 0, '0.00'],
      [4, 2, '50.00'],
    ]);
    // Only the periods up to the chosen one.
    expect((await trend(f.s.standing, period0)).json().periods.map((p: Json) => p.label)).toEqual(['Kỳ thử 0']);
  });

  it('follows the drill-down, the cluster and the caller scope', async () => {
    const d1 = (await trend(f.s.standing, f.periodId, `&unitId=${f.units.d1.id}`)).json() as Json;
    expect(d1.unit).toEqual({ id: f.units.d1.id, name: 'Huyện Nam Thử' });
    expect(d1.completeness.map((c: Json) => [c.level, c.expected, c.approved])).toEqual([
      ['commune', 2, 1],
      ['commune', 2, 2],
    ]);
    expect(of(d1.criteria, ONLINE).points.map((p: Json) => p.metPercent)).toEqual(['0.00', '50.00']);
    const cluster = (await trend(f.s.standing, f.periodId, `&groupId=${groupId}`)).json() as Json;
    expect(cluster.completeness.map((c: Json) => [c.expected, c.approved])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    const viewer = (await trend(f.s.viewer, f.periodId)).json() as Json;
    expect(viewer.completeness.filter((c: Json) => c.level === 'commune').map((c: Json) => c.expected)).toEqual([2, 2]);
    expect((await trend(f.s.viewer, f.periodId, `&unitId=${f.units.d2.id}`)).statusCode).toBe(404);
    expect((await trend(f.s.standing, f.periodId, '&periods=1')).statusCode).toBe(400);
  });
});

describe('scorecard', () => {
  it('shows evidence links, rank and the diligence index with its components', async () => {
    const r = await f.s.standing.request('GET', `/api/units/${f.units.c2.id}/scorecard?movementId=${movementId}&periodId=${f.periodId}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as Json;
    expect(body.unit).toEqual({ id: f.units.c2.id, name: 'Xã Tây Thử', level: 'commune' });
    // C1 and C4 meet all three criteria; C2 and C3 miss one: standard competition ranking 1, 1, 3, 3.
    expect(body.rank).toMatchObject({ rank: 3, of: 4, level: 'commune' });
    expect(body.rank.tieExplanation).toMatch(/^Đồng hạng 3 với Xã Bắc Thử/);
    const online = body.criteria.find((c: Json) => c.code === ONLINE);
    expect(online.evidence).toEqual([
      expect.objectContaining({ documentNumber: '15/BC-UBND', documentDate: '2024-03-10', issuer: 'UBND xã Đông Thử', fileName: null, downloadUrl: null }),
    ]);
    expect(online.history.map((h: Json) => [h.periodLabel, h.unitName, h.status, h.numericValue])).toEqual([
      ['Kỳ thử 0', 'Xã Tây Thử', 'not_met', '10'],
      ['Kỳ thử 1', 'Xã Tây Thử', 'not_met', '10'],
    ]);
    // Two reports due, one on time; 6 of 6 criteria evidenced; 2 reports, returned once: 50·½ + 30·1 + 20·⅔.
    expect(body.diligence).toEqual({
      index: '68.33',
      weights: { timeliness: 0.5, evidence: 0.3, returns: 0.2 },
      timeliness: { due: 2, onTime: 1, rate: '50.00' },
      evidence: { criteria: 6, withEvidence: 6, rate: '100.00' },
      returns: { submitted: 2, returned: 1, rate: '66.67' },
    });
  });

  it('counts only the periods up to the chosen one, and a due report never submitted', async () => {
    const c2 = (await f.s.standing.request('GET', `/api/units/${f.units.c2.id}/scorecard?movementId=${movementId}&periodId=${period0}`)).json() as Json;
    expect(c2.diligence).toMatchObject({ index: '40.00', timeliness: { due: 1, onTime: 0 }, returns: { submitted: 1, returned: 1, rate: '50.00' } });
    // C1: Kỳ thử 0 due and never submitted, Kỳ thử 1 on time: 50·½ + 30·1 + 20·1.
    const c1 = (await f.s.viewer.request('GET', `/api/units/${f.units.c1.id}/scorecard?movementId=${movementId}`)).json() as Json;
    expect(c1.diligence).toMatchObject({ index: '75.00', timeliness: { due: 2, onTime: 1 }, evidence: { criteria: 3, withEvidence: 3 }, returns: { submitted: 1, returned: 0 } });
    // Ranked among the caller's scope (the district reader sees its two communes).
    expect(c1.rank).toMatchObject({ rank: 1, of: 2 });
  });

  it('exports the scorecard to XLSX with Vietnamese headers and frozen header rows', async () => {
    const file = await f.s.standing.request('GET', `/api/movements/${movementId}/scorecard.xlsx?unitId=${f.units.c2.id}&periodId=${f.periodId}`);
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="phieu-ket-qua-THU-1\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const criteria = wb.getWorksheet('Tiêu chí')!;
    expect((criteria.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã tiêu chí',
      'Tiêu chí',
      'Giá trị',
      'Chỉ tiêu',
      'Kết quả',
      'Điểm',
      'Điểm tối đa',
      'Giải thích',
      'Minh chứng',
    ]);
    const diligence = wb.getWorksheet('Chỉ số chuyên cần')!;
    expect(diligence.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((diligence.getRow(2).values as unknown[]).slice(1)).toEqual(['Báo cáo nộp đúng hạn / báo cáo đến hạn', 1, 2, 50, 50]);
    expect((diligence.getRow(5).values as unknown[]).slice(1)).toEqual(['Chỉ số chuyên cần', undefined, undefined, 68.33, 100]);
    expect(wb.getWorksheet('Lịch sử')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((await f.s.viewer.request('GET', `/api/movements/${movementId}/scorecard.xlsx?unitId=${f.units.c3.id}`)).statusCode).toBe(404);
  });
});

describe('dashboard export', () => {
  it('writes every dashboard table: distribution, drill-down, clusters, overdue, trend, rankings', async () => {
    const file = await f.s.standing.request('GET', `/api/movements/${movementId}/dashboard.xlsx?periodId=${period0}`);
    expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tiêu chí',
      'Phân bố',
      'Đầy đủ, đúng hạn',
      'Đơn vị trực thuộc',
      'Cụm, khối',
      'Quá hạn',
      'Xu hướng đầy đủ',
      'Xu hướng tiêu chí',
      'Xếp hạng',
    ]);
    for (const ws of wb.worksheets) expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 });
    const overdue = wb.getWorksheet('Quá hạn')!;
    expect((overdue.getRow(1).values as unknown[]).slice(1)).toEqual(['Mã đơn vị', 'Đơn vị', 'Cấp', 'Trực thuộc', 'Tình trạng báo cáo', 'Số ngày quá hạn']);
    expect(overdue.rowCount).toBe(7);
    expect((overdue.getRow(6).values as unknown[]).slice(2)).toEqual(['Xã Đông Thử', 'cấp xã', 'Huyện Nam Thử', 'Đang soạn', 3]);
    const distribution = wb.getWorksheet('Phân bố')!;
    expect((distribution.getRow(1).values as unknown[]).slice(5, 11)).toEqual([
      'Không đạt: dưới 50 % chỉ tiêu',
      'Không đạt: 50 – dưới 80 % chỉ tiêu',
      'Không đạt: 80 – dưới 100 % chỉ tiêu',
      'Không đạt (không so được theo tỷ lệ)',
      'Đạt: 100 – dưới 120 % chỉ tiêu',
      'Vượt: từ 120 % chỉ tiêu',
    ]);
    const ranking = wb.getWorksheet('Xếp hạng')!;
    expect((ranking.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['cấp xã', 1, '99102', 'Xã Tây Thử']);
  });
});

describe('lineage', () => {
  it('carries a merged unit’s results into its successor’s history, while the period keeps its own tree', async () => {
    const merged = await f.s.admin.request('POST', `/api/units/${f.units.c3.id}/events`, {
      type: 'merged_into',
      targetUnitId: f.units.c4.id,
      kind: 'full',
      effectiveDate: today,
      legalBasis: { title: 'Nghị quyết sắp xếp đơn vị hành chính (thử)' },
      rowVersion: 1,
    });
    expect(merged.statusCode, merged.body).toBe(201);
    const body = (await f.s.standing.request('GET', `/api/units/${f.units.c4.id}/scorecard?movementId=${movementId}&periodId=${f.periodId}`)).json() as Json;
    const online = body.criteria.find((c: Json) => c.code === ONLINE);
    expect(online.history.map((h: Json) => [h.periodLabel, h.unitName, h.numericValue])).toEqual([
      ['Kỳ thử 1', 'Phường Mới Thử', '70'],
      ['Kỳ thử 1', 'Xã Bắc Thử', '50'],
    ]);
    expect(body.periods.map((p: Json) => p.unitName)).toEqual(['Phường Mới Thử', 'Xã Bắc Thử']);
    // The period ended before the merger: its dashboard still counts Xã Bắc Thử under Huyện Bắc Thử.
    const d2 = (await dashboard(f.s.standing, f.periodId, `&unitId=${f.units.d2.id}`)).json() as Json;
    expect(d2.children.map((c: Json) => c.name)).toEqual(['Xã Bắc Thử']);
  });
});

describe('contract', () => {
  it('documents the new routes in the OpenAPI description', async () => {
    const r = await f.t.anonymous('GET', '/api/openapi.json');
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const paths = r.json().paths as Json;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/movements/{id}/dashboard/trend', '/api/movements/{id}/scorecard.xlsx', '/api/movements/{id}/dashboard']));
    expect(JSON.stringify(paths['/api/units/{id}/scorecard'])).toContain('diligence');
  });
});
