import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, criteriaEvaluations, criteriaSetVersions, roleGrants, users } from '../../db/schema/index.js';
import { hashPassword } from '../../auth/passwords.js';
import { ensureTenant } from '../../seed/base.js';
import { kh3125PackagePath } from '../../seed/demo.js';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp, type TestUnit } from '../../../../tests/helpers/test-app.js';
import { importMovementPackage } from '../movements/package-import.js';
import { freezeCriteriaVersion } from './criteria.service.js';

type Criterion = { code: string; status: string; explanation: string; explanationEn: string; value: string | null; points: string; target: unknown; missingCodes: string[] };
type Score = { criteria: Criterion[]; totalPoints: string; classification: { code: string } | null };

let t: TestApp;
let manager: Session;
let viewer: Session;
let reviewerA: Session;
let viewerB: Session;
let districtA: TestUnit;
let communeA: TestUnit;
let communeB: TestUnit;
let setId: string;
let v1: string;
let v2: string;

const packageJson = () => JSON.parse(readFileSync(kh3125PackagePath, 'utf8')) as { criteriaSet: Record<string, unknown> & { criteria: Record<string, unknown>[] } };

beforeAll(async () => {
  t = await createTestApp();
  const province = await t.buildUnit({ name: 'Tỉnh Hải Dương', kindCode: 'province' });
  districtA = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district', parentId: province.id });
  communeA = await t.buildUnit({ name: 'Xã An Lâm', kindCode: 'commune', parentId: districtA.id });
  const districtB = await t.buildUnit({ name: 'Huyện Kim Thành', kindCode: 'district', parentId: province.id });
  communeB = await t.buildUnit({ name: 'Xã Kim Lương', kindCode: 'commune', parentId: districtB.id });
  manager = await t.signIn(await t.buildUser({ role: 'emulation_board' }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer' }));
  reviewerA = await t.signIn(await t.buildUser({ role: 'reviewer', unitId: districtA.id }));
  viewerB = await t.signIn(await t.buildUser({ role: 'viewer', unitId: districtB.id }));
  const ids = await importMovementPackage(t.db, t.tenantId, { actor: null, requestId: 'test', actorName: 'test' }, packageJson());
  setId = ids.criteriaSetId;
  v1 = ids.versionId;
});
afterAll(async () => t?.close());

async function dryRun(session: Session, body: unknown, versionId = v1) {
  return session.request('POST', `/api/criteria-versions/${versionId}/dry-run`, body);
}

async function scoreOf(body: unknown, code: string, versionId = v1): Promise<Criterion> {
  const response = await dryRun(viewer, body, versionId);
  expect(response.statusCode, response.body).toBe(200);
  const found = (response.json() as Score).criteria.find((c) => c.code === code);
  if (!found) throw new Error(`no criterion ${code}`);
  return found;
}

const records = (total: string, secret: string, online: string | null) => ({ records_total: total, records_secret: secret, records_online: online });
const documents = (total: string, secret: string, electronic: string) => ({ documents_total: total, documents_secret: secret, documents_electronic: electronic });
const departments = (met: number, of: number) =>
  Array.from({ length: of }, (_, i) => ({ name: `Sở thử ${i + 1}`, level: 'department', values: { lgsp_shared_db_connected: i < met } }));

describe('the imported criteria set (IV.1 of the plan)', () => {
  it('has every IV.1 criterion with the exact targets per level, frozen as issued', async () => {
    const response = await viewer.request('GET', `/api/criteria-versions/${v1}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ version: 1, status: 'frozen', effectiveFrom: '2021-08-25', frozenReason: 'Ban hành kèm 3125/KH-UBND', abilities: { canEdit: false } });
    const targets = Object.fromEntries(
      (body.definition.criteria as { code: string; kind: string; targets: { level: string; comparator: string; threshold: string }[] }[]).map((c) => [
        c.code,
        [c.kind, ...c.targets.map((x) => `${x.level} ${x.comparator} ${x.threshold}`)],
      ]),
    );
    expect(targets).toEqual({
      ho_so_cong_viec_tren_mang: ['ratio', 'department gte 90', 'district gte 80', 'commune gte 60'],
      van_ban_dien_tu: ['ratio', 'department gte 100', 'district gte 100', 'commune gte 100'],
      bao_cao_ktxh_tren_he_thong: ['ratio', 'department gte 100', 'district gte 100', 'commune gte 100'],
      csdl_dung_chung_lgsp: ['group', 'province gte 70'],
      doanh_nghiep_ung_dung_cong_nghe_so: ['qualitative'],
      ca_nhan_sang_kien_dong_gop: ['qualitative'],
    });
    const ratio = body.definition.criteria[0];
    expect(ratio).toMatchObject({ numerator: '#{records_online}', denominator: '#{records_total} - #{records_secret}', display: 'percentage' });
    expect(body.definition.criteria[3]).toMatchObject({ memberLevel: 'department', memberCondition: '#{lgsp_shared_db_connected}' });
    expect((await manager.request('GET', `/api/criteria-versions/${v1}`)).json().abilities).toEqual({ canEdit: false, canFreeze: false, canAmend: true });
  });
});

describe('dry-run evaluation at the boundaries', () => {
  const cases: { name: string; level: string; values: Record<string, string | boolean | null>; code: string; status: string; explanation: string }[] = [
    {
      name: 'department 89.99 %',
      level: 'department',
      values: records('10050', '50', '8999'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'not_met',
      explanation: '8999 / (10050 − 50) = 89,99 %, yêu cầu ≥ 90 %: không đạt',
    },
    {
      name: 'department 90.00 %',
      level: 'department',
      values: records('10050', '50', '9000'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'met',
      explanation: '9000 / (10050 − 50) = 90,00 % ≥ 90 %: đạt',
    },
    {
      name: 'district 79.99 %',
      level: 'district',
      values: records('10000', '0', '7999'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'not_met',
      explanation: '7999 / (10000 − 0) = 79,99 %, yêu cầu ≥ 80 %: không đạt',
    },
    {
      name: 'district 80.00 %',
      level: 'district',
      values: records('10000', '0', '8000'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'met',
      explanation: '8000 / (10000 − 0) = 80,00 % ≥ 80 %: đạt',
    },
    {
      name: 'commune 59.99 %',
      level: 'commune',
      values: records('10000', '0', '5999'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'not_met',
      explanation: '5999 / (10000 − 0) = 59,99 %, yêu cầu ≥ 60 %: không đạt',
    },
    {
      name: 'commune 60.00 %',
      level: 'commune',
      values: records('10000', '0', '6000'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'met',
      explanation: '6000 / (10000 − 0) = 60,00 % ≥ 60 %: đạt',
    },
    // Secret records leave both sides: 810 of 1000 is 81 %, but of the 900 non-secret records it is 90 %.
    {
      name: 'secret records excluded',
      level: 'department',
      values: records('1000', '100', '810'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'met',
      explanation: '810 / (1000 − 100) = 90,00 % ≥ 90 %: đạt',
    },
    {
      name: 'zero denominator',
      level: 'commune',
      values: records('50', '50', '0'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'not_applicable',
      explanation: 'Mẫu số bằng 0: không áp dụng (mẫu số: 50 − 50 = 0)',
    },
    {
      name: 'documents 99.99 %',
      level: 'department',
      values: documents('10000', '0', '9999'),
      code: 'van_ban_dien_tu',
      status: 'not_met',
      explanation: '9999 / (10000 − 0) = 99,99 %, yêu cầu ≥ 100 %: không đạt',
    },
    {
      name: 'documents 100 % without the Mật ones',
      level: 'commune',
      values: documents('10000', '1', '9999'),
      code: 'van_ban_dien_tu',
      status: 'met',
      explanation: '9999 / (10000 − 1) = 100,00 % ≥ 100 %: đạt',
    },
    // 9998 of 9999 displays as 99,99 % after rounding but is compared unrounded.
    {
      name: 'documents 99.989… % at a district',
      level: 'district',
      values: documents('10000', '1', '9998'),
      code: 'van_ban_dien_tu',
      status: 'not_met',
      explanation: '9998 / (10000 − 1) = 99,99 %, yêu cầu ≥ 100 %: không đạt',
    },
    {
      name: 'reports 999 of 1000',
      level: 'district',
      values: { socio_economic_reports_total: '1000', socio_economic_reports_on_system: '999' },
      code: 'bao_cao_ktxh_tren_he_thong',
      status: 'not_met',
      explanation: '999 / 1000 = 99,90 %, yêu cầu ≥ 100 %: không đạt',
    },
    {
      name: 'reports 1000 of 1000',
      level: 'commune',
      values: { socio_economic_reports_total: '1000', socio_economic_reports_on_system: '1000' },
      code: 'bao_cao_ktxh_tren_he_thong',
      status: 'met',
      explanation: '1000 / 1000 = 100,00 % ≥ 100 %: đạt',
    },
    {
      name: 'missing value',
      level: 'commune',
      values: records('100', '0', null),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'awaiting_data',
      explanation: 'Chưa có số liệu: Số hồ sơ công việc được xử lý trên môi trường mạng (không tính hồ sơ mật) (records_online)',
    },
    {
      name: 'not for this level',
      level: 'enterprise',
      values: records('100', '0', '100'),
      code: 'ho_so_cong_viec_tren_mang',
      status: 'not_applicable',
      explanation: 'Tiêu chí không áp dụng cho doanh nghiệp',
    },
  ];

  it.each(cases)('$name → $status', async ({ level, values, code, status, explanation }) => {
    const result = await scoreOf({ level, values }, code);
    expect(result.status).toBe(status);
    expect(result.explanation).toBe(explanation);
  });

  it('evaluates the group criterion over member departments: 7 of 10 meets 70 %, 6 of 10 does not', async () => {
    const met = await scoreOf({ level: 'province', values: {}, members: departments(7, 10) }, 'csdl_dung_chung_lgsp');
    expect(met).toMatchObject({ status: 'met', explanation: '7/10 sở, ban, ngành đạt điều kiện = 70,00 % ≥ 70 %: đạt', points: '10' });
    const notMet = await scoreOf({ level: 'province', values: {}, members: departments(6, 10) }, 'csdl_dung_chung_lgsp');
    expect(notMet).toMatchObject({ status: 'not_met', explanation: '6/10 sở, ban, ngành đạt điều kiện = 60,00 %, yêu cầu ≥ 70 %: không đạt', points: '0' });
    const noMembers = await scoreOf({ level: 'province', values: {} }, 'csdl_dung_chung_lgsp');
    expect(noMembers.status).toBe('awaiting_data');
  });

  it('scores qualitative criteria from the judgement, and the whole unit with its classification', async () => {
    const result = await scoreOf({ level: 'enterprise', values: {}, judgements: { doanh_nghiep_ung_dung_cong_nghe_so: 'tot' } }, 'doanh_nghiep_ung_dung_cong_nghe_so');
    expect(result).toMatchObject({ status: 'met', points: '7.5', explanation: 'Đánh giá: Tốt (7,5/10 điểm): đạt' });
    const all = await dryRun(viewer, {
      level: 'commune',
      values: { ...records('10000', '0', '6000'), ...documents('10000', '1', '9999'), socio_economic_reports_total: '0', socio_economic_reports_on_system: '0' },
    });
    expect(all.json()).toMatchObject({ totalPoints: '20', metCount: 2, applicableCount: 2, classification: { code: 'hoan_thanh_xuat_sac' } });
  });

  it('rejects malformed values with the path of each, and unknown codes', async () => {
    const response = await dryRun(viewer, {
      level: 'commune',
      values: { records_total: '10.5', records_secret: '-1', records_online: true, documents_total: '12.5', lgsp_shared_db_connected: '1', nope: '1' },
      judgements: { ho_so_cong_viec_tren_mang: 'dat', doanh_nghiep_ung_dung_cong_nghe_so: 'hang_nhat' },
      members: [{ name: 'Sở A', level: 'department', values: { lgsp_shared_db_connected: 'có' } }],
    });
    expect(response.statusCode).toBe(400);
    const details = response.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual([
      'body.values.records_total',
      'body.values.records_secret',
      'body.values.records_online',
      'body.values.documents_total',
      'body.values.lgsp_shared_db_connected',
      'body.values.nope',
      'body.judgements.ho_so_cong_viec_tren_mang',
      'body.judgements.doanh_nghiep_ung_dung_cong_nghe_so',
      'body.members[0].values.lgsp_shared_db_connected',
    ]);
    expect(details[0]!.message).toBe('Cần số nguyên');
    expect(details[1]!.message).toBe('Không được nhỏ hơn 0');
    expect(details[5]!.message).toBe("Chỉ tiêu dữ liệu 'nope' không có trong bộ tiêu chí");
    const numbers = await dryRun(viewer, { level: 'commune', values: { records_total: 59.99 } });
    expect(numbers.statusCode).toBe(400);
    expect(numbers.json().error.details[0].path).toBe('body.values.records_total');
    const comma = await dryRun(viewer, { level: 'commune', values: { records_total: '59,99' } });
    expect(comma.json().error.details).toEqual([{ path: 'body.values.records_total', message: expect.stringContaining('"59.99"') }]);
    const level = await dryRun(viewer, { level: 'ward', values: {} });
    expect(level.json().error.details[0].path).toBe('body.level');
  });

  it('tries an unsaved definition (the editor), after validating it', async () => {
    const definition = { ...packageJson().criteriaSet };
    for (const key of ['code', 'version', 'effectiveFrom', 'legalBasis']) delete definition[key];
    const ok = await viewer.request('POST', '/api/criteria/dry-run', { definition, level: 'commune', values: records('100', '0', '60') });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as Score).criteria[0]).toMatchObject({ status: 'met' });
    const broken = structuredClone(definition) as typeof definition;
    broken.criteria[0]!.numerator = '#{records_online} * ';
    broken.criteria[1]!.denominator = '#{documents_totl}';
    const bad = await viewer.request('POST', '/api/criteria/dry-run', { definition: broken, level: 'commune', values: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([
      { path: 'body.definition.criteria[0].numerator', message: 'Biểu thức chưa kết thúc: thiếu toán hạng ở vị trí 21' },
      { path: 'body.definition.criteria[1].denominator', message: "Chỉ tiêu dữ liệu 'documents_totl' không tồn tại (vị trí 1)" },
    ]);
  });
});

describe('formula validation', () => {
  const dataElements = [
    { code: 'records_total', name: 'Tổng số hồ sơ', valueType: 'integer', aggregation: 'sum' },
    { code: 'records_online', name: 'Hồ sơ trên mạng', valueType: 'integer', aggregation: 'sum' },
  ];

  it('answers 200 with the position of each error, or the references of a good formula', async () => {
    const good = await viewer.request('POST', '/api/criteria/validate-expression', { expression: '#{records_online} / #{records_total}', dataElements, expect: 'number' });
    expect(good.statusCode).toBe(200);
    expect(good.json()).toEqual({ ok: true, errors: [], references: ['records_online', 'records_total'], type: 'number' });
    const unclosed = await viewer.request('POST', '/api/criteria/validate-expression', { expression: '(#{records_online} / #{records_total}', dataElements, expect: 'number' });
    expect(unclosed.statusCode).toBe(200);
    expect(unclosed.json()).toMatchObject({ ok: false, references: [], type: null });
    expect(unclosed.json().errors[0]).toMatchObject({ position: expect.any(Number), message: expect.stringContaining('vị trí') });
    const unknown = await viewer.request('POST', '/api/criteria/validate-expression', { expression: '#{records_online} / #{records_secret}', dataElements, expect: 'number' });
    expect(unknown.json()).toMatchObject({
      ok: false,
      references: ['records_online', 'records_secret'],
      errors: [{ position: 20, message: "Chỉ tiêu dữ liệu 'records_secret' không tồn tại (vị trí 21)", messageEn: "Data element 'records_secret' does not exist (position 21)" }],
    });
    const notBoolean = await viewer.request('POST', '/api/criteria/validate-expression', { expression: '#{records_online}', dataElements, expect: 'boolean' });
    expect(notBoolean.json().ok).toBe(false);
    expect((await t.anonymous('POST', '/api/criteria/validate-expression', { expression: '1', dataElements, expect: 'number' })).statusCode).toBe(401);
  });
});

describe('versions: freezing, amendments and stored evaluations', () => {
  it('refuses to edit a frozen version, with a clear message, and changes nothing', async () => {
    const current = (await manager.request('GET', `/api/criteria-versions/${v1}`)).json();
    const [before] = await t.db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, v1));
    const definition = structuredClone(current.definition);
    definition.criteria[0].targets[2].threshold = '65';
    const response = await manager.request('PUT', `/api/criteria-versions/${v1}`, { rowVersion: current.rowVersion, definition });
    expect(response.statusCode).toBe(409);
    const frozenOn = before!.frozenAt!;
    const dd = new Date(frozenOn.getTime() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    expect(response.json().error).toMatchObject({
      code: 'version_frozen',
      message: `Phiên bản 1 đã khoá từ ${dd} (lý do: Ban hành kèm 3125/KH-UBND); hãy tạo phiên bản sửa đổi`,
    });
    const [after] = await t.db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, v1));
    expect(after).toEqual(before);
  });

  it('stores an evaluation on v1 with the level of the unit kind, for a reviewer of the unit', async () => {
    const body = {
      unitId: communeA.id,
      periodLabel: 'Năm 2022',
      values: { ...records('1000', '0', '620'), ...documents('10', '0', '10'), socio_economic_reports_total: '4', socio_economic_reports_on_system: '4' },
    };
    const response = await reviewerA.request('POST', `/api/criteria-versions/${v1}/evaluations`, body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ criteriaSetVersionId: v1, version: 1, unitId: communeA.id, unitName: 'Xã An Lâm', level: 'commune', periodLabel: 'Năm 2022' });
    expect(response.json().result.criteria[0]).toMatchObject({ code: 'ho_so_cong_viec_tren_mang', status: 'met', explanation: '620 / (1000 − 0) = 62,00 % ≥ 60 %: đạt' });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'evaluation.recorded'), eq(auditLog.entityId, response.json().id)));
    expect(audit!.after).toMatchObject({ criteriaSetVersionId: v1, version: 1, periodLabel: 'Năm 2022', totalPoints: '30' });
    // Out of the reviewer's scope, or without report.review: not found.
    expect((await reviewerA.request('POST', `/api/criteria-versions/${v1}/evaluations`, { ...body, unitId: communeB.id })).statusCode).toBe(404);
    expect((await viewer.request('POST', `/api/criteria-versions/${v1}/evaluations`, body)).statusCode).toBe(404);
    expect((await reviewerA.request('POST', `/api/criteria-versions/${v1}/evaluations`, { ...body, unitId: randomUUID() })).statusCode).toBe(404);
    expect((await manager.request('POST', `/api/criteria-versions/${v1}/evaluations`, { ...body, unitId: communeB.id, periodLabel: 'Năm 2022' })).statusCode).toBe(201);
  });

  it('lists evaluations within the reader’s scope', async () => {
    const all = await viewer.request('GET', `/api/criteria-versions/${v1}/evaluations`);
    expect(
      all
        .json()
        .map((e: { unitId: string }) => e.unitId)
        .sort(),
    ).toEqual([communeA.id, communeB.id].sort());
    const onlyB = await viewerB.request('GET', `/api/criteria-versions/${v1}/evaluations`);
    expect(onlyB.json().map((e: { unitId: string }) => e.unitId)).toEqual([communeB.id]);
  });

  it('creates an amendment v2 (draft, copied, later effective date) and refuses an earlier date', async () => {
    const legalBasis = { number: '123/QĐ-UBND', date: '2022-12-20', issuer: 'UBND tỉnh Hải Dương', title: 'Quyết định sửa đổi chỉ tiêu cấp xã' };
    const early = await manager.request('POST', `/api/criteria-sets/${setId}/versions`, { basedOnVersionId: v1, effectiveFrom: '2021-08-25', legalBasis });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details[0].path).toBe('body.effectiveFrom');
    const response = await manager.request('POST', `/api/criteria-sets/${setId}/versions`, { basedOnVersionId: v1, effectiveFrom: '2023-01-01', legalBasis });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ version: 2, status: 'draft', effectiveFrom: '2023-01-01', legalBasis, basedOnVersionId: v1, rowVersion: 1, abilities: { canEdit: true } });
    v2 = body.id;
    const original = (await viewer.request('GET', `/api/criteria-versions/${v1}`)).json();
    expect(body.definition).toEqual(original.definition);
    expect((await viewer.request('GET', `/api/criteria-versions/${v2}`)).json().abilities.canEdit).toBe(false);
    const set = (await viewer.request('GET', `/api/criteria-sets/${setId}`)).json();
    expect(set.versions.map((v: { version: number; status: string; basedOnVersion: number | null }) => [v.version, v.status, v.basedOnVersion])).toEqual([
      [1, 'frozen', null],
      [2, 'draft', 1],
    ]);
  });

  it('edits the draft v2: validates formulas with positions, detects stale writes, audits the changes', async () => {
    const current = (await manager.request('GET', `/api/criteria-versions/${v2}`)).json();
    const malformed = structuredClone(current.definition);
    malformed.criteria[0].numerator = '#{records_online} +* 2';
    const bad = await manager.request('PUT', `/api/criteria-versions/${v2}`, { rowVersion: current.rowVersion, definition: malformed });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: 'body.definition.criteria[0].numerator', message: expect.stringMatching(/vị trí 20/) }]);
    expect((await manager.request('GET', `/api/criteria-versions/${v2}`)).json().rowVersion).toBe(current.rowVersion);

    const definition = structuredClone(current.definition);
    definition.criteria[0].targets[2].threshold = '65';
    const saved = await manager.request('PUT', `/api/criteria-versions/${v2}`, { rowVersion: current.rowVersion, definition });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ rowVersion: current.rowVersion + 1 });
    expect(saved.json().definition.criteria[0].targets[2]).toEqual({ level: 'commune', comparator: 'gte', threshold: '65' });
    const stale = await manager.request('PUT', `/api/criteria-versions/${v2}`, { rowVersion: current.rowVersion, definition });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'criteria_version.updated'), eq(auditLog.entityId, v2)));
    expect((audit!.after as { definitionChanges: { label: string }[] }).definitionChanges.map((c) => c.label)).toEqual([
      'Tiêu chí ho_so_cong_viec_tren_mang: chỉ tiêu cấp xã 60 → 65',
    ]);
    expect(audit!.before).toMatchObject({ rowVersion: 1 });
  });

  it('keeps old results pointing at v1, and scores the same values differently on v2', async () => {
    const onV1 = (await viewer.request('GET', `/api/criteria-versions/${v1}/evaluations`)).json();
    expect(onV1).toHaveLength(2);
    const a = onV1.find((e: { unitId: string }) => e.unitId === communeA.id);
    expect(a).toMatchObject({ criteriaSetVersionId: v1, version: 1 });
    expect(a.result.criteria[0]).toMatchObject({ status: 'met', target: { level: 'commune', comparator: 'gte', threshold: '60' } });
    const rows = await t.db.select({ versionId: criteriaEvaluations.criteriaSetVersionId }).from(criteriaEvaluations);
    expect(rows.every((r) => r.versionId === v1)).toBe(true);
    expect((await viewer.request('GET', `/api/criteria-versions/${v2}/evaluations`)).json()).toEqual([]);
    const values = { level: 'commune', values: records('1000', '0', '620') };
    expect((await scoreOf(values, 'ho_so_cong_viec_tren_mang', v1)).status).toBe('met');
    expect(await scoreOf(values, 'ho_so_cong_viec_tren_mang', v2)).toMatchObject({ status: 'not_met', explanation: '620 / (1000 − 0) = 62,00 %, yêu cầu ≥ 65 %: không đạt' });
    // Results are stored on frozen versions only.
    const onDraft = await reviewerA.request('POST', `/api/criteria-versions/${v2}/evaluations`, { unitId: communeA.id, periodLabel: 'Năm 2023', values: {} });
    expect(onDraft.statusCode).toBe(409);
    expect(onDraft.json().error.code).toBe('version_draft');
  });

  it('shows a readable diff between v1 and v2', async () => {
    const response = await viewer.request('GET', `/api/criteria-sets/${setId}/diff?from=${v1}&to=${v2}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      from: { id: v1, version: 1 },
      to: { id: v2, version: 2 },
      changes: [
        {
          path: 'criteria.ho_so_cong_viec_tren_mang.targets.commune.threshold',
          kind: 'changed',
          label: 'Tiêu chí ho_so_cong_viec_tren_mang: chỉ tiêu cấp xã 60 → 65',
          before: '60',
          after: '65',
        },
      ],
    });
    expect((await viewer.request('GET', `/api/criteria-sets/${setId}/diff?from=${v1}&to=${randomUUID()}`)).statusCode).toBe(404);
  });

  it('freezes v2 once (idempotent), after which it cannot be edited', async () => {
    const first = await manager.request('POST', `/api/criteria-versions/${v2}/freeze`, { reason: 'Áp dụng cho kỳ báo cáo năm 2023' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'frozen', frozenReason: 'Áp dụng cho kỳ báo cáo năm 2023', abilities: { canEdit: false } });
    const second = await manager.request('POST', `/api/criteria-versions/${v2}/freeze`, { reason: 'Lần hai' });
    expect(second.json()).toMatchObject({ status: 'frozen', frozenReason: 'Áp dụng cho kỳ báo cáo năm 2023', frozenAt: first.json().frozenAt });
    const [{ n }] = (await t.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'criteria_version.frozen'), eq(auditLog.entityId, v2)))) as [{ n: number }];
    expect(n).toBe(1);
    const current = (await manager.request('GET', `/api/criteria-versions/${v2}`)).json();
    const edit = await manager.request('PUT', `/api/criteria-versions/${v2}`, { rowVersion: current.rowVersion, definition: current.definition });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toMatch(/^Phiên bản 2 đã khoá từ \d\d\/\d\d\/\d{4} \(lý do: Áp dụng cho kỳ báo cáo năm 2023\); hãy tạo phiên bản sửa đổi$/);
    const list = (await viewer.request('GET', '/api/movements?asOf=2023-06-30')).json();
    expect(list[0].criteriaSets[0]).toMatchObject({ latestVersion: { version: 2 }, activeVersion: { version: 2 } });
    expect((await viewer.request('GET', '/api/movements?asOf=2022-06-30')).json()[0].criteriaSets[0].activeVersion.version).toBe(1);
  });

  it('exports freezeCriteriaVersion for the reporting area (system context, inside its transaction)', async () => {
    const v3 = (
      await manager.request('POST', `/api/criteria-sets/${setId}/versions`, {
        basedOnVersionId: v2,
        effectiveFrom: '2024-01-01',
        legalBasis: { number: '45/QĐ-UBND', date: '2023-12-15', issuer: 'UBND tỉnh Hải Dương', title: 'Sửa đổi' },
      })
    ).json();
    expect(v3.version).toBe(3);
    const row = await t.db.transaction((tx) => freezeCriteriaVersion(tx, { actor: null, requestId: 'test', actorName: 'reporting' }, v3.id, 'Mở kỳ báo cáo năm 2024'));
    expect(row).toMatchObject({ status: 'frozen', frozenReason: 'Mở kỳ báo cáo năm 2024' });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'criteria_version.frozen'), eq(auditLog.entityId, v3.id)));
    expect(audit).toMatchObject({ actorName: 'reporting', tenantId: t.tenantId });
  });
});

