import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { addDays, todayInVietnam } from '../../src/core/dates.js';
import { criteriaSetVersions } from '../../src/server/db/schema/index.js';
import { importMovementPackage } from '../../src/server/modules/movements/package-import.js';
import { createTestApp, type Session, type TestApp, type TestUnit } from './test-app.js';

export const goodCommuneValues = {
  records_total: '120',
  records_secret: '20',
  records_online: '80',
  documents_total: '500',
  documents_secret: '10',
  documents_electronic: '490',
  socio_economic_reports_total: '12',
  socio_economic_reports_on_system: '12',
};
export const communeCriteria = ['ho_so_cong_viec_tren_mang', 'van_ban_dien_tu', 'bao_cao_ktxh_tren_he_thong'];

export type ReportsFixture = {
  t: TestApp;
  dataDir: string;
  units: Record<'province' | 'd1' | 'd2' | 'c1' | 'c2' | 'c3' | 'c4' | 'dep', TestUnit>;
  s: Record<'admin' | 'reporter' | 'reporter2' | 'reviewer' | 'standing' | 'board' | 'outsider' | 'c4reporter' | 'viewer', Session>;
  criteriaSetId: string;
  frozenVersionId: string;
  draftVersionId: string;
  regimeId: string;
  periodId: string;
};

/**
 * A tenant with KH 3125 loaded, a draft amendment of its criteria (so opening a period freezes it), a small tree —
 * province; districts D1 (communes C1, C2) and D2 (C3); a department; C4, a commune directly under the province
 * as after 1 July 2025 — people with their roles, a quarterly regime and one period open today.
 */
export async function buildReportsFixture(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<ReportsFixture> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-files-'));
  const t = await createTestApp({ DATA_DIR: dataDir, ...overrides });
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../packages/kh-3125-2021.json'), 'utf8')) as unknown;
  const imported = await t.db.transaction((tx) => importMovementPackage(tx, t.tenantId, { actor: null, requestId: 'test', actorName: 'test' }, pkg));
  const [frozen] = await t.db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, imported.versionId));
  const today = todayInVietnam();
  const draftVersionId = randomUUID();
  await t.db.insert(criteriaSetVersions).values({
    id: draftVersionId,
    tenantId: t.tenantId,
    criteriaSetId: imported.criteriaSetId,
    version: 2,
    effectiveFrom: addDays(today, -400),
    legalBasis: frozen!.legalBasis,
    status: 'draft',
    definition: frozen!.definition,
    basedOnVersionId: frozen!.id,
  });
  const province = await t.buildUnit({ name: 'Tỉnh Thử Nghiệm', kindCode: 'province', code: '99' });
  const d1 = await t.buildUnit({ name: 'Huyện Nam Thử', kindCode: 'district', parentId: province.id, code: '991' });
  const d2 = await t.buildUnit({ name: 'Huyện Bắc Thử', kindCode: 'district', parentId: province.id, code: '992' });
  const c1 = await t.buildUnit({ name: 'Xã Đông Thử', kindCode: 'commune', parentId: d1.id, code: '99101' });
  const c2 = await t.buildUnit({ name: 'Xã Tây Thử', kindCode: 'commune', parentId: d1.id, code: '99102' });
  const c3 = await t.buildUnit({ name: 'Xã Bắc Thử', kindCode: 'commune', parentId: d2.id, code: '99201' });
  const c4 = await t.buildUnit({ name: 'Phường Mới Thử', kindCode: 'commune', parentId: province.id, code: '99301', validFrom: '2025-07-01' });
  const dep = await t.buildUnit({ name: 'Sở Thử Nghiệm', kindCode: 'department', parentId: province.id });
  const sign = async (role: Parameters<TestApp['buildUser']>[0]) => t.signIn(await t.buildUser(role));
  const s = {
    admin: await sign({ role: 'system_admin', unitId: null }),
    reporter: await sign({ role: 'unit_reporter', unitId: c1.id, includeSubtree: false }),
    reporter2: await sign({ role: 'unit_reporter', unitId: c1.id, includeSubtree: false }),
    reviewer: await sign({ role: 'reviewer', unitId: d1.id }),
    standing: await sign({ role: 'standing_agency', unitId: null }),
    board: await sign({ role: 'emulation_board', unitId: null }),
    outsider: await sign({ role: 'unit_reporter', unitId: c3.id, includeSubtree: false }),
    c4reporter: await sign({ role: 'unit_reporter', unitId: c4.id, includeSubtree: false }),
    viewer: await sign({ role: 'viewer', unitId: d1.id }),
  };
  const regime = await s.standing.request('POST', '/api/report-regimes', {
    code: 'bao_cao_quy_thu',
    name: 'Báo cáo quý kết quả thi đua Chuyển đổi số (thử)',
    content: 'Kết quả thực hiện các tiêu chí của Kế hoạch 3125/KH-UBND',
    criteriaSetId: imported.criteriaSetId,
    reportingLevels: ['commune', 'district', 'department'],
    receivingUnitName: 'Sở Thông tin và Truyền thông',
    frequency: 'quarter',
    method: 'Trên hệ thống Thi Đua Số',
  });
  if (regime.statusCode !== 201) throw new Error(`regime: ${regime.body}`);
  const regimeId = (regime.json() as { id: string }).id;
  const periodId = await createOpenPeriod(s.standing, regimeId, 'THU-1', 'Kỳ thử 1', { dueIn: 10 });
  return {
    t,
    dataDir,
    units: { province, d1, d2, c1, c2, c3, c4, dep },
    s,
    criteriaSetId: imported.criteriaSetId,
    frozenVersionId: imported.versionId,
    draftVersionId,
    regimeId,
    periodId,
  };
}

