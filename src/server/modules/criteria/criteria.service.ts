import { randomUUID } from 'node:crypto';
import { unitLevels, type CriteriaSetVersion, type UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { diffCriteriaSetVersions } from '../../../core/criteria/diff.js';
import { formatDateVi, isIsoDate, todayInVietnam } from '../../../core/dates.js';
import { Dec, parseDecimal } from '../../../core/decimal.js';
import { checkExpression, codesReferencedBy, parseExpression } from '../../../core/expression/index.js';
import { compileCriteriaSet, scoreUnit, validateCriteriaSet, type CriteriaSetIssue, type MemberUnit, type UnitScore } from '../../../core/scoring/index.js';
import type { RequestContext, WriteContext } from '../../auth/actor.js';
import { requireAccess, requireActor, scopeFor, scopeWhere } from '../../auth/access.js';
import { authorize, can, tenantLevel } from '../../auth/policy.js';
import { criteriaPolicy } from './criteria.policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { Tx } from '../../db/client.js';
import { criteriaEvaluations } from '../../db/schema/index.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { findUnitNames } from '../units/org-on-date.js';
import { auditVersionFields, definitionOf, presentEvaluation, presentVersion, presentVersionSummary, versionStatusOf } from './criteria.presenters.js';
import {
  findCriteriaSet,
  findEvaluations,
  findLatestVersionNumber,
  findUnitWithLevel,
  findVersion,
  findVersionsOfSet,
  insertEvaluation,
  insertVersion,
  lockCriteriaSet,
  lockVersion,
  updateVersion,
  type VersionRow,
} from './criteria.repository.js';
import type {
  CreateVersionInput,
  CriteriaSetView,
  DataValuesInput,
  DefinitionDryRunInput,
  DryRunInput,
  EvaluationInput,
  EvaluationView,
  MemberInput,
  UpdateVersionInput,
  VersionView,
} from './criteria.schemas.js';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** A criteria set and the history of its versions, oldest first. */
export async function getCriteriaSet(ctx: RequestContext, id: string): Promise<CriteriaSetView> {
  requireActor(ctx);
  const set = await findCriteriaSet(ctx.db, ctx.actor.tenantId, id);
  if (!set) throw AppError.notFound();
  const versions = await findVersionsOfSet(ctx.db, set.id);
  const numbers = new Map(versions.map((v) => [v.id, v.version]));
  return { id: set.id, code: set.code, movementId: set.movementId, versions: versions.map((v) => presentVersionSummary(v, numbers)) };
}

export async function getCriteriaVersion(ctx: RequestContext, id: string): Promise<VersionView> {
  requireActor(ctx);
  const found = await findVersion(ctx.db, ctx.actor.tenantId, id);
  if (!found) throw AppError.notFound();
  return presentVersion(found.version, found.set, { canManage: await can(criteriaPolicy, ctx, 'manage', tenantLevel) });
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function frozenError(row: VersionRow): AppError {
  const date = row.frozenAt ? formatDateVi(todayInVietnam(row.frozenAt)) : '?';
  return new AppError('version_frozen', 409, 'criteria.version_frozen', [], { version: row.version, date, reason: row.frozenReason ?? '—' });
}

/**
 * Validation issues as request details: `body.definition.criteria[2].numerator`, the position in the message. The
 * checks word each issue in both languages; the detail carries both, for the request's language.
 */
export function definitionDetails(issues: CriteriaSetIssue[], prefix: string): ErrorDetail[] {
  return issues.map((issue) => {
    const at = issue.position === undefined ? null : issue.position + 1;
    const vi = at !== null && !issue.message.includes('vị trí') ? `${issue.message} (vị trí ${at})` : issue.message;
    const en = at !== null && !issue.messageEn.includes('position') ? `${issue.messageEn} (position ${at})` : issue.messageEn;
    return { path: issue.path === '' ? prefix : `${prefix}.${issue.path}`, message: '', messageKey: 'detail.worded', params: { vi, en } };
  });
}

function validateDefinition(input: unknown, prefix: string): CriteriaSetVersion {
  const result = validateCriteriaSet(input);
  if (!result.ok) {
    throw new AppError('validation_failed', 400, 'criteria.invalid_definition', definitionDetails(result.errors, prefix), { count: result.errors.length });
  }
  return result.set;
}

/**
 * Saves a draft version: its definition (validated whole), effective date and legal basis. A frozen version is
 * refused (409 version_frozen) and a stale rowVersion is a conflict; nothing is written in either case.
 */
export async function updateCriteriaVersion(ctx: RequestContext, id: string, input: UpdateVersionInput): Promise<VersionView> {
  const actor = await authorize(criteriaPolicy, ctx, 'manage', tenantLevel);
  const found = await findVersion(ctx.db, actor.tenantId, id);
  if (!found) throw AppError.notFound();
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockVersion(tx, id);
    if (!row) throw AppError.notFound();
    if (versionStatusOf(row) === 'frozen') throw frozenError(row);
    if (row.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    const definition = validateDefinition(input.definition, 'body.definition');
    const effectiveFrom = input.effectiveFrom ?? row.effectiveFrom;
    if (row.basedOnVersionId) {
      const base = await lockVersion(tx, row.basedOnVersionId);
      if (base && effectiveFrom <= base.effectiveFrom) {
        throw AppError.unprocessable('effective_date_order', 'criteria.effective_date_order', { date: formatDateVi(base.effectiveFrom) }, 'body.effectiveFrom');
      }
    }
    const changes = diffCriteriaSetVersions(definitionOf(row), definition);
    const next = await updateVersion(tx, id, {
      definition,
      effectiveFrom,
      legalBasis: input.legalBasis ?? row.legalBasis,
      rowVersion: row.rowVersion + 1,
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, {
      action: 'criteria_version.updated',
      entityType: 'criteria_set_version',
      entityId: id,
      before: auditVersionFields(row),
      after: { ...auditVersionFields(next), definitionChanges: changes },
    });
    return next;
  });
  return presentVersion(updated, found.set, { canManage: true });
}

/** An amendment: a new draft version (number = latest + 1) copying the base version's definition. */
export async function createCriteriaVersion(ctx: RequestContext, setId: string, input: CreateVersionInput): Promise<VersionView> {
  const actor = await authorize(criteriaPolicy, ctx, 'manage', tenantLevel);
  const set = await findCriteriaSet(ctx.db, actor.tenantId, setId);
  if (!set) throw AppError.notFound();
  const created = await ctx.db.transaction(async (tx) => {
    await lockCriteriaSet(tx, set.id);
    const base = await lockVersion(tx, input.basedOnVersionId);
    if (!base || base.criteriaSetId !== set.id) {
      throw AppError.unprocessable('base_not_in_set', 'criteria.base_not_in_set', {}, 'body.basedOnVersionId');
    }
    if (input.effectiveFrom <= base.effectiveFrom) {
      throw AppError.unprocessable('effective_date_order', 'criteria.effective_date_order', { date: formatDateVi(base.effectiveFrom) }, 'body.effectiveFrom');
    }
    const version = (await findLatestVersionNumber(tx, set.id)) + 1;
    const row = await insertVersion(tx, {
      id: randomUUID(),
      tenantId: set.tenantId,
      criteriaSetId: set.id,
      version,
      effectiveFrom: input.effectiveFrom,
      legalBasis: input.legalBasis,
      status: 'draft',
      definition: definitionOf(base),
      basedOnVersionId: base.id,
      createdBy: actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'criteria_version.created',
      entityType: 'criteria_set_version',
      entityId: row.id,
      after: { ...auditVersionFields(row), criteriaSetId: set.id, basedOnVersion: base.version },
    });
    return row;
  });
  return presentVersion(created, set, { canManage: true });
}

/**
 * Freezes a version inside the caller's transaction, with its audit record; a version already frozen is returned
 * unchanged (idempotent). For the reporting area: call it when the first reporting period using the version opens.
 * Authorisation is the caller's; with an actor, a version of another tenant is not found.
 */
export async function freezeCriteriaVersion(tx: Tx, ctx: WriteContext, versionId: string, reason: string): Promise<VersionRow> {
  const row = await lockVersion(tx, versionId);
  if (!row || (ctx.actor && row.tenantId !== ctx.actor.tenantId)) throw AppError.notFound();
  if (versionStatusOf(row) === 'frozen') return row;
  // A version that does not validate must not become the reference for results.
  validateDefinition(row.definition, 'definition');
  const frozen = await updateVersion(tx, versionId, {
    status: 'frozen',
    frozenAt: new Date(),
    frozenReason: reason,
    rowVersion: row.rowVersion + 1,
    updatedAt: new Date(),
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'criteria_version.frozen', entityType: 'criteria_set_version', entityId: versionId, before: auditVersionFields(row), after: auditVersionFields(frozen) },
    row.tenantId,
  );
  return frozen;
}

export async function freezeVersion(ctx: RequestContext, id: string, reason: string): Promise<VersionView> {
  const actor = await authorize(criteriaPolicy, ctx, 'manage', tenantLevel);
  const found = await findVersion(ctx.db, actor.tenantId, id);
  if (!found) throw AppError.notFound();
  const row = await ctx.db.transaction((tx) => freezeCriteriaVersion(tx, ctx, id, reason.normalize('NFC')));
  return presentVersion(row, found.set, { canManage: true });
}

/** Readable changes between two versions of the same set. */
export async function diffVersions(ctx: RequestContext, setId: string, fromId: string, toId: string) {
  requireActor(ctx);
  const set = await findCriteriaSet(ctx.db, ctx.actor.tenantId, setId);
  if (!set) throw AppError.notFound();
  const [from, to] = await Promise.all([findVersion(ctx.db, ctx.actor.tenantId, fromId), findVersion(ctx.db, ctx.actor.tenantId, toId)]);
  if (!from || !to) throw AppError.notFound();
  const details: ErrorDetail[] = [];
  if (from.version.criteriaSetId !== set.id) details.push({ path: 'querystring.from', message: '' });
  if (to.version.criteriaSetId !== set.id) details.push({ path: 'querystring.to', message: '' });
  if (details.length > 0) throw new AppError('versions_not_in_set', 422, 'criteria.versions_not_in_set', details);
  return {
    from: { id: from.version.id, version: from.version.version },
    to: { id: to.version.id, version: to.version.version },
    changes: diffCriteriaSetVersions(definitionOf(from.version), definitionOf(to.version)),
  };
}

// ---------------------------------------------------------------------------------------------
// Checking formulas and trying the engine
// ---------------------------------------------------------------------------------------------

/** Checks one formula against data elements, for the editor; a wrong formula is an answer, not an error. */
export function validateExpression(
  ctx: RequestContext,
  input: { expression: string; dataElements: { code: string; valueType: CriteriaSetVersion['dataElements'][number]['valueType'] }[]; expect: 'number' | 'boolean' },
) {
  requireActor(ctx);
  const result = checkExpression(input.expression, { dataElements: input.dataElements, expect: input.expect });
  if (result.ok) return { ok: true, errors: [], references: result.references, type: result.type };
  const parsed = parseExpression(input.expression);
  return { ok: false, errors: result.errors, references: parsed.ok ? codesReferencedBy(parsed.ast) : [], type: null };
}

const decimalPattern = /^-?\d{1,15}(\.\d{1,10})?$/;

/**
 * Checks data values against the set's data elements: known codes, decimal strings for numbers (whole numbers for
 * integers, within min/max), true/false for yes/no, null for "no value yet". Returns every problem.
 */
export function checkScoringInput(
  set: CriteriaSetVersion,
  input: { values: DataValuesInput; judgements?: Record<string, string>; members?: MemberInput[] },
  prefix: string,
): ErrorDetail[] {
  const elements = new Map(set.dataElements.map((e) => [e.code, e] as const));
  const criteria = new Map(set.criteria.map((c) => [c.code, c] as const));
  const details: ErrorDetail[] = [];

  const checkValues = (values: DataValuesInput, at: string) => {
    for (const [code, value] of Object.entries(values)) {
      const path = `${at}.${code}`;
      const element = elements.get(code);
      if (!element) {
        details.push({ path, message: '', messageKey: 'criteria.element_unknown', params: { code } });
        continue;
      }
      if (value === null) continue;
      switch (element.valueType) {
        case 'integer':
        case 'decimal':
        case 'percentage': {
          if (typeof value !== 'string' || !decimalPattern.test(value)) {
            details.push({ path, message: '', messageKey: 'criteria.value_decimal' });
            break;
          }
          const d = parseDecimal(value)!;
          if (element.valueType === 'integer' && !d.isInteger()) details.push({ path, message: '', messageKey: 'criteria.value_integer' });
          else if (element.min !== undefined && d.lessThan(new Dec(element.min))) details.push({ path, message: '', messageKey: 'validation.min', params: { min: element.min } });
          else if (element.max !== undefined && d.greaterThan(new Dec(element.max)))
            details.push({ path, message: '', messageKey: 'validation.max', params: { max: element.max } });
          break;
        }
        case 'boolean':
          if (typeof value !== 'boolean') details.push({ path, message: '', messageKey: 'criteria.value_boolean' });
          break;
        case 'text':
          if (typeof value !== 'string') details.push({ path, message: '', messageKey: 'criteria.value_text' });
          break;
        case 'date':
          if (typeof value !== 'string' || !isIsoDate(value)) details.push({ path, message: '', messageKey: 'validation.date_format' });
          break;
      }
    }
  };

  checkValues(input.values, `${prefix}.values`);
  for (const [code, level] of Object.entries(input.judgements ?? {})) {
    const path = `${prefix}.judgements.${code}`;
    const criterion = criteria.get(code);
    if (!criterion) details.push({ path, message: '', messageKey: 'criteria.criterion_unknown', params: { code } });
    else if (criterion.kind !== 'qualitative') details.push({ path, message: '', messageKey: 'criteria.not_qualitative', params: { code } });
    else if (!criterion.scale.some((s) => s.code === level)) {
      details.push({ path, message: '', messageKey: 'criteria.level_unknown', params: { level, allowed: criterion.scale.map((s) => s.code).join(', ') } });
    }
  }
  (input.members ?? []).forEach((m, i) => checkValues(m.values, `${prefix}.members[${i}].values`));
  return details;
}

function toMembers(members: MemberInput[] | undefined): MemberUnit[] | undefined {
  return members?.map((m, i) => ({ unitId: `member-${i + 1}`, name: m.name, level: m.level, values: m.values }));
}

function score(
  set: CriteriaSetVersion,
  input: { level: UnitLevel; values: DataValuesInput; judgements?: Record<string, string>; members?: MemberInput[] },
  prefix: string,
): UnitScore {
  const details = checkScoringInput(set, input, prefix);
  if (details.length > 0) throw AppError.validation(details, 'criteria.invalid_values');
  const compiled = compileCriteriaSet(set);
  if (!compiled.ok)
    throw new AppError('validation_failed', 400, 'criteria.invalid_definition', definitionDetails(compiled.errors, `${prefix}.definition`), { count: compiled.errors.length });
  return scoreUnit({ set: compiled.compiled, level: input.level, values: input.values, judgements: input.judgements, members: toMembers(input.members) });
}

/** Scores sample values against a stored version; nothing is written. */
export async function dryRunVersion(ctx: RequestContext, id: string, input: DryRunInput): Promise<UnitScore> {
  requireActor(ctx);
  const found = await findVersion(ctx.db, ctx.actor.tenantId, id);
  if (!found) throw AppError.notFound();
  return score(definitionOf(found.version), input, 'body');
}

/** Scores sample values against an unsaved definition (the editor's "try it" panel); the definition is validated first. */
export function dryRunDefinition(ctx: RequestContext, input: DefinitionDryRunInput): UnitScore {
  requireActor(ctx);
  const set = validateDefinition(input.definition, 'body.definition');
  return score(set, input, 'body');
}

// ---------------------------------------------------------------------------------------------
// Stored evaluations
// ---------------------------------------------------------------------------------------------

/**
 * Scores a unit on a frozen version and stores the result with the version id, so that the result keeps pointing at
 * the rules it was computed with after later amendments. Needs report.review on the unit (404 out of scope).
 */
export async function recordEvaluation(ctx: RequestContext, versionId: string, input: EvaluationInput): Promise<EvaluationView> {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  const unit = await findUnitWithLevel(ctx.db, tenantId, input.unitId);
  if (!unit) throw AppError.notFound();
  await requireAccess(ctx, 'report.review', unit.id);
  const found = await findVersion(ctx.db, tenantId, versionId);
  if (!found) throw AppError.notFound();
  const version = found.version;
  if (versionStatusOf(version) !== 'frozen') throw new AppError('version_draft', 409, 'criteria.version_draft', [], { version: version.version });
  if (!(unitLevels as readonly string[]).includes(unit.level)) {
    throw AppError.unprocessable('unit_level_unknown', 'criteria.unit_level_unknown', { kind: unit.kindCode }, 'body.unitId');
  }
  const level = unit.level as UnitLevel;
  const result = score(definitionOf(version), { ...input, level }, 'body');
  const stored = await ctx.db.transaction(async (tx) => {
    const row = await insertEvaluation(tx, {
      id: randomUUID(),
      tenantId,
      criteriaSetVersionId: version.id,
      unitId: unit.id,
      periodLabel: input.periodLabel.normalize('NFC'),
      level,
      input: { values: input.values, ...(input.judgements ? { judgements: input.judgements } : {}), ...(input.members ? { members: input.members } : {}) },
      result,
      evaluatedBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'evaluation.recorded',
      entityType: 'criteria_evaluation',
      entityId: row.id,
      unitId: unit.id,
      after: {
        criteriaSetVersionId: version.id,
        version: version.version,
        periodLabel: row.periodLabel,
        level,
        totalPoints: result.totalPoints,
        metCount: result.metCount,
        applicableCount: result.applicableCount,
        classification: result.classification?.code ?? null,
      },
    });
    return row;
  });
  const names = await findUnitNames(ctx.db, tenantId, [unit.id], todayInVietnam());
  return presentEvaluation(stored, version.version, names.get(unit.id) ?? null);
}

/** Evaluations stored on a version, limited to the units the actor may read reports of. */
export async function listEvaluations(ctx: RequestContext, versionId: string): Promise<EvaluationView[]> {
  requireActor(ctx);
  const found = await findVersion(ctx.db, ctx.actor.tenantId, versionId);
  if (!found) throw AppError.notFound();
  const scope = await scopeFor(ctx.db, ctx.actor, 'report.read');
  const rows = await findEvaluations(ctx.db, ctx.actor.tenantId, versionId, scopeWhere(criteriaEvaluations.unitId, scope));
  const names = await findUnitNames(ctx.db, ctx.actor.tenantId, [...new Set(rows.map((r) => r.unitId))], todayInVietnam());
  return rows.map((r) => presentEvaluation(r, found.version.version, names.get(r.unitId) ?? null));
}
