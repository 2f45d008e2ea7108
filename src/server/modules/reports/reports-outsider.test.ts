/**
 * The outsider suite for the reporting area (regimes, periods, reports, compilation, evidence, Excel), in the shape
 * of tests/integration/outsider.test.ts: every route as anonymous, as a user of the sibling district holding every
 * role there, and as a viewer of the owning district. Nothing of district A leaks to the sibling, nothing changes for
 * a refused call; a route of this area without a case fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { roles, type Role } from '../../../core/permissions.js';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { queryRows } from '../../db/client.js';
import { roleGrants } from '../../db/schema/index.js';
import { createTestApp, type Session, type TestApp, type TestUnit, type TestUser } from '../../../../tests/helpers/test-app.js';
import { communeCriteria, createOpenPeriod, goodCommuneValues, multipartFile, openReportFor } from '../../../../tests/helpers/reports-fixture.js';
import { databaseFingerprint } from '../../../../tests/helpers/fingerprint.js';

/** self: the caller acts within its own scope (its own record may be written, nothing of district A). */
type Expect = 'denied' | 'readable' | 'scoped' | 'self';
type Multipart = { payload: Buffer; headers: Record<string, string> };
type Case = { url: () => string; body?: () => unknown; multipart?: () => Multipart; sibling: Expect; viewer: Expect };

const SECRET = 'Bí mật của huyện A';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let districtA: TestUnit, communeA: TestUnit, districtB: TestUnit;
let siblingUser: TestUser, viewerUser: TestUser;
const ids: Record<string, string> = {};
const rv: Record<string, number> = {};
let filledXlsx: Buffer;

const mine = ['/api/report-regimes', '/api/report-periods', '/api/reports', '/api/evidence', '/api/report-imports'];
const isMine = (url: string) => mine.some((p) => url.startsWith(p));

const kh3125 = () => JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../../packages/kh-3125-2021.json'), 'utf8')) as unknown;
const regimeBody = (code: string) => ({
  code,
  name: 'Báo cáo quý (thử)',
  content: 'Kết quả thực hiện các tiêu chí',
  criteriaSetId: ids.criteriaSet,
  reportingLevels: ['commune', 'district'],
  receivingUnitName: 'Sở Thông tin và Truyền thông',
  frequency: 'quarter',
  method: 'Trên hệ thống Thi Đua Số',
});
const evidenceBody = () => ({ criterionCode: 'van_ban_dien_tu', documentNumber: '16/BC-UBND', documentDate: '2024-03-11', issuer: 'UBND xã A Một', summary: 'Báo cáo bổ sung' });