/** A custom period around today (due in `dueIn` days; negative for a past due date), opened by the schedule. */
export async function createOpenPeriod(session: Session, regimeId: string, code: string, label: string, options: { dueIn: number }): Promise<string> {
  const today = todayInVietnam();
  const custom = {
    code,
    label,
    startDate: addDays(today, -90),
    endDate: addDays(today, -1),
    opensOn: addDays(today, Math.min(-5, options.dueIn - 5)),
    dueDate: addDays(today, options.dueIn),
    closesOn: addDays(today, Math.max(20, options.dueIn + 1)),
    locksOn: addDays(today, Math.max(60, options.dueIn + 40)),
  };
  const r = await session.request('POST', `/api/report-regimes/${regimeId}/periods`, { custom });
  if (r.statusCode !== 201) throw new Error(`period: ${r.body}`);
  const id = (r.json() as { id: string }[])[0]!.id;
  const listed = await session.request('GET', `/api/report-periods/${id}`);
  if ((listed.json() as { status: string }).status !== 'open') throw new Error(`period not open: ${listed.body}`);
  return id;
}

/** Opens the unit's report for the period and returns its id and rowVersion. */
export async function openReportFor(session: Session, periodId: string, unitId: string): Promise<{ id: string; rowVersion: number }> {
  const r = await session.request('POST', '/api/reports', { periodId, unitId });
  if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(`open report: ${r.statusCode} ${r.body}`);
  const json = r.json() as { id: string; rowVersion: number };
  return { id: json.id, rowVersion: json.rowVersion };
}

/** Fills a commune report with consistent values and a document per criterion; returns the rowVersion. */
export async function fillCommuneReport(
  session: Session,
  reportId: string,
  rowVersion: number,
  values: Record<string, string | boolean | null> = goodCommuneValues,
): Promise<number> {
  const saved = await session.request('PUT', `/api/reports/${reportId}`, {
    rowVersion,
    values,
    narratives: { chinh_quyen_so: 'Đã triển khai hệ thống quản lý văn bản và điều hành.' },
  });
  if (saved.statusCode !== 200) throw new Error(`save: ${saved.body}`);
  for (const criterionCode of communeCriteria) {
    const e = await session.request('POST', `/api/reports/${reportId}/evidence`, {
      criterionCode,
      documentNumber: '15/BC-UBND',
      documentDate: '2024-03-10',
      issuer: 'UBND xã Đông Thử',
      summary: 'Báo cáo thống kê hồ sơ, văn bản điện tử quý I',
    });
    if (e.statusCode !== 201) throw new Error(`evidence: ${e.body}`);
  }
  return (saved.json() as { rowVersion: number }).rowVersion;
}

/** A multipart/form-data body with one file field. */
export function multipartFile(fileName: string, content: Buffer, contentType = 'application/octet-stream', field = 'file') {
  const boundary = `----thidua${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}\r\nContent-Type: ${contentType}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A minimal zip writer for test files (stored or deflated entries; sizes can be made to lie). */
export function buildZip(entries: { name: string; data: Buffer; deflate?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const XLSX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';
export const DOCX_CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
