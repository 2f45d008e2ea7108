import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import {
  auditLog,
  criteriaSets,
  criteriaSetVersions,
  movementAgencies,
  movementMilestones,
  movementPhases,
  movements,
  roleGrants,
  unitVersions,
  users,
} from '../../db/schema/index.js';
import { hashPassword } from '../../auth/passwords.js';
import { sealAuditChain, verifyAuditChain } from '../../audit/audit.js';
import { ensureTenant } from '../../seed/base.js';
import { kh3125PackagePath, seedDemo } from '../../seed/demo.js';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../../tests/helpers/test-app.js';
import { exportPackage, importPackageFromFile } from './package-import.js';

const packageText = readFileSync(kh3125PackagePath, 'utf8');
const packageJson = () => JSON.parse(packageText) as Record<string, unknown> & { movement: Record<string, unknown> };

let t: TestApp;
let manager: Session;
let viewer: Session;
let movementId: string;
let dicUnitId: string;
let dostHdUnitId: string;
let dostHpUnitId: string;

async function unitIdByName(name: string): Promise<string> {
  const [row] = await t.db.select({ unitId: unitVersions.unitId }).from(unitVersions).where(eq(unitVersions.name, name));
  if (!row) throw new Error(`no unit ${name}`);
  return row.unitId;
}

async function rowCounts() {
  const n = async (table: typeof movements | typeof movementPhases | typeof movementMilestones | typeof movementAgencies | typeof criteriaSets | typeof criteriaSetVersions) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return {
    movements: await n(movements),
    phases: await n(movementPhases),
    milestones: await n(movementMilestones),
    agencies: await n(movementAgencies),
    sets: await n(criteriaSets),
    versions: await n(criteriaSetVersions),
  };
}