describe('permissions and provinces', () => {
  it('lets a viewer read and try, but not edit (403)', async () => {
    const current = (await viewer.request('GET', `/api/criteria-versions/${v1}`)).json();
    const before = await t.db.select().from(criteriaSetVersions);
    const writes: [string, string, unknown][] = [
      ['PUT', `/api/criteria-versions/${v1}`, { rowVersion: current.rowVersion, definition: current.definition }],
      [
        'POST',
        `/api/criteria-sets/${setId}/versions`,
        { basedOnVersionId: v1, effectiveFrom: '2030-01-01', legalBasis: { number: '1', date: '2029-12-01', issuer: 'x', title: 'y' } },
      ],
      ['POST', `/api/criteria-versions/${v1}/freeze`, { reason: 'x' }],
    ];
    for (const [method, url, payload] of writes) {
      expect((await viewer.request(method as 'POST', url, payload)).statusCode, `${method} ${url}`).toBe(403);
      expect((await t.anonymous(method as 'POST', url, payload)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await t.db.select().from(criteriaSetVersions)).toEqual(before);
    for (const url of [`/api/criteria-sets/${setId}`, `/api/criteria-versions/${v1}`, `/api/criteria-versions/${v1}/evaluations`]) {
      expect((await viewer.request('GET', url)).statusCode, url).toBe(200);
      expect((await t.anonymous('GET', url)).statusCode, url).toBe(401);
    }
    expect((await t.anonymous('POST', `/api/criteria-versions/${v1}/dry-run`, { level: 'commune', values: {} })).statusCode).toBe(401);
  });

  it('hides another province’s criteria (404)', async () => {
    const tenantId = await ensureTenant(t.db, 'test-2', 'Tỉnh thử 2');
    const id = randomUUID();
    await t.db.insert(users).values({ id, tenantId, username: 'tinh2_admin', fullName: 'Quản trị tỉnh 2', passwordHash: await hashPassword(TEST_PASSWORD) });
    await t.db.insert(roleGrants).values({ id: randomUUID(), tenantId, userId: id, role: 'system_admin', unitId: null, includeSubtree: true, validFrom: '2020-01-01' });
    const other = await t.signIn({ id, username: 'tinh2_admin', password: TEST_PASSWORD });
    for (const [method, url, payload] of [
      ['GET', `/api/criteria-sets/${setId}`, undefined],
      ['GET', `/api/criteria-versions/${v1}`, undefined],
      ['GET', `/api/criteria-versions/${v1}/evaluations`, undefined],
      ['POST', `/api/criteria-versions/${v1}/dry-run`, { level: 'commune', values: {} }],
      ['POST', `/api/criteria-versions/${v1}/freeze`, { reason: 'x' }],
      [
        'POST',
        `/api/criteria-sets/${setId}/versions`,
        { basedOnVersionId: v1, effectiveFrom: '2030-01-01', legalBasis: { number: '1', date: '2029-12-01', issuer: 'x', title: 'y' } },
      ],
      ['POST', `/api/criteria-versions/${v1}/evaluations`, { unitId: communeA.id, periodLabel: 'x', values: {} }],
    ] as const) {
      expect((await other.request(method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }
  });
});
