import { criteriaSetVersionSchema, type CriteriaSetVersion } from '../../../core/criteria/criteria.schemas.js';
import type { DocumentRef } from '../../../core/movement-package/movement-package.schemas.js';
import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import type { UnitScore } from '../../../core/scoring/index.js';
import type { CriteriaSetRow, EvaluationRow, VersionRow } from './criteria.repository.js';
import type { EvaluationView, VersionStatus, VersionSummaryView, VersionView } from './criteria.schemas.js';

export function versionStatusOf(row: VersionRow): VersionStatus {
  return row.status === 'frozen' ? 'frozen' : 'draft';
}

/** The stored definition, keys in contract order (jsonb does not keep key order). */
export function definitionOf(row: VersionRow): CriteriaSetVersion {
  const parsed = criteriaSetVersionSchema.safeParse(row.definition);
  return parsed.success ? parsed.data : (row.definition as CriteriaSetVersion);
}

export function presentVersionSummary(row: VersionRow, numberById: ReadonlyMap<string, number>): VersionSummaryView {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    legalBasis: row.legalBasis as DocumentRef,
    status: versionStatusOf(row),
    frozenAt: row.frozenAt?.toISOString() ?? null,
    frozenReason: row.frozenReason,
    createdAt: row.createdAt.toISOString(),
    basedOnVersion: row.basedOnVersionId ? (numberById.get(row.basedOnVersionId) ?? null) : null,
  };
}

export function presentVersion(row: VersionRow, set: CriteriaSetRow, abilities: { canManage: boolean }): VersionView {
  const draft = versionStatusOf(row) === 'draft';
  return {
    id: row.id,
    criteriaSetId: row.criteriaSetId,
    criteriaSetCode: set.code,
    movementId: set.movementId,
    version: row.version,
    status: versionStatusOf(row),
    effectiveFrom: row.effectiveFrom,
    legalBasis: row.legalBasis as DocumentRef,
    frozenAt: row.frozenAt?.toISOString() ?? null,
    frozenReason: row.frozenReason,
    basedOnVersionId: row.basedOnVersionId,
    definition: definitionOf(row),
    rowVersion: row.rowVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: { canEdit: draft && abilities.canManage, canFreeze: draft && abilities.canManage, canAmend: abilities.canManage },
  };
}

export function presentEvaluation(row: EvaluationRow, version: number, unitName: string | null): EvaluationView {
  return {
    id: row.id,
    criteriaSetVersionId: row.criteriaSetVersionId,
    version,
    unitId: row.unitId,
    unitName,
    periodLabel: row.periodLabel,
    level: row.level as UnitLevel,
    input: row.input as EvaluationView['input'],
    result: row.result as UnitScore,
    evaluatedAt: row.evaluatedAt.toISOString(),
    evaluatedBy: row.evaluatedBy,
  };
}

/** What the audit trail keeps about a version besides its definition (the definition's changes are listed). */
export function auditVersionFields(row: VersionRow) {
  return {
    version: row.version,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    legalBasis: row.legalBasis,
    frozenReason: row.frozenReason,
    rowVersion: row.rowVersion,
  };
}