async function detail(session: Session, asOf?: string) {
  const response = await session.request('GET', `/api/movements/${movementId}${asOf ? `?asOf=${asOf}` : ''}`);
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** A signed-in user of another tenant (province). */
async function userOfTenant(tenantCode: string, role: 'system_admin' | 'standing_agency' | 'viewer'): Promise<Session> {
  const tenantId = await ensureTenant(t.db, tenantCode, `Tỉnh thử ${tenantCode}`);
  const id = randomUUID();
  const username = `${tenantCode}_${role}_${id.slice(0, 6)}`;
  await t.db.insert(users).values({ id, tenantId, username, fullName: 'Người dùng tỉnh khác', passwordHash: await hashPassword(TEST_PASSWORD) });
  await t.db.insert(roleGrants).values({ id: randomUUID(), tenantId, userId: id, role, unitId: null, includeSubtree: true, validFrom: '2020-01-01' });
  return t.signIn({ id, username, password: TEST_PASSWORD });
}

beforeAll(async () => {
  t = await createTestApp();
  // The demo seed loads the real units and imports packages/kh-3125-2021.json through the package service.
  await seedDemo(t.db);
  manager = await t.signIn(await t.buildUser({ role: 'standing_agency' }));
  viewer = await t.signIn(await t.buildUser({ role: 'viewer' }));
  const [row] = await t.db.select().from(movements).where(eq(movements.code, 'cds-2021-2025'));
  movementId = row!.id;
  dicUnitId = await unitIdByName('Sở Thông tin và Truyền thông tỉnh Hải Dương');
  dostHdUnitId = await unitIdByName('Sở Khoa học và Công nghệ tỉnh Hải Dương');
  dostHpUnitId = await unitIdByName('Sở Khoa học và Công nghệ thành phố Hải Phòng');
});
afterAll(async () => t?.close());

describe('the seeded movement (KH 3125/KH-UBND)', () => {
  it('is listed for any signed-in user, active, with its phases and the frozen v1 criteria set', async () => {
    const response = await viewer.request('GET', '/api/movements?asOf=2023-06-30');
    expect(response.statusCode).toBe(200);
    const list = response.json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: movementId,
      code: 'cds-2021-2025',
      status: 'active',
      issuingDocument: { number: '3125/KH-UBND', date: '2021-08-25', issuer: 'UBND tỉnh Hải Dương' },
      phaseCount: 2,
      currentPhase: { code: 'giai_doan_1', name: 'Giai đoạn 1 (2021 - 2025)' },
    });
    expect(list[0].criteriaSets).toEqual([
      {
        id: expect.any(String),
        code: 'tieu_chuan_kh_3125_2021',
        latestVersion: { id: expect.any(String), version: 1, status: 'frozen', effectiveFrom: '2021-08-25' },
        activeVersion: { id: expect.any(String), version: 1, status: 'frozen', effectiveFrom: '2021-08-25' },
      },
    ]);
    expect((await viewer.request('GET', '/api/movements?asOf=2021-01-01')).json()[0].criteriaSets[0].activeVersion).toBeNull();
    expect((await t.anonymous('GET', '/api/movements')).statusCode).toBe(401);
  });

  it('shows the phases and the milestones of Section V, ordered by deadline, with statuses relative to the date', async () => {
    const body = await detail(viewer, '2021-12-15');
    expect(body.phases.map((p: { code: string; from: string; to: string; isCurrent: boolean }) => [p.code, p.from, p.to, p.isCurrent])).toEqual([
      ['giai_doan_1', '2021-01-01', '2025-12-31', true],
      ['giai_doan_2', '2026-01-01', '2030-12-31', false],
    ]);
    const milestones = body.milestones as { code: string; deadline: string; status: string; target: string | null; appliesTo: string[] }[];
    expect(milestones).toHaveLength(16);
    expect(milestones.map((m) => m.deadline)).toEqual([...milestones.map((m) => m.deadline)].sort());
    const byCode = Object.fromEntries(milestones.map((m) => [m.code, m]));
    expect(byCode.ban_hanh_ke_hoach_2021).toMatchObject({ deadline: '2021-08-25', status: 'past' });
    expect(byCode.phat_dong_2021).toMatchObject({ deadline: '2021-12-31', status: 'due_soon', target: '100 %', appliesTo: ['department', 'board', 'mass_org', 'district'] });
    expect(byCode.dang_ky_thi_dua_2021).toMatchObject({ deadline: '2021-12-31', target: '100 %' });
    expect(byCode.dang_ky_don_vi_diem_huyen_2021).toMatchObject({ deadline: '2021-12-31', target: 'ít nhất 01 - 02 đơn vị', appliesTo: ['district'] });
    expect(byCode.kiem_tra_nam_2022).toMatchObject({ deadline: '2022-12-31', status: 'upcoming' });
    expect(byCode.tong_ket_giai_doan_1).toMatchObject({ deadline: '2025-12-31' });
    expect(byCode.tong_ket_giai_doan_2).toMatchObject({ deadline: '2030-12-31', phaseCode: 'giai_doan_2' });
    expect(body.contentAreas.length).toBeGreaterThanOrEqual(8);
    expect(body.legalBases.map((d: { number: string }) => d.number)).toContain('06-NQ/TU');
    expect(body.purposes).toMatch(/^a\) Phát huy sức mạnh/);
  });

  it('resolves the standing agency by date: Sở TT&TT until 28/02/2025, Sở KH&CN from 01/03/2025, linked to the real units', async () => {
    const before = await detail(viewer, '2025-02-28');
    expect(before.currentStandingAgency).toMatchObject({ role: 'standing_agency', unitName: 'Sở Thông tin và Truyền thông', unitId: dicUnitId, validTo: '2025-03-01' });
    const after = await detail(viewer, '2025-03-01');
    expect(after.currentStandingAgency).toMatchObject({
      role: 'standing_agency',
      unitName: 'Sở Khoa học và Công nghệ',
      unitId: dostHdUnitId,
      validFrom: '2025-03-01',
      validTo: null,
    });
    const roles = (after.agencies as { role: string }[]).map((a) => a.role);
    expect(roles).toEqual(['standing_agency', 'standing_agency', 'coordinating_agency', 'awards_board', 'council']);
    // No unit carries the council's name: kept as the plan words it, unlinked.
    expect((after.agencies as { role: string; unitId: string | null }[]).find((a) => a.role === 'council')!.unitId).toBeNull();
  });

  it('tells the UI what the actor may do', async () => {
    expect((await detail(viewer)).abilities).toEqual({ canEdit: false, canEditCriteria: false });
    expect((await detail(manager)).abilities).toEqual({ canEdit: true, canEditCriteria: true });
  });

  it('exports the package byte for byte as the file it was imported from, as an attachment', async () => {
    const response = await viewer.request('GET', `/api/movements/${movementId}/package`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="cds-2021-2025.json"');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toBe(packageText);
    expect(await exportPackage(t.db, t.tenantId, 'cds-2021-2025')).toBe(packageText);
  });
});