const cases: Record<string, Case> = {
  'GET /api/report-regimes': { url: () => '/api/report-regimes', sibling: 'readable', viewer: 'readable' },
  'POST /api/report-regimes': { url: () => '/api/report-regimes', body: () => regimeBody('bao_cao_khac'), sibling: 'denied', viewer: 'denied' },
  'GET /api/report-regimes/:id': { url: () => `/api/report-regimes/${ids.regime}`, sibling: 'readable', viewer: 'readable' },
  'POST /api/report-regimes/:id/periods': { url: () => `/api/report-regimes/${ids.regime}/periods`, body: () => ({ year: 2031 }), sibling: 'denied', viewer: 'denied' },
  'GET /api/report-periods': { url: () => `/api/report-periods?regimeId=${ids.regime}`, sibling: 'readable', viewer: 'readable' },
  'GET /api/report-periods/:id': { url: () => `/api/report-periods/${ids.period}`, sibling: 'readable', viewer: 'readable' },
  'POST /api/report-periods/:id/open': { url: () => `/api/report-periods/${ids.futurePeriod}/open`, sibling: 'denied', viewer: 'denied' },
  'GET /api/reports': { url: () => '/api/reports', sibling: 'scoped', viewer: 'readable' },
  'POST /api/reports': { url: () => '/api/reports', body: () => ({ periodId: ids.freshPeriod, unitId: communeA.id }), sibling: 'denied', viewer: 'denied' },
  'GET /api/reports/:id': { url: () => `/api/reports/${ids.draft}`, sibling: 'denied', viewer: 'readable' },
  'GET /api/reports/:id/form': { url: () => `/api/reports/${ids.draft}/form`, sibling: 'denied', viewer: 'readable' },
  'PUT /api/reports/:id': { url: () => `/api/reports/${ids.draft}`, body: () => ({ rowVersion: rv.draft, values: { records_total: '121' } }), sibling: 'denied', viewer: 'denied' },
  'POST /api/reports/:id/submit': { url: () => `/api/reports/${ids.draft}/submit`, body: () => ({ rowVersion: rv.draft }), sibling: 'denied', viewer: 'denied' },
  'POST /api/reports/:id/return': {
    url: () => `/api/reports/${ids.submitted}/return`,
    body: () => ({ rowVersion: rv.submitted, comment: 'Bổ sung số liệu' }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'POST /api/reports/:id/approve': { url: () => `/api/reports/${ids.submitted}/approve`, body: () => ({ rowVersion: rv.submitted }), sibling: 'denied', viewer: 'denied' },
  'POST /api/reports/:id/lock': { url: () => `/api/reports/${ids.approved}/lock`, body: () => ({ rowVersion: rv.approved }), sibling: 'denied', viewer: 'denied' },
  'POST /api/reports/:id/unlock': {
    url: () => `/api/reports/${ids.approved}/unlock`,
    body: () => ({ rowVersion: rv.approved, reason: 'Mở lại để sửa số liệu' }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'GET /api/report-periods/:id/compilation': { url: () => `/api/report-periods/${ids.period}/compilation?unitId=${districtA.id}`, sibling: 'denied', viewer: 'readable' },
  'POST /api/report-periods/:id/compilations/:unitId/close': {
    url: () => `/api/report-periods/${ids.period}/compilations/${districtA.id}/close`,
    sibling: 'denied',
    viewer: 'denied',
  },
  'POST /api/report-periods/:id/missing': {
    url: () => `/api/report-periods/${ids.freshPeriod}/missing`,
    body: () => ({ unitId: communeA.id, reason: 'Không có số liệu kỳ này' }),
    sibling: 'denied',
    viewer: 'denied',
  },
  'POST /api/reports/:id/evidence/files': {
    url: () => `/api/reports/${ids.draft}/evidence/files?criterionCode=van_ban_dien_tu`,
    multipart: () => multipartFile('minh-chung.pdf', PDF, 'application/pdf'),
    sibling: 'denied',
    viewer: 'denied',
  },
  'POST /api/reports/:id/evidence': { url: () => `/api/reports/${ids.draft}/evidence`, body: evidenceBody, sibling: 'denied', viewer: 'denied' },
  'DELETE /api/reports/:id/evidence/:evidenceId': { url: () => `/api/reports/${ids.draft}/evidence/${ids.evidence}`, sibling: 'denied', viewer: 'denied' },
  'GET /api/evidence/:id/download': { url: () => ids.download!, sibling: 'denied', viewer: 'readable' },
  'GET /api/report-periods/:id/template.xlsx': { url: () => `/api/report-periods/${ids.period}/template.xlsx?unitId=${districtA.id}`, sibling: 'denied', viewer: 'readable' },
  'GET /api/report-imports/:id': { url: () => `/api/report-imports/${ids.importJob}`, sibling: 'denied', viewer: 'denied' },
  'POST /api/report-periods/:id/imports': {
    url: () => `/api/report-periods/${ids.period}/imports?wait=true`,
    multipart: () => multipartFile('so-lieu.xlsx', filledXlsx, XLSX),
    // The sibling reports for its own district, so it may import; every row for district A is refused and the
    // failed job is its own record (no district A data written). The viewer does not report at all: 403.
    sibling: 'self',
    viewer: 'denied',
  },
};

const fingerprint = () => databaseFingerprint(t.db);

function call(session: Session | null, method: string, c: Case) {
  const m = method as 'GET';
  const multipart = c.multipart?.();
  const payload = multipart ? multipart.payload : c.body?.();
  const headers = multipart ? multipart.headers : {};
  return session ? session.request(m, c.url(), payload, headers) : t.anonymous(m, c.url(), payload, headers);
}

async function ok(response: { statusCode: number; body: string }, what: string) {
  if (response.statusCode !== 200 && response.statusCode !== 201) throw new Error(`${what}: ${response.statusCode} ${response.body.slice(0, 500)}`);
  return JSON.parse(response.body);
}

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'thidua-files-')) });
  const province = await t.buildUnit({ name: 'Tỉnh Thử Nghiệm', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện A', kindCode: 'district', parentId: province.id });
  communeA = await t.buildUnit({ name: 'Xã A Một', kindCode: 'commune', parentId: districtA.id });
  districtB = await t.buildUnit({ name: 'Huyện B', kindCode: 'district', parentId: province.id });
  await t.buildUnit({ name: 'Xã B Một', kindCode: 'commune', parentId: districtB.id });

  const admin = await t.signIn(await t.buildUser({ role: 'system_admin', unitId: null }));
  const standing = await t.signIn(await t.buildUser({ role: 'standing_agency', unitId: null }));
  const reporter = await t.signIn(await t.buildUser({ role: 'unit_reporter', unitId: communeA.id, includeSubtree: false }));
  const reviewer = await t.signIn(await t.buildUser({ role: 'reviewer', unitId: districtA.id }));
  // The sibling holds every role, each scoped to district B's subtree.
  siblingUser = await t.buildUser({ role: 'unit_admin', unitId: districtB.id });
  for (const role of roles.filter((r) => r !== 'unit_admin') as Role[]) {
    await t.db
      .insert(roleGrants)
      .values({ id: randomUUID(), tenantId: t.tenantId, userId: siblingUser.id, role, unitId: districtB.id, includeSubtree: true, validFrom: '2020-01-01' });
  }
  viewerUser = await t.buildUser({ role: 'viewer', unitId: districtA.id });

  // District A's reporting data, made through the API by people entitled to make it.
  ids.criteriaSet = (await ok(await admin.request('POST', '/api/movement-packages', kh3125()), 'package')).criteriaSetId;
  ids.regime = (await ok(await standing.request('POST', '/api/report-regimes', regimeBody('bao_cao_quy_thu')), 'regime')).id;
  ids.period = await createOpenPeriod(standing, ids.regime!, 'OUT-1', 'Kỳ thử 1', { dueIn: 10 });
  ids.submittedPeriod = await createOpenPeriod(standing, ids.regime!, 'OUT-2', 'Kỳ thử 2', { dueIn: 10 });
  ids.approvedPeriod = await createOpenPeriod(standing, ids.regime!, 'OUT-3', 'Kỳ thử 3', { dueIn: 10 });
  ids.freshPeriod = await createOpenPeriod(standing, ids.regime!, 'OUT-4', 'Kỳ thử 4', { dueIn: 10 });
  const today = todayInVietnam();
  const future = await standing.request('POST', `/api/report-regimes/${ids.regime}/periods`, {
    custom: {
      code: 'OUT-5',
      label: 'Kỳ tương lai',
      startDate: addDays(today, 30),
      endDate: addDays(today, 120),
      opensOn: addDays(today, 115),
      dueDate: addDays(today, 130),
      closesOn: addDays(today, 150),
      locksOn: addDays(today, 200),
    },
  });
  ids.futurePeriod = (await ok(future, 'future period'))[0].id;

  // The commune's reports carry SECRET in their narrative and evidence.
  const fill = async (reportId: string, rowVersion: number) => {
    const saved = await ok(await reporter.request('PUT', `/api/reports/${reportId}`, { rowVersion, values: goodCommuneValues, narratives: { chinh_quyen_so: SECRET } }), 'save');
    let last = '';
    for (const criterionCode of communeCriteria) {
      const body = { criterionCode, documentNumber: '15/BC-UBND', documentDate: '2024-03-10', issuer: 'UBND xã A Một', summary: SECRET };
      last = (await ok(await reporter.request('POST', `/api/reports/${reportId}/evidence`, body), 'evidence')).id;
    }
    return { rowVersion: saved.rowVersion as number, evidenceId: last };
  };
  ids.draft = (await openReportFor(reporter, ids.period, communeA.id)).id;

  // An Excel import of the commune's values into the draft (a job of district A), before the draft is filled.
  const template = await reporter.request('GET', `/api/report-periods/${ids.period}/template.xlsx?unitId=${communeA.id}`);
  if (template.statusCode !== 200) throw new Error(`template: ${template.body.slice(0, 300)}`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Số liệu')!;
  const codes = (ws.getRow(5).values as unknown[]).map((v) => String(v ?? ''));
  ws.eachRow((row, n) => {
    if (n < 6 || String(row.getCell(1).value) !== communeA.id) return;
    for (const [code, v] of Object.entries(goodCommuneValues)) row.getCell(codes.indexOf(code)).value = Number(v);
  });
  filledXlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const xlsxUpload = multipartFile(`${SECRET}.xlsx`, filledXlsx, XLSX);
  ids.importJob = (await ok(await reporter.request('POST', `/api/report-periods/${ids.period}/imports?wait=true`, xlsxUpload.payload, xlsxUpload.headers), 'import')).id;

  const filled = await fill(ids.draft, (await ok(await reporter.request('GET', `/api/reports/${ids.draft}`), 'draft')).rowVersion);
  ids.evidence = filled.evidenceId;
  const pdfUpload = multipartFile(`${SECRET}.pdf`, PDF, 'application/pdf');
  const uploaded = await reporter.request(
    'POST',
    `/api/reports/${ids.draft}/evidence/files?criterionCode=van_ban_dien_tu&summary=${encodeURIComponent(SECRET)}`,
    pdfUpload.payload,
    pdfUpload.headers,
  );
  ids.download = (await ok(uploaded, 'upload')).file.downloadUrl;
  rv.draft = (await ok(await reporter.request('GET', `/api/reports/${ids.draft}`), 'draft')).rowVersion;

  const submittedReport = await openReportFor(reporter, ids.submittedPeriod, communeA.id);
  ids.submitted = submittedReport.id;
  const s = await fill(ids.submitted, submittedReport.rowVersion);
  rv.submitted = (await ok(await reporter.request('POST', `/api/reports/${ids.submitted}/submit`, { rowVersion: s.rowVersion }), 'submit')).rowVersion;

  const approvedReport = await openReportFor(reporter, ids.approvedPeriod, communeA.id);
  ids.approved = approvedReport.id;
  const a = await fill(ids.approved, approvedReport.rowVersion);
  const sub = await ok(await reporter.request('POST', `/api/reports/${ids.approved}/submit`, { rowVersion: a.rowVersion }), 'submit');
  rv.approved = (await ok(await reviewer.request('POST', `/api/reports/${ids.approved}/approve`, { rowVersion: sub.rowVersion }), 'approve')).rowVersion;
  for (const [key, value] of Object.entries(ids)) if (!value) throw new Error(`fixture ${key} missing`);
}, 240_000);
afterAll(async () => t?.close());

describe('outsider suite for the reporting area', () => {
  it('covers every route of this area', () => {
    const registered = t.routes.filter((r) => isMine(r.url)).map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((k) => !(k in cases))).toEqual([]);
    expect(Object.keys(cases).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it.each(Object.entries(cases))('%s refuses anonymous callers with 401 and changes nothing', async (key, c) => {
    const before = await fingerprint();
    const response = await call(null, key.split(' ')[0]!, c);
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain(SECRET);
    expect(await fingerprint()).toBe(before);
  });

  for (const who of ['sibling', 'viewer'] as const) {
    it.each(Object.entries(cases))(`%s as the ${who}: refused calls change nothing; the sibling never sees district A`, async (key, c) => {
      const method = key.split(' ')[0]!;
      // A fresh session per call.
      const session: Session = await t.signIn(who === 'sibling' ? siblingUser : viewerUser);
      const before = await fingerprint();
      const reportsOfA = () =>
        queryRows<{ h: string | null }>(t.db, sql`select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as h from reports r where r.unit_id = ${communeA.id}`);
      const aBefore = await reportsOfA();
      const response = await call(session, method, c);
      if (who === 'sibling') expect(response.body).not.toContain(SECRET);
      const expectation = c[who];
      if (expectation === 'denied') {
        expect([400, 403, 404, 409, 422], `${key}: ${response.statusCode} ${response.body.slice(0, 300)}`).toContain(response.statusCode);
        if (method === 'GET') expect([403, 404]).toContain(response.statusCode);
        expect(response.body).not.toContain(SECRET);
        expect(await fingerprint()).toBe(before);
      } else if (expectation === 'scoped') {
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        expect(response.body).not.toContain(communeA.id);
        expect(await fingerprint()).toBe(before);
      } else if (expectation === 'self') {
        expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
        // Whatever the caller may record for itself, district A's reports are untouched.
        expect(await reportsOfA()).toEqual(aBefore);
      } else {
        expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
        expect(await fingerprint()).toBe(before);
      }
    });
  }

  it('the viewer of district A reads its report, form and evidence (report.read), the fixtures are real', async () => {
    const viewer = await t.signIn(viewerUser);
    expect((await viewer.request('GET', `/api/reports/${ids.draft}`)).body).toContain(SECRET);
    expect((await viewer.request('GET', `/api/reports/${ids.draft}/form`)).body).toContain(SECRET);
    expect((await viewer.request('GET', '/api/reports')).body).toContain(ids.draft);
    expect((await viewer.request('GET', ids.download!)).rawPayload.equals(PDF)).toBe(true);
  });
});
