import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { executeNamed, insertStatement, mapRow, prepared, runNamed, selectList, updateStatement, type Db, type Statement, type DbOrTx, type Tx } from '../../db/client.js';
import {
  movementAgencies,
  reportCompilations,
  reportEvents,
  reportEvidence,
  reportIdempotency,
  reportMissingMarks,
  reportPeriods,
  reportRegimes,
  reportRevisions,
  reports,
  storedFiles,
} from '../../db/schema/index.js';
import { unitNameOnSql } from '../units/org-on-date.repository.js';

export type ReportRow = typeof reports.$inferSelect;
export type EvidenceRow = typeof reportEvidence.$inferSelect;
export type EventRow = typeof reportEvents.$inferSelect;

/** The standing agency's unit for a movement on a date (for its inbox), if the role is linked to a unit. */
export function findStandingAgencyUnit(db: DbOrTx, movementId: string | null, date: string) {
  if (!movementId) return Promise.resolve(null);
  return db
    .select({ unitId: movementAgencies.unitId })
    .from(movementAgencies)
    .where(
      and(
        eq(movementAgencies.movementId, movementId),
        eq(movementAgencies.role, 'standing_agency'),
        sql`${movementAgencies.validFrom} <= ${date}::date and (${movementAgencies.validTo} is null or ${movementAgencies.validTo} > ${date}::date)`,
      ),
    )
    .then((r) => r[0]?.unitId ?? null);
}

// ---- reports -------------------------------------------------------------------------------

export function findReport(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.tenantId, tenantId), eq(reports.id, id)))
    .then((r) => r[0] ?? null);
}

export function lockReport(tx: Tx, id: string) {
  return tx
    .select()
    .from(reports)
    .where(eq(reports.id, id))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** Names shown with a report: the unit's name and code and the reviewer's name, as on the period's last day. */
export type ReportNames = { unitName: string; unitCode: string | null; reviewerUnitName: string | null };

/**
 * A report with its period, regime and names in one round trip (every report route starts here). The unit's code is
 * given only when the unit and one of its versions are in force on the period's last day, like units' `findUnitOn`;
 * the names follow units' `findUnitNames` rule.
 */
export function findReportContext(db: Db, tenantId: string, id: string) {
  return prepared(db, 'reports_find_context', () => {
    const end = sql`${reportPeriods.endDate}`;
    return db
      .select({
        report: reports,
        period: reportPeriods,
        regime: reportRegimes,
        unitName: sql<string | null>`${unitNameOnSql(sql`${reports.unitId}`, end)}`,
        unitCode: sql<string | null>`(select u.code from units u where u.id = ${reports.unitId} and u.valid_from <= ${end} and (u.valid_to is null or u.valid_to > ${end})
                     and exists (select 1 from unit_versions v where v.unit_id = u.id and v.valid_from <= ${end} and (v.valid_to is null or v.valid_to > ${end})))`,
        reviewerUnitName: sql<string | null>`case when ${reports.reviewerUnitId} is null then null else ${unitNameOnSql(sql`${reports.reviewerUnitId}`, end)} end`,
      })
      .from(reports)
      .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
      .innerJoin(reportRegimes, eq(reportRegimes.id, reportPeriods.regimeId))
      .where(and(eq(reports.tenantId, sql.placeholder('tenantId')), eq(reports.id, sql.placeholder('id'))))
      .prepare('reports_find_context');
  })
    .execute({ tenantId, id })
    .then((r) => {
      const row = r[0];
      if (!row) return null;
      const names: ReportNames = { unitName: row.unitName ?? '?', unitCode: row.unitCode, reviewerUnitName: row.reviewerUnitName };
      return { report: row.report, period: row.period, regime: row.regime, names };
    });
}

/**
 * Locks the report row for a transition and reads the earlier response stored under the idempotency key, if any.
 * Written as text (a named prepared statement): building drizzle's select of every column cost more than running it.
 */
export async function lockReportForTransition(tx: Tx, id: string, idempotency: { userId: string; key: string } | null) {
  const prior = idempotency
    ? `(select json_build_object('reportId', i.report_id, 'action', i.action, 'response', i.response)
          from report_idempotency i where i.user_id = $2::uuid and i.key = $3)`
    : 'null::json';
  const rows = await runNamed<Record<string, unknown> & { __prior: IdempotentRow | null }>(tx, {
    sql: `select ${selectList(reports)}, ${prior} as "__prior" from "reports" where "reports"."id" = $1::uuid for update of "reports"`,
    params: idempotency ? [id, idempotency.userId, idempotency.key] : [id],
  });
  const raw = rows[0];
  return raw ? { row: mapRow(reports, raw), prior: raw.__prior } : null;
}
type IdempotentRow = { reportId: string; action: string; response: unknown };

export function findReportByPeriodUnit(db: DbOrTx, periodId: string, unitId: string) {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.periodId, periodId), eq(reports.unitId, unitId)))
    .then((r) => r[0] ?? null);
}