describe('editing a movement', () => {
  it('updates fields with optimistic locking and audits before/after', async () => {
    const current = await detail(manager);
    const response = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion: current.rowVersion, shortName: 'CĐS 2021 - 2025' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ shortName: 'CĐS 2021 - 2025', rowVersion: current.rowVersion + 1 });
    const stale = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion: current.rowVersion, shortName: 'Khác' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: [{ path: 'body.rowVersion' }] });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'movement.updated'), eq(auditLog.entityId, movementId)));
    expect(audit!.before).toEqual({ shortName: 'Thi đua Chuyển đổi số 2021 - 2025', rowVersion: current.rowVersion });
    expect(audit!.after).toEqual({ shortName: 'CĐS 2021 - 2025', rowVersion: current.rowVersion + 1 });
  });

  it('allows only draft → active → closed', async () => {
    const { rowVersion } = await detail(manager);
    const back = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion, status: 'draft' });
    expect(back.statusCode).toBe(422);
    expect(back.json().error).toMatchObject({ code: 'status_transition', details: [{ path: 'body.status' }] });
    expect(back.json().error.message).toContain('nháp → đang triển khai → đã kết thúc');
    const invalid = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion, status: 'archived' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].path).toBe('body.status');
    const unknownField = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion, code: 'x' });
    expect(unknownField.statusCode).toBe(400);
  });

  it('adds a milestone inside its phase and refuses a deadline outside it', async () => {
    const milestone = {
      code: 'so_ket_giua_ky_2023',
      title: 'Sơ kết giữa kỳ',
      deadline: '2023-06-30',
      phaseCode: 'giai_doan_1',
      appliesTo: ['department', 'district'],
      obligation: 'review',
    };
    const outside = await manager.request('POST', `/api/movements/${movementId}/milestones`, { ...milestone, deadline: '2026-03-31' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error).toMatchObject({ code: 'deadline_outside_phase', details: [{ path: 'body.deadline' }] });
    expect(outside.json().error.message).toBe('Hạn 2026-03-31 nằm ngoài giai đoạn giai_doan_1 (2021-01-01 – 2025-12-31)');
    const unknownPhase = await manager.request('POST', `/api/movements/${movementId}/milestones`, { ...milestone, phaseCode: 'giai_doan_9' });
    expect(unknownPhase.json().error.details[0].path).toBe('body.phaseCode');
    const badDate = await manager.request('POST', `/api/movements/${movementId}/milestones`, { ...milestone, deadline: '30/06/2023' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details[0].path).toBe('body.deadline');

    const created = await manager.request('POST', `/api/movements/${movementId}/milestones`, milestone);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...milestone, description: 'Sơ kết giữa kỳ', target: null, status: 'past' });
    const again = await manager.request('POST', `/api/movements/${movementId}/milestones`, milestone);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('body.code');
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'milestone.created'), eq(auditLog.entityId, created.json().id)));
    expect(audit!.after).toMatchObject({ movementId, code: 'so_ket_giua_ky_2023', deadline: '2023-06-30' });

    const id = created.json().id as string;
    const moveOut = await manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, { deadline: '2026-01-15' });
    expect(moveOut.statusCode).toBe(422);
    expect(moveOut.json().error.details[0].path).toBe('body.deadline');
    const moved = await manager.request('PATCH', `/api/movements/${movementId}/milestones/${id}`, { deadline: '2026-01-15', phaseCode: 'giai_doan_2', target: '100 %' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ deadline: '2026-01-15', phaseCode: 'giai_doan_2', target: '100 %' });
    const [updatedAudit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'milestone.updated'), eq(auditLog.entityId, id)));
    expect(updatedAudit!.before).toMatchObject({ deadline: '2023-06-30', phaseCode: 'giai_doan_1' });
    expect(updatedAudit!.after).toMatchObject({ deadline: '2026-01-15', phaseCode: 'giai_doan_2' });
    const elsewhere = await manager.request('PATCH', `/api/movements/${randomUUID()}/milestones/${id}`, { title: 'x' });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('moves the standing agency to another unit: closes the open assignment and opens the new one together', async () => {
    const notValid = await manager.request('POST', `/api/movements/${movementId}/agencies`, { role: 'standing_agency', unitId: dicUnitId, validFrom: '2025-08-01' });
    expect(notValid.statusCode).toBe(422);
    expect(notValid.json().error.details[0].path).toBe('body.unitId');
    const tooEarly = await manager.request('POST', `/api/movements/${movementId}/agencies`, { role: 'standing_agency', unitId: dostHdUnitId, validFrom: '2025-03-01' });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().error.details[0].path).toBe('body.validFrom');

    const response = await manager.request('POST', `/api/movements/${movementId}/agencies`, {
      role: 'standing_agency',
      unitId: dostHpUnitId,
      validFrom: '2025-07-01',
      note: 'Hợp nhất tỉnh Hải Dương vào thành phố Hải Phòng',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.closed).toMatchObject({ unitId: dostHdUnitId, validFrom: '2025-03-01', validTo: '2025-07-01' });
    expect(body.opened).toMatchObject({ unitId: dostHpUnitId, unitName: 'Sở Khoa học và Công nghệ thành phố Hải Phòng', validFrom: '2025-07-01', validTo: null });
    expect((await detail(viewer, '2025-06-30')).currentStandingAgency.unitId).toBe(dostHdUnitId);
    expect((await detail(viewer, '2025-07-01')).currentStandingAgency.unitId).toBe(dostHpUnitId);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'agency.assigned'));
    expect(audit!.before).toMatchObject({ unitId: dostHdUnitId, validTo: null });
    expect(audit!.after).toMatchObject({ closed: { validTo: '2025-07-01' }, opened: { unitId: dostHpUnitId } });
  });

  it('refuses a unit of another province', async () => {
    const otherTenant = await ensureTenant(t.db, 'test-units', 'Tỉnh khác');
    const foreignUnit = randomUUID();
    const { units } = await import('../../db/schema/index.js');
    await t.db.insert(units).values({ id: foreignUnit, tenantId: otherTenant, kindCode: 'department', validFrom: '2020-01-01', searchText: 'so khac' });
    await t.db.insert(unitVersions).values({ id: randomUUID(), tenantId: otherTenant, unitId: foreignUnit, name: 'Sở khác', validFrom: '2020-01-01' });
    const response = await manager.request('POST', `/api/movements/${movementId}/agencies`, { role: 'council', unitId: foreignUnit, validFrom: '2026-01-01' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details[0].path).toBe('body.unitId');
  });
});

