import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { foldVietnamese } from '../../../core/text.js';
import { dataElementSchema } from '../../../core/criteria/criteria.schemas.js';
import { checkExpression } from '../../../core/expression/index.js';
import type { Locale } from '../../../core/i18n/messages.js';
import {
  MOVEMENT_PACKAGE_FORMAT_VERSION,
  toCriteriaSetVersion,
  type AwardForm,
  type DocumentRef,
  type IssuingDocument,
  type Milestone,
  type MovementContentArea,
  type MovementPackage,
  type ParticipantKind,
  type PrioritySector,
  type Responsibility,
  type RoleAssignment,
} from '../../../core/movement-package/movement-package.schemas.js';
import { parseMovementPackage, parseMovementPackageJson, serializeMovementPackage, type PackageError } from '../../../core/movement-package/validate-package.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../../audit/audit.js';
import { AppError } from '../../errors.js';
import type { WriteContext } from '../../auth/actor.js';
import { definitionOf } from '../criteria/criteria.presenters.js';
import {
  findAgencies,
  findCriteriaSetsOf,
  findMilestones,
  findMovement,
  findMovementByCode,
  findPhases,
  findUnitsByFoldedName,
  findVersionsOf,
  insertAgencies,
  insertCriteriaSet,
  insertCriteriaVersion,
  insertMilestones,
  insertMovement,
  insertPhases,
} from './movements.repository.js';

/**
 * Import and export of movement packages (docs/movement-package.md).
 *
 * Import rules (a decision, documented here and in the report of issue 3):
 * - the package is validated whole (structure, cross-field rules, the criteria set) and every error is listed;
 *   nothing is written unless it is valid, and everything is written in one transaction;
 * - the movement is created as `active` and the package's criteria set version is stored frozen ("ban hành"), with
 *   the reason "Ban hành kèm <issuing document number>": a package is a plan already issued. Amendments are new
 *   versions made in the application;
 * - each role holder (`roles[].unitName`) is matched to a unit of the tenant valid on `validFrom` by accent-folded
 *   name (exact, or the name followed by more words such as "… tỉnh Hải Dương"; a parenthesised part may be left
 *   out); when no single unit matches, the unit stays unlinked and the package's wording is kept.
 *
 * Export writes the movement with its latest frozen criteria version through serializeMovementPackage, so export →
 * import → export gives the same bytes.
 */

export type PackageImportResult = { movementId: string; criteriaSetId: string; versionId: string };

const prefixed = (prefix: string, path: string) => (prefix === '' ? path : path === '' ? prefix : `${prefix}.${path}`);

function invalidPackage(errors: PackageError[], prefix: string): AppError {
  return new AppError(
    'validation_failed',
    400,
    'movement.invalid_package',
    errors.map((e) => ({ path: prefixed(prefix, e.path), message: e.message })),
    { count: errors.length },
  );
}

function codeTaken(code: string, prefix: string): AppError {
  return new AppError('movement_code_taken', 409, 'movement.code_taken', [{ path: prefixed(prefix, 'movement.code'), message: '' }], { code });
}

/**
 * Validates and imports a package (already decoded JSON) into the tenant, in one transaction (a savepoint when `db`
 * is already a transaction). Errors name their paths with `pathPrefix` in front (`body` for HTTP).
 */
export async function importMovementPackage(
  db: DbOrTx,
  tenantId: string,
  ctx: WriteContext,
  input: unknown,
  options: { pathPrefix?: string; locale?: Locale } = {},
): Promise<PackageImportResult> {
  const prefix = options.pathPrefix ?? '';
  const locale = options.locale ?? 'vi';
  const parsed = parseMovementPackage(input, locale);
  if (!parsed.ok) throw invalidPackage(withFormulaErrors(input, parsed.errors, locale), prefix);
  return writePackage(db, tenantId, ctx, parsed.value, prefix);
}

/** CLI: imports a package file into the tenant; the audit names the CLI. */
export async function importPackageFromFile(db: Db, tenantId: string, file: string): Promise<PackageImportResult> {
  const text = await readFile(file, 'utf8');
  const parsed = parseMovementPackageJson(text);
  if (!parsed.ok) {
    let raw: unknown = null;
    try {
      raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      // Not JSON: the parse error is the only one.
    }
    throw invalidPackage(withFormulaErrors(raw, parsed.errors, 'vi'), '');
  }
  return writePackage(db, tenantId, { actor: null, requestId: 'cli', actorName: 'cli' }, parsed.value, '');
}

