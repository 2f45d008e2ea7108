import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { foldVietnamese } from '../../core/text.js';
import type { Role } from '../../core/permissions.js';
import type { Db, Tx } from '../db/client.js';
import { lineageEvents, roleGrants, unitGroupMembers, unitGroups, units, unitVersions, users } from '../db/schema/index.js';
import { hashPassword } from '../auth/passwords.js';
import { recordAudit, sealAuditChain } from '../audit/audit.js';
import { combineSeedPlans, findPlanProblems, HAI_DUONG_PROVINCE_KEY, HAI_PHONG_CITY_KEY, loadAdminUnitsPlan, type SeedPlan } from './admin-units.js';
import { buildDemoOrganisations, demoKeys } from './demo-organisations.js';
import { ensureTenant } from './base.js';
import { importMovementPackage } from '../modules/movements/package-import.js';
import { seedDemoObligations } from './demo-obligations.js';
import { seedDemoReports } from './demo-reports.js';

/** The real administrative-unit files, copied from the project's shared data (see docs/decisions). */
export const seedDataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed-data/admin-units');

/** The plan KH 3125/KH-UBND (25/8/2021) as a movement package, loaded by the demo seed. */
export const kh3125PackagePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/kh-3125-2021.json');

export const DEMO_PASSWORD = 'ThiDuaSo@2025';

export type DemoAccount = { username: string; fullName: string; role: Role; unitKey: string | null; description: string };

/** Demo people are invented and labelled as such; their units are real. */
export const demoAccounts: DemoAccount[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống (demo)', role: 'system_admin', unitKey: null, description: 'Quản trị toàn hệ thống' },
  {
    username: 'thuongtruc',
    fullName: 'Nguyễn Văn Thường Trực (demo)',
    role: 'standing_agency',
    unitKey: null,
    description: 'Cơ quan thường trực (Sở TT&TT, từ 01/3/2025 Sở KH&CN)',
  },
  { username: 'bantdkt', fullName: 'Trần Thị Thi Đua (demo)', role: 'emulation_board', unitKey: null, description: 'Ban Thi đua - Khen thưởng' },
  { username: 'lanhdao', fullName: 'Lê Văn Lãnh Đạo (demo)', role: 'chairman_office', unitKey: null, description: 'Văn phòng Chủ tịch UBND' },
  { username: 'huyen.namsach', fullName: 'Phạm Văn Huyện (demo)', role: 'unit_admin', unitKey: 'u:291', description: 'Quản trị đơn vị Huyện Nam Sách (đến 30/6/2025)' },
  { username: 'xa.camthuong', fullName: 'Hoàng Thị Báo Cáo (demo)', role: 'unit_reporter', unitKey: 'u:10507@2021', description: 'Báo cáo của Phường Cẩm Thượng (đến 30/6/2025)' },
  {
    username: 'phuong.thanhdong',
    fullName: 'Vũ Văn Phường (demo)',
    role: 'unit_reporter',
    unitKey: 'u:10507@2025-07',
    description: 'Báo cáo của Phường Thành Đông (từ 01/7/2025)',
  },
];

/** Whether the tenant already has units (the demo seed runs only on an empty tenant). */
export async function hasUnits(db: Db, tenantId: string): Promise<boolean> {
  const rows = await db.select({ id: units.id }).from(units).where(eq(units.tenantId, tenantId)).limit(1);
  return rows.length > 0;
}

/** Writes a seed plan: units, their versions and lineage events; returns key → id. */
export async function insertSeedPlan(tx: Tx, tenantId: string, plan: SeedPlan): Promise<Map<string, string>> {
  const ids = new Map(plan.units.map((u) => [u.key, randomUUID()]));
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`seed plan references unknown unit ${key}`);
    return id;
  };
  const unitRows = plan.units.map((u) => ({
    id: idOf(u.key),
    tenantId,
    code: u.code,
    kindCode: u.kind,
    adminType: u.adminType,
    validFrom: u.validFrom,
    validTo: u.validTo,
    isDemo: u.isDemo,
    note: u.note ?? null,
    searchText: [...new Set(u.versions.map((v) => foldVietnamese(v.name)))].join(' | '),
  }));
  for (let i = 0; i < unitRows.length; i += 500) await tx.insert(units).values(unitRows.slice(i, i + 500));
  const versionRows = plan.units.flatMap((u) =>
    u.versions.map((v) => ({
      id: randomUUID(),
      tenantId,
      unitId: idOf(u.key),
      name: v.name,
      shortName: v.shortName,
      parentId: v.parentKey ? idOf(v.parentKey) : null,
      validFrom: v.validFrom,
      validTo: v.validTo,
    })),
  );
  for (let i = 0; i < versionRows.length; i += 500) await tx.insert(unitVersions).values(versionRows.slice(i, i + 500));
  const eventRows = plan.events.map((e) => ({
    id: randomUUID(),
    tenantId,
    unitId: idOf(e.unitKey),
    type: e.type,
    relatedUnitIds: e.relatedUnitKeys.map(idOf),
    effectiveDate: e.effectiveDate,
    legalBasisNumber: e.legalBasis?.number ?? null,
    legalBasisDate: e.legalBasis?.date ?? null,
    legalBasisTitle: e.legalBasis?.title ?? null,
    details: e.details,
  }));
  for (let i = 0; i < eventRows.length; i += 500) await tx.insert(lineageEvents).values(eventRows.slice(i, i + 500));
  return ids;
}