describe('packages', () => {
  it('export → import into another province → export gives the same bytes (after edits too)', async () => {
    const first = await manager.request('GET', `/api/movements/${movementId}/package`);
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toBe(packageText); // the edits above are in it
    expect(JSON.parse(first.body).roles).toHaveLength(6);
    const other = await userOfTenant('test-2', 'standing_agency');
    const imported = await other.request('POST', '/api/movement-packages', JSON.parse(first.body));
    expect(imported.statusCode).toBe(201);
    const ids = imported.json();
    expect(ids).toEqual({ movementId: expect.any(String), criteriaSetId: expect.any(String), versionId: expect.any(String) });
    const second = await other.request('GET', `/api/movements/${ids.movementId}/package`);
    expect(second.body).toBe(first.body);
    // Provinces do not see each other's movements.
    expect((await other.request('GET', `/api/movements/${movementId}`)).statusCode).toBe(404);
    expect((await other.request('GET', `/api/movements/${movementId}/package`)).statusCode).toBe(404);
    expect((await manager.request('GET', `/api/movements/${ids.movementId}`)).statusCode).toBe(404);
    expect((await other.request('GET', '/api/movements')).json().map((m: { id: string }) => m.id)).toEqual([ids.movementId]);
    // The imported version is frozen ("ban hành") and the movement active.
    const [version] = await t.db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, ids.versionId));
    expect(version).toMatchObject({ status: 'frozen', frozenReason: 'Ban hành kèm 3125/KH-UBND', version: 1 });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'package.imported'), eq(auditLog.entityId, ids.movementId)));
    expect(audit!.actorName).toBe(other.user.username);
  });

  it('rejects a package whose movement code exists, at body.movement.code', async () => {
    const response = await manager.request('POST', '/api/movement-packages', packageJson());
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'movement_code_taken', details: [{ path: 'body.movement.code' }] });
  });

  it('rejects an invalid package whole, listing every error, and writes nothing', async () => {
    const before = await rowCounts();
    const auditBefore = (await t.db.select({ n: count() }).from(auditLog))[0]!.n;
    const pkg = JSON.parse(packageText);
    pkg.movement.code = 'cds-moi';
    pkg.movement.issuingDocument.date = '2021-02-30';
    pkg.phases[1].from = '2025-06-01';
    pkg.milestones[0].phase = 'giai_doan_9';
    pkg.criteriaSet.criteria[0].numerator = '#{records_online} / (';
    pkg.criteriaSet.criteria[1].targets[0].threshold = 'một trăm';
    pkg.roles[0].unitName = '';
    pkg.extraField = true;
    const response = await manager.request('POST', '/api/movement-packages', pkg);
    expect(response.statusCode).toBe(400);
    const paths = (response.json().error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.movement.issuingDocument.date',
        'body.phases[1].from',
        'body.milestones[0].phase',
        'body.criteriaSet.criteria[0].numerator',
        'body.criteriaSet.criteria[1].targets[0].threshold',
        'body.roles[0].unitName',
        'body.extraField',
      ]),
    );
    expect(response.json().error.message).toBe(`Gói phong trào không hợp lệ: ${paths.length} lỗi`);
    const formula = (response.json().error.details as { path: string; message: string }[]).find((d) => d.path === 'body.criteriaSet.criteria[0].numerator');
    expect(formula!.message).toMatch(/vị trí \d+/);
    expect(await rowCounts()).toEqual(before);
    expect((await t.db.select({ n: count() }).from(auditLog))[0]!.n).toBe(auditBefore);
  });

  it('imports and exports through the CLI functions, with file errors listed by path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'thidua-package-'));
    try {
      const tenant3 = await ensureTenant(t.db, 'test-3', 'Tỉnh thử 3');
      const exported = await exportPackage(t.db, t.tenantId, 'cds-2021-2025');
      const file = path.join(dir, 'cds-2021-2025.json');
      writeFileSync(file, exported);
      const ids = await importPackageFromFile(t.db, tenant3, file);
      expect(await exportPackage(t.db, tenant3, 'cds-2021-2025')).toBe(exported);
      const [audit] = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'package.imported'), eq(auditLog.entityId, ids.movementId)));
      expect(audit).toMatchObject({ actorName: 'cli', actorUserId: null, tenantId: tenant3 });
      const broken = JSON.parse(exported);
      broken.movement.code = 'cds-khac';
      broken.phases[0].to = '2020-01-01';
      writeFileSync(file, JSON.stringify(broken));
      await expect(importPackageFromFile(t.db, tenant3, file)).rejects.toMatchObject({
        httpStatus: 400,
        details: expect.arrayContaining([expect.objectContaining({ path: 'phases[0].to' })]),
      });
      writeFileSync(file, '{ "formatVersion": 1,');
      await expect(importPackageFromFile(t.db, tenant3, file)).rejects.toMatchObject({ httpStatus: 400, details: [expect.objectContaining({ path: '' })] });
      await expect(exportPackage(t.db, tenant3, 'khong-co')).rejects.toMatchObject({ httpStatus: 404 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a body that is not a package object', async () => {
    const response = await manager.request('POST', '/api/movement-packages', [1, 2]);
    expect(response.statusCode).toBe(400);
  });
});