export function findReportsOfPeriod(db: DbOrTx, periodId: string) {
  return db.select().from(reports).where(eq(reports.periodId, periodId));
}

export async function insertReport(db: DbOrTx, row: typeof reports.$inferInsert) {
  const [inserted] = await db.insert(reports).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateReport(db: DbOrTx, id: string, values: Partial<typeof reports.$inferInsert>) {
  const [updated] = await db.update(reports).set(values).where(eq(reports.id, id)).returning();
  return updated!;
}

export function findReports(db: DbOrTx, tenantId: string, where: SQL[], limit: number, offset: number) {
  return db
    .select({ report: reports, period: reportPeriods })
    .from(reports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
    .where(and(eq(reports.tenantId, tenantId), ...where))
    .orderBy(desc(reportPeriods.endDate), asc(reports.unitId))
    .limit(limit)
    .offset(offset);
}

export async function insertRevision(db: DbOrTx, row: typeof reportRevisions.$inferInsert) {
  await db.insert(reportRevisions).values(row).onConflictDoNothing();
}

export function findRevision(db: DbOrTx, reportId: string, rowVersion: number) {
  return db
    .select()
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, reportId), sql`${reportRevisions.rowVersion} <= ${rowVersion}`))
    .orderBy(desc(reportRevisions.rowVersion))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findEvents(db: DbOrTx, reportId: string) {
  return db.select().from(reportEvents).where(eq(reportEvents.reportId, reportId)).orderBy(asc(reportEvents.at));
}

export function findLastEvent(db: DbOrTx, reportId: string) {
  return db
    .select()
    .from(reportEvents)
    .where(eq(reportEvents.reportId, reportId))
    .orderBy(desc(reportEvents.at))
    .limit(1)
    .then((r) => r[0] ?? null);
}

/**
 * Values of the unit's reports in earlier periods of the same regime (submitted or later), oldest first: the
 * previous value beside each field and the history of the outlier check.
 */
export function findEarlierReports(db: DbOrTx, regimeId: string, unitId: string, beforeDate: string, limit = 12) {
  return db
    .select({ values: reports.values, status: reports.status, label: reportPeriods.label, endDate: reportPeriods.endDate })
    .from(reports)
    .innerJoin(reportPeriods, eq(reportPeriods.id, reports.periodId))
    .where(
      and(
        eq(reportPeriods.regimeId, regimeId),
        eq(reports.unitId, unitId),
        lt(reportPeriods.endDate, beforeDate),
        inArray(reports.status, ['submitted', 'resubmitted', 'approved', 'locked']),
      ),
    )
    .orderBy(desc(reportPeriods.endDate))
    .limit(limit)
    .then((rows) => rows.reverse());
}

/**
 * What the submission check reads besides the report, in one round trip: the evidence of the report (what counts
 * per criterion) and the values of the unit's earlier reports in the regime (as `findEarlierReports`, oldest first).
 */
