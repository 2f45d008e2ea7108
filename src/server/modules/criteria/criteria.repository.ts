import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { criteriaEvaluations, criteriaSets, criteriaSetVersions, unitKinds, units } from '../../db/schema/index.js';

export type CriteriaSetRow = typeof criteriaSets.$inferSelect;
export type VersionRow = typeof criteriaSetVersions.$inferSelect;
export type EvaluationRow = typeof criteriaEvaluations.$inferSelect;

export function findCriteriaSet(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(criteriaSets)
    .where(and(eq(criteriaSets.tenantId, tenantId), eq(criteriaSets.id, id)))
    .then((r) => r[0] ?? null);
}

/** Versions of one set, oldest first. */
export function findVersionsOfSet(db: DbOrTx, criteriaSetId: string) {
  return db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.criteriaSetId, criteriaSetId)).orderBy(asc(criteriaSetVersions.version));
}

export function findVersion(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select({ version: criteriaSetVersions, set: criteriaSets })
    .from(criteriaSetVersions)
    .innerJoin(criteriaSets, eq(criteriaSets.id, criteriaSetVersions.criteriaSetId))
    .where(and(eq(criteriaSetVersions.tenantId, tenantId), eq(criteriaSetVersions.id, id)))
    .then((r) => r[0] ?? null);
}

/** The version row locked for the rest of the transaction (edits and freezes serialise on it). */
export function lockVersion(db: DbOrTx, id: string) {
  return db
    .select()
    .from(criteriaSetVersions)
    .where(eq(criteriaSetVersions.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** Locks the set row so that two amendments cannot take the same version number. */
export function lockCriteriaSet(db: DbOrTx, id: string) {
  return db
    .select()
    .from(criteriaSets)
    .where(eq(criteriaSets.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function findLatestVersionNumber(db: DbOrTx, criteriaSetId: string) {
  return db
    .select({ version: criteriaSetVersions.version })
    .from(criteriaSetVersions)
    .where(eq(criteriaSetVersions.criteriaSetId, criteriaSetId))
    .orderBy(desc(criteriaSetVersions.version))
    .limit(1)
    .then((r) => r[0]?.version ?? 0);
}

export async function insertVersion(db: DbOrTx, row: typeof criteriaSetVersions.$inferInsert) {
  const [inserted] = await db.insert(criteriaSetVersions).values(row).returning();
  return inserted!;
}

export async function updateVersion(db: DbOrTx, id: string, values: Partial<typeof criteriaSetVersions.$inferInsert>) {
  const [updated] = await db.update(criteriaSetVersions).set(values).where(eq(criteriaSetVersions.id, id)).returning();
  return updated!;
}

/** A unit of the tenant with the criteria level of its kind (unit_kinds.level). */
export function findUnitWithLevel(db: DbOrTx, tenantId: string, unitId: string) {
  return db
    .select({ id: units.id, kindCode: units.kindCode, level: unitKinds.level })
    .from(units)
    .innerJoin(unitKinds, and(eq(unitKinds.tenantId, units.tenantId), eq(unitKinds.code, units.kindCode)))
    .where(and(eq(units.tenantId, tenantId), eq(units.id, unitId)))
    .then((r) => r[0] ?? null);
}

export async function insertEvaluation(db: DbOrTx, row: typeof criteriaEvaluations.$inferInsert) {
  const [inserted] = await db.insert(criteriaEvaluations).values(row).returning();
  return inserted!;
}

/** Evaluations stored on a version, newest first, restricted by the caller's scope fragment. */
export function findEvaluations(db: DbOrTx, tenantId: string, versionId: string, scope: SQL) {
  return db
    .select()
    .from(criteriaEvaluations)
    .where(and(eq(criteriaEvaluations.tenantId, tenantId), eq(criteriaEvaluations.criteriaSetVersionId, versionId), scope))
    .orderBy(desc(criteriaEvaluations.evaluatedAt), asc(criteriaEvaluations.id));
}

/** A criteria version by id, whatever its tenant (the caller has read it through a period or report of the tenant). */
export function findVersionRow(db: DbOrTx, id: string) {
  return db
    .select()
    .from(criteriaSetVersions)
    .where(eq(criteriaSetVersions.id, id))
    .then((r) => r[0] ?? null);
}

/** The version of a criteria set in force on a date (latest effectiveFrom on or before it). */
export function findVersionInForce(db: DbOrTx, criteriaSetId: string, date: string) {
  return db
    .select()
    .from(criteriaSetVersions)
    .where(and(eq(criteriaSetVersions.criteriaSetId, criteriaSetId), sql`${criteriaSetVersions.effectiveFrom} <= ${date}::date`))
    .orderBy(desc(criteriaSetVersions.effectiveFrom), desc(criteriaSetVersions.version))
    .limit(1)
    .then((r) => r[0] ?? null);
}