describe('permissions', () => {
  it('lets a viewer read but not write (403), and anonymous callers nothing (401)', async () => {
    const { rowVersion, milestones } = await detail(viewer);
    const writes: [string, string, unknown][] = [
      ['PATCH', `/api/movements/${movementId}`, { rowVersion, name: 'Đổi tên' }],
      [
        'POST',
        `/api/movements/${movementId}/milestones`,
        { code: 'moc_moi', title: 'Mốc', deadline: '2024-01-01', phaseCode: 'giai_doan_1', appliesTo: ['district'], obligation: 'other' },
      ],
      ['PATCH', `/api/movements/${movementId}/milestones/${milestones[0].id}`, { title: 'Đổi' }],
      ['POST', `/api/movements/${movementId}/agencies`, { role: 'council', unitId: dicUnitId, validFrom: '2024-01-01' }],
      ['POST', '/api/movement-packages', { ...packageJson(), movement: { ...packageJson().movement, code: 'khac' } }],
    ];
    const before = await rowCounts();
    for (const [method, url, payload] of writes) {
      const response = await viewer.request(method as 'POST', url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect((await t.anonymous(method as 'POST', url, payload)).statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await rowCounts()).toEqual(before);
    for (const url of ['/api/movements', `/api/movements/${movementId}`, `/api/movements/${movementId}/package`]) {
      expect((await viewer.request('GET', url)).statusCode, url).toBe(200);
      expect((await t.anonymous('GET', url)).statusCode, url).toBe(401);
    }
  });

  it('closes the movement last (active → closed) and keeps the audit chain intact', async () => {
    const { rowVersion } = await detail(manager);
    const closed = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion, status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const reopen = await manager.request('PATCH', `/api/movements/${movementId}`, { rowVersion: rowVersion + 1, status: 'active' });
    expect(reopen.statusCode).toBe(422);
    await sealAuditChain(t.db);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