export async function findSubmitInputs(tx: DbOrTx, input: { reportId: string; regimeId: string; unitId: string; beforeDate: string; limit?: number }) {
  const rows = await executeNamed<{
    evidence: { criterionCode: string; documentNumber: string | null; fileSha256: string | null }[];
    earlier: { values: Record<string, string | boolean | null> }[];
  }>(
    tx,
    sql`select
          coalesce((select json_agg(json_build_object('criterionCode', e.criterion_code, 'documentNumber', e.document_number, 'fileSha256', e.file_sha256))
                      from report_evidence e where e.report_id = ${input.reportId}::uuid), '[]'::json) as evidence,
          coalesce((select json_agg(json_build_object('values', x.values) order by x.end_date)
                      from (select r.values, p.end_date from reports r join report_periods p on p.id = r.period_id
                             where p.regime_id = ${input.regimeId}::uuid and r.unit_id = ${input.unitId}::uuid and p.end_date < ${input.beforeDate}::date
                               and r.status in ('submitted', 'resubmitted', 'approved', 'locked')
                             order by p.end_date desc limit ${input.limit ?? 12}) x), '[]'::json) as earlier`,
  );
  return rows[0]!;
}

/** The statements of a report's transition, for `executeTogether` (see reports.transitions `transitionReport`). */
export function reportUpdateStatement(id: string, values: Partial<typeof reports.$inferInsert>): Statement {
  return updateStatement(reports, values, { id });
}
export function revisionInsertStatement(row: typeof reportRevisions.$inferInsert): Statement {
  return insertStatement(reportRevisions, row, { onConflictDoNothing: true });
}
export function eventInsertStatement(row: typeof reportEvents.$inferInsert): Statement {
  return insertStatement(reportEvents, row);
}
export function idempotentInsertStatement(row: typeof reportIdempotency.$inferInsert): Statement {
  return insertStatement(reportIdempotency, row);
}

// ---- evidence ------------------------------------------------------------------------------

export function findEvidenceOfReport(db: DbOrTx, reportId: string) {
  return db.select().from(reportEvidence).where(eq(reportEvidence.reportId, reportId)).orderBy(asc(reportEvidence.createdAt), asc(reportEvidence.id));
}

export function findEvidence(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(reportEvidence)
    .where(and(eq(reportEvidence.tenantId, tenantId), eq(reportEvidence.id, id)))
    .then((r) => r[0] ?? null);
}

export async function insertEvidence(db: DbOrTx, row: typeof reportEvidence.$inferInsert) {
  const [inserted] = await db.insert(reportEvidence).values(row).returning();
  return inserted!;
}

export async function deleteEvidence(db: DbOrTx, id: string) {
  await db.delete(reportEvidence).where(eq(reportEvidence.id, id));
}

export async function recordStoredFile(db: DbOrTx, row: typeof storedFiles.$inferInsert) {
  await db.insert(storedFiles).values(row).onConflictDoNothing();
}

// ---- compilation ---------------------------------------------------------------------------

export function findMissingMarks(db: DbOrTx, periodId: string) {
  return db.select().from(reportMissingMarks).where(eq(reportMissingMarks.periodId, periodId));
}

export async function upsertMissingMark(db: DbOrTx, row: typeof reportMissingMarks.$inferInsert) {
  await db
    .insert(reportMissingMarks)
    .values(row)
    .onConflictDoUpdate({ target: [reportMissingMarks.periodId, reportMissingMarks.unitId], set: { reason: row.reason, markedBy: row.markedBy, markedAt: new Date() } });
}

export function findCompilation(db: DbOrTx, periodId: string, unitId: string) {
  return db
    .select()
    .from(reportCompilations)
    .where(and(eq(reportCompilations.periodId, periodId), eq(reportCompilations.unitId, unitId)))
    .then((r) => r[0] ?? null);
}

export async function insertCompilation(db: DbOrTx, row: typeof reportCompilations.$inferInsert) {
  await db.insert(reportCompilations).values(row);
}