async function writePackage(db: DbOrTx, tenantId: string, ctx: WriteContext, pkg: MovementPackage, prefix: string): Promise<PackageImportResult> {
  if (await findMovementByCode(db, tenantId, pkg.movement.code)) throw codeTaken(pkg.movement.code, prefix);
  try {
    return await db.transaction(async (tx) => {
      const m = pkg.movement;
      const movementId = randomUUID();
      await insertMovement(tx, {
        id: movementId,
        tenantId,
        code: m.code,
        name: m.name,
        shortName: m.shortName,
        status: 'active',
        description: m.description,
        purposes: m.purposes,
        requirements: m.requirements,
        issuingDocument: m.issuingDocument,
        legalBases: m.legalBases,
        participantKinds: pkg.participantKinds,
        contentAreas: pkg.contentAreas,
        prioritySectors: pkg.prioritySectors,
        awardForms: pkg.awardForms,
        responsibilities: pkg.responsibilities,
      });
      await insertPhases(
        tx,
        pkg.phases.map((p, i) => ({
          id: randomUUID(),
          tenantId,
          movementId,
          code: p.code,
          name: p.name,
          fromDate: p.from,
          toDate: p.to,
          description: p.description,
          sortOrder: i,
        })),
      );
      await insertMilestones(
        tx,
        pkg.milestones.map((ms, i) => milestoneRow(ms, i, tenantId, movementId)),
      );
      const agencies = [];
      for (const role of pkg.roles) {
        const unitId = await resolveUnitByName(tx, tenantId, role.unitName, role.validFrom);
        agencies.push({
          id: randomUUID(),
          tenantId,
          movementId,
          role: role.role,
          unitId,
          unitName: role.unitName,
          validFrom: role.validFrom,
          validTo: role.validTo,
          note: role.note,
          source: role.source ?? null,
        });
      }
      await insertAgencies(tx, agencies);
      const set = pkg.criteriaSet;
      const criteriaSet = await insertCriteriaSet(tx, { id: randomUUID(), tenantId, movementId, code: set.code });
      const version = await insertCriteriaVersion(tx, {
        id: randomUUID(),
        tenantId,
        criteriaSetId: criteriaSet.id,
        version: set.version,
        effectiveFrom: set.effectiveFrom,
        legalBasis: set.legalBasis,
        status: 'frozen',
        frozenAt: new Date(),
        frozenReason: `Ban hành kèm ${m.issuingDocument.number}`,
        definition: toCriteriaSetVersion(set),
        createdBy: ctx.actor?.userId ?? null,
      });
      await recordAudit(
        tx,
        ctx,
        {
          action: 'package.imported',
          entityType: 'movement',
          entityId: movementId,
          after: {
            code: m.code,
            name: m.name,
            status: 'active',
            issuingDocument: m.issuingDocument.number,
            phases: pkg.phases.length,
            milestones: pkg.milestones.length,
            agencies: agencies.map((a) => ({ role: a.role, unitName: a.unitName, unitId: a.unitId, validFrom: a.validFrom, validTo: a.validTo })),
            criteriaSet: { id: criteriaSet.id, code: set.code, versionId: version.id, version: set.version, criteria: set.criteria.length, frozenReason: version.frozenReason },
          },
        },
        tenantId,
      );
      return { movementId, criteriaSetId: criteriaSet.id, versionId: version.id };
    });
  } catch (error) {
    // Two imports of the same code at once: the unique index decides.
    if (isUniqueViolation(error)) throw codeTaken(pkg.movement.code, prefix);
    throw error;
  }
}

/**
 * When the criteria set is malformed somewhere, parseMovementPackage cannot check its formulas (the set is not
 * validated until its shape is right). Formulas are checked here one by one against the data elements that are
 * well-formed, so that every wrong formula is listed in the same answer as the other errors.
 */
function withFormulaErrors(input: unknown, errors: PackageError[], locale: Locale): PackageError[] {
  const set = (input as { criteriaSet?: unknown } | null)?.criteriaSet as { dataElements?: unknown; criteria?: unknown } | undefined;
  if (!set || typeof set !== 'object' || !Array.isArray(set.criteria)) return errors;
  const elements = (Array.isArray(set.dataElements) ? set.dataElements : []).flatMap((e) => {
    const parsed = dataElementSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  const known = new Set(errors.map((e) => e.path));
  const extra: PackageError[] = [];
  set.criteria.forEach((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null) return;
    const c = raw as Record<string, unknown>;
    const fields: [string, 'number' | 'boolean'][] =
      c.kind === 'ratio'
        ? [
            ['numerator', 'number'],
            ['denominator', 'number'],
          ]
        : c.kind === 'value'
          ? [['expression', c.display === 'boolean' ? 'boolean' : 'number']]
          : c.kind === 'group'
            ? [['memberCondition', 'boolean']]
            : [];
    for (const [field, expect] of fields) {
      const path = `criteriaSet.criteria[${i}].${field}`;
      const source = c[field];
      if (typeof source !== 'string' || known.has(path)) continue;
      const checked = checkExpression(source, { dataElements: elements, expect });
      if (!checked.ok) for (const e of checked.errors) extra.push({ path, message: locale === 'en' ? e.messageEn : e.message });
    }
  });
  return [...errors, ...extra];
}

function milestoneRow(ms: Milestone, sortOrder: number, tenantId: string, movementId: string) {
  return {
    id: randomUUID(),
    tenantId,
    movementId,
    code: ms.code,
    title: ms.title,
    deadline: ms.deadline,
    phaseCode: ms.phase,
    appliesTo: [...ms.appliesTo],
    obligation: ms.obligation,
    target: ms.target ?? null,
    description: ms.description,
    source: ms.source ?? null,
    sortOrder,
  };
}

/**
 * The unit of the tenant, valid on the date, that a plan's wording names: by accent-folded name, exactly or as the
 * start of a longer official name ("Sở Thông tin và Truyền thông" → "Sở Thông tin và Truyền thông tỉnh Hải Dương"),
 * then without a parenthesised part. Null unless exactly one unit matches.
 */
export async function resolveUnitByName(db: DbOrTx, tenantId: string, unitName: string, date: string): Promise<string | null> {
  const full = foldVietnamese(unitName);
  const withoutParentheses = foldVietnamese(unitName.replace(/\([^)]*\)/g, ' '));
  for (const wanted of [...new Set([full, withoutParentheses])]) {
    if (wanted.length < 3) continue;
    const rows = await findUnitsByFoldedName(db, tenantId, wanted, date);
    const exact = new Set<string>();
    const prefix = new Set<string>();
    for (const row of rows) {
      const name = foldVietnamese(row.name);
      if (name === wanted) exact.add(row.unit_id);
      else if (name.startsWith(`${wanted} `)) prefix.add(row.unit_id);
    }
    if (exact.size === 1) return [...exact][0]!;
    if (exact.size === 0 && prefix.size === 1) return [...prefix][0]!;
    if (exact.size > 1 || prefix.size > 1) return null;
  }
  return null;
}

