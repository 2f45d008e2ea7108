import { criteriaSetVersionSchema, unitLevels, type CriteriaSetVersion, type UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { compileCriteriaSet, type CompiledCriteriaSet } from '../../../core/scoring/index.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { findVersionRow } from './criteria.repository.js';

/** A criteria version's definition and its compiled form (formulas parsed, ready to score). */
export type CriteriaDefinition = { set: CriteriaSetVersion; compiled: CompiledCriteriaSet };

// A frozen version never changes, so its compiled form is kept for the life of the process; drafts are read each time.
const compiledCache = new Map<string, CriteriaDefinition>();

/**
 * The definition of a criteria version, compiled once per frozen version (reports, evidence, templates and imports,
 * dashboards, the demo seed). 404 when there is no such version; 409 when its definition does not compile.
 */
export async function loadCriteriaDefinition(db: DbOrTx, versionId: string): Promise<CriteriaDefinition> {
  const cached = compiledCache.get(versionId);
  if (cached) return cached;
  const row = await findVersionRow(db, versionId);
  if (!row) throw AppError.notFound();
  const parsed = criteriaSetVersionSchema.safeParse(row.definition);
  const set = parsed.success ? parsed.data : (row.definition as CriteriaSetVersion);
  const compiled = compileCriteriaSet(set);
  if (!compiled.ok) throw new AppError('invalid_criteria', 409, 'report.criteria_invalid');
  const entry = { set, compiled: compiled.compiled };
  if (row.status === 'frozen') compiledCache.set(versionId, entry);
  return entry;
}

/** The criteria level of a unit's level (a level no criteria set knows counts as 'other'). */
export function asLevel(level: string): UnitLevel {
  return (unitLevels as readonly string[]).includes(level) ? (level as UnitLevel) : 'other';
}