export type SeedSummary = { tenantId: string; units: number; versions: number; events: number; users: number; skipped: boolean };

/**
 * Seeds the demo: the real administrative units of Hải Dương (2021, 2025-03) and Hải Phòng (2025-07) with their
 * lineage, demo departments and enterprises, two demo emulation clusters, and demo accounts. One transaction;
 * skipped when the tenant already has units.
 */
export async function seedDemo(db: Db, options: { password?: string } = {}): Promise<SeedSummary> {
  const tenantId = await ensureTenant(db);
  if (await hasUnits(db, tenantId)) return { tenantId, units: 0, versions: 0, events: 0, users: 0, skipped: true };
  const plan = combineSeedPlans(await loadAdminUnitsPlan(seedDataDir), buildDemoOrganisations());
  const problems = findPlanProblems(plan);
  if (problems.length > 0) throw new Error(`Dữ liệu mẫu không nhất quán:\n${problems.slice(0, 20).join('\n')}`);
  const passwordHash = await hashPassword(options.password ?? DEMO_PASSWORD);
  const kh3125 = JSON.parse(await readFile(kh3125PackagePath, 'utf8')) as unknown;
  let createdUsers = 0;
  await db.transaction(async (tx) => {
    const ids = await insertSeedPlan(tx, tenantId, plan);
    // The movement of KH 3125/KH-UBND, after the units so that its agencies link to them.
    await importMovementPackage(tx, tenantId, { actor: null, requestId: 'seed', actorName: 'seed' }, kh3125);
    for (const account of demoAccounts) {
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, account.username));
      if (existing) continue;
      const userId = randomUUID();
      const unitId = account.unitKey ? (ids.get(account.unitKey) ?? null) : null;
      await tx
        .insert(users)
        .values({ id: userId, tenantId, username: account.username, fullName: account.fullName, position: account.description, unitId, passwordHash, isDemo: true });
      await tx.insert(roleGrants).values({ id: randomUUID(), tenantId, userId, role: account.role, unitId, includeSubtree: true, validFrom: '2021-01-01' });
      createdUsers += 1;
    }
    // Two demo clusters (cụm thi đua), labelled as demo: the plan names clusters but not their members.
    const clusters = [
      { code: 'cum_so_nganh_demo', name: 'Cụm thi đua các sở, ngành (demo)', members: ['so-noi-vu', 'so-tai-chinh', 'so-y-te', 'so-giao-duc-dao-tao'].map(demoKeys.haiDuong) },
      { code: 'cum_huyen_phia_bac_demo', name: 'Cụm thi đua các huyện phía Bắc (demo)', members: ['u:290', 'u:291', 'u:292', 'u:293'] },
    ];
    for (const cluster of clusters) {
      const groupId = randomUUID();
      await tx.insert(unitGroups).values({
        id: groupId,
        tenantId,
        code: cluster.code,
        name: cluster.name,
        kind: 'cluster',
        description: 'Cụm thi đua minh hoạ',
        validFrom: '2021-08-25',
        validTo: '2025-07-01',
      });
      const members = cluster.members
        .map((key, index) => ({ key, index, unitId: ids.get(key) }))
        .filter((m): m is { key: string; index: number; unitId: string } => m.unitId !== undefined);
      if (members.length > 0) {
        await tx
          .insert(unitGroupMembers)
          .values(members.map((m) => ({ id: randomUUID(), tenantId, groupId, unitId: m.unitId, isLead: m.index === 0, validFrom: '2021-08-25', validTo: '2025-07-01' })));
      }
    }
    // Demo reporting regimes, periods and reports of Nam Sách's communes (needs KH 3125, loaded above).
    await seedDemoReports(tx, tenantId, ids.get('u:291'));
    // Demo launches, registrations, a pilot list and a difficulty, and the milestone to-dos of KH 3125 (skipped without it).
    await seedDemoObligations(tx, tenantId, ids);
    await recordAudit(
      tx,
      { actor: null, requestId: 'seed' },
      {
        action: 'seed.demo',
        entityType: 'tenant',
        entityId: tenantId,
        after: { units: plan.units.length, events: plan.events.length, users: createdUsers, provinceKey: HAI_DUONG_PROVINCE_KEY, cityKey: HAI_PHONG_CITY_KEY },
      },
      tenantId,
    );
  });
  await sealAuditChain(db);
  const versions = plan.units.reduce((n, u) => n + u.versions.length, 0);
  return { tenantId, units: plan.units.length, versions, events: plan.events.length, users: createdUsers, skipped: false };
}

/** Creates or updates the first administrator from ADMIN_USERNAME / ADMIN_PASSWORD. */
export async function ensureAdministrator(db: Db, username: string, password: string): Promise<'created' | 'exists'> {
  const tenantId = await ensureTenant(db);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (existing) return 'exists';
  const userId = randomUUID();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id: userId, tenantId, username, fullName: 'Quản trị hệ thống', passwordHash });
    await tx.insert(roleGrants).values({ id: randomUUID(), tenantId, userId, role: 'system_admin', unitId: null, includeSubtree: true, validFrom: '2020-01-01' });
    await recordAudit(
      tx,
      { actor: null, requestId: 'bootstrap' },
      { action: 'user.created', entityType: 'user', entityId: userId, after: { username, role: 'system_admin' } },
      tenantId,
    );
  });
  return 'created';
}
