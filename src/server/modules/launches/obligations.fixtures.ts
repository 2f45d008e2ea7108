/**
 * Test fixtures shared by the launch, registration, pilot, inbox, difficulty and scheduler suites: a movement with
 * milestones, agencies and the KH 3125 criteria set written straight into the database, so these suites do not
 * depend on the package import's wiring. Test code only (imported by *.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../db/client.js';
import { criteriaSets, criteriaSetVersions, movementAgencies, movementMilestones, movementPhases, movements } from '../../db/schema/index.js';

const packagePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../packages/kh-3125-2021.json');

type PackageJson = {
  contentAreas: { code: string; title: string; order: number }[];
  criteriaSet: { dataElements: unknown[]; contentAreas: unknown[]; criteria: unknown[]; bands: unknown[] };
};

export function readKh3125(): PackageJson {
  return JSON.parse(readFileSync(packagePath, 'utf8')) as PackageJson;
}

export type MilestoneSpec = { code: string; obligation: string; appliesTo: string[]; deadline: string; title?: string };

export async function buildMovement(
  db: Db,
  tenantId: string,
  input: {
    code?: string;
    status?: 'draft' | 'active' | 'closed';
    milestones?: MilestoneSpec[];
    agencies?: { role: string; unitId: string | null; unitName?: string; validFrom?: string; validTo?: string | null }[];
    withCriteria?: boolean;
  } = {},
): Promise<{ movementId: string; milestoneIds: Record<string, string>; versionId: string | null }> {
  const pkg = readKh3125();
  const movementId = randomUUID();
  const code = input.code ?? `pt-${movementId.slice(0, 8)}`;
  await db.insert(movements).values({
    id: movementId,
    tenantId,
    code,
    name: `Phong trào thử ${code}`,
    shortName: `Thử ${code}`,
    status: input.status ?? 'active',
    description: 'Phong trào dùng trong kiểm thử',
    purposes: '',
    requirements: '',
    issuingDocument: { number: '3125/KH-UBND', date: '2021-08-25', issuer: 'UBND tỉnh', title: 'Kế hoạch' },
    legalBases: [],
    participantKinds: [],
    contentAreas: pkg.contentAreas,
    prioritySectors: [],
    awardForms: [],
    responsibilities: [],
  });
  await db
    .insert(movementPhases)
    .values({ id: randomUUID(), tenantId, movementId, code: 'giai_doan_1', name: 'Giai đoạn 1', fromDate: '2021-01-01', toDate: '2030-12-31', description: '', sortOrder: 0 });
  const milestoneIds: Record<string, string> = {};
  for (const [i, m] of (input.milestones ?? []).entries()) {
    const id = randomUUID();
    milestoneIds[m.code] = id;
    await db.insert(movementMilestones).values({
      id,
      tenantId,
      movementId,
      code: m.code,
      title: m.title ?? `Mốc ${m.code}`,
      deadline: m.deadline,
      phaseCode: 'giai_doan_1',
      appliesTo: m.appliesTo,
      obligation: m.obligation,
      description: '',
      sortOrder: i,
    });
  }
  for (const a of input.agencies ?? []) {
    await db.insert(movementAgencies).values({
      id: randomUUID(),
      tenantId,
      movementId,
      role: a.role,
      unitId: a.unitId,
      unitName: a.unitName ?? a.role,
      validFrom: a.validFrom ?? '2021-01-01',
      validTo: a.validTo ?? null,
    });
  }
  let versionId: string | null = null;
  if (input.withCriteria !== false) {
    const setId = randomUUID();
    versionId = randomUUID();
    await db.insert(criteriaSets).values({ id: setId, tenantId, movementId, code: 'tieu_chuan' });
    const set = pkg.criteriaSet;
    await db.insert(criteriaSetVersions).values({
      id: versionId,
      tenantId,
      criteriaSetId: setId,
      version: 1,
      effectiveFrom: '2021-08-25',
      legalBasis: { number: '3125/KH-UBND', date: '2021-08-25', issuer: 'UBND tỉnh', title: 'Kế hoạch' },
      status: 'frozen',
      frozenAt: new Date(),
      frozenReason: 'Ban hành',
      definition: { dataElements: set.dataElements, contentAreas: set.contentAreas, criteria: set.criteria, bands: set.bands },
    });
  }
  return { movementId, milestoneIds, versionId };
}