/** Builds the package of a movement from the database, with the latest frozen version of its (first) criteria set. */
export async function buildMovementPackage(db: DbOrTx, tenantId: string, movementId: string): Promise<MovementPackage> {
  const row = await findMovement(db, tenantId, movementId);
  if (!row) throw AppError.notFound();
  const [phases, milestones, agencies, sets] = await Promise.all([
    findPhases(db, [row.id]),
    findMilestones(db, row.id),
    findAgencies(db, row.id),
    findCriteriaSetsOf(db, [row.id]),
  ]);
  const set = sets[0];
  const versions = set ? await findVersionsOf(db, [set.id]) : [];
  const frozen = versions.filter((v) => v.status === 'frozen').sort((a, b) => b.version - a.version)[0];
  if (!set || !frozen) throw new AppError('no_frozen_version', 422, 'movement.no_frozen_version');
  return {
    formatVersion: MOVEMENT_PACKAGE_FORMAT_VERSION,
    movement: {
      code: row.code,
      name: row.name,
      shortName: row.shortName,
      description: row.description,
      purposes: row.purposes,
      requirements: row.requirements,
      issuingDocument: row.issuingDocument as IssuingDocument,
      legalBases: row.legalBases as DocumentRef[],
    },
    participantKinds: row.participantKinds as ParticipantKind[],
    roles: agencies.map((a): RoleAssignment => ({
      role: a.role as RoleAssignment['role'],
      unitName: a.unitName,
      validFrom: a.validFrom,
      validTo: a.validTo,
      note: a.note,
      ...(a.source === null ? {} : { source: a.source }),
    })),
    phases: phases.map((p) => ({ code: p.code, name: p.name, from: p.fromDate, to: p.toDate, description: p.description })),
    milestones: milestones.map((ms): Milestone => ({
      code: ms.code,
      title: ms.title,
      deadline: ms.deadline,
      phase: ms.phaseCode,
      appliesTo: ms.appliesTo as Milestone['appliesTo'],
      obligation: ms.obligation as Milestone['obligation'],
      ...(ms.target === null ? {} : { target: ms.target }),
      description: ms.description,
      ...(ms.source === null ? {} : { source: ms.source }),
    })),
    contentAreas: row.contentAreas as MovementContentArea[],
    prioritySectors: row.prioritySectors as PrioritySector[],
    criteriaSet: {
      code: set.code,
      version: frozen.version,
      effectiveFrom: frozen.effectiveFrom,
      legalBasis: frozen.legalBasis as DocumentRef,
      ...definitionOf(frozen),
    },
    awardForms: row.awardForms as AwardForm[],
    responsibilities: row.responsibilities as Responsibility[],
  };
}

/** The package file of a movement: canonical JSON (serializeMovementPackage) and its file name. */
export async function exportMovementPackage(db: DbOrTx, tenantId: string, movementId: string): Promise<{ fileName: string; json: string }> {
  const pkg = await buildMovementPackage(db, tenantId, movementId);
  return { fileName: `${pkg.movement.code}.json`, json: serializeMovementPackage(pkg) };
}

/** CLI: the package JSON of the movement with this code. */
export async function exportPackage(db: Db, tenantId: string, code: string): Promise<string> {
  const row = await findMovementByCode(db, tenantId, code);
  if (!row) throw AppError.notFound();
  return (await exportMovementPackage(db, tenantId, row.id)).json;
}
