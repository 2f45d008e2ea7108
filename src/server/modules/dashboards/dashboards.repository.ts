import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';

// Queries only. Approved results are read live from reports ⨝ criteria_evaluations (written in the approval's
// transaction), so a dashboard reflects an approval as soon as it commits: no summary table, no cache.

export type PeriodRow = {
  period_id: string;
  period_code: string;
  period_label: string;
  start_date: string;
  end_date: string;
  due_date: string;
  status: string;
  /** Raw rows: a Date or an ISO-like string depending on the driver. */
  closed_at: Date | string | null;
  locked_at: Date | string | null;
  criteria_set_version_id: string;
  regime_id: string;
  regime_code: string;
  reporting_levels: string[];
  root_unit_id: string | null;
  movement_id: string;
  movement_code: string;
  movement_name: string;
};

const periodColumns = sql`p.id as period_id, p.code as period_code, p.label as period_label, p.start_date::text as start_date,
  p.end_date::text as end_date, p.due_date::text as due_date, p.status, p.closed_at, p.locked_at, p.criteria_set_version_id,
  g.id as regime_id, g.code as regime_code, g.reporting_levels, g.root_unit_id, m.id as movement_id, m.code as movement_code, m.name as movement_name`;

/** A period of one of the movement's regimes. */
export async function findMovementPeriod(db: DbOrTx, tenantId: string, movementId: string, periodId: string): Promise<PeriodRow | null> {
  const rows = await queryRows<PeriodRow>(
    db,
    sql`select ${periodColumns}
          from report_periods p join report_regimes g on g.id = p.regime_id join movements m on m.id = g.movement_id
         where p.tenant_id = ${tenantId} and p.id = ${periodId}::uuid and m.id = ${movementId}::uuid`,
  );
  return rows[0] ?? null;
}

/** Published periods (closed or locked) of every movement of the tenant, newest first. */
export function findPublishedPeriods(db: DbOrTx, tenantId: string): Promise<PeriodRow[]> {
  return queryRows<PeriodRow>(
    db,
    sql`select ${periodColumns}
          from report_periods p join report_regimes g on g.id = p.regime_id join movements m on m.id = g.movement_id
         where p.tenant_id = ${tenantId} and p.status in ('closed', 'locked')
         order by m.code, p.end_date desc, g.code`,
  );
}

/** The regime's period ending last before a date (for movement in rankings). */
export async function findPreviousPeriodId(db: DbOrTx, regimeId: string, startDate: string, publishedOnly: boolean): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select id from report_periods where regime_id = ${regimeId}::uuid and end_date < ${startDate}::date
          ${publishedOnly ? sql`and status in ('closed', 'locked')` : sql``}
         order by end_date desc limit 1`,
  );
  return rows[0]?.id ?? null;
}

export type CriterionCountRow = { level: string; code: string; status: string; n: number };

/** Approved results counted per level, criterion and status, in one aggregate over the period's reports. */
export function countCriterionStatuses(db: DbOrTx, periodId: string, unitFilter: SQL): Promise<CriterionCountRow[]> {
  return queryRows<CriterionCountRow>(
    db,
    sql`select r.level, c.value->>'code' as code, c.value->>'status' as status, count(*)::int as n
          from reports r
          join criteria_evaluations e on e.id = r.evaluation_id
          cross join lateral jsonb_array_elements(e.result->'criteria') c
         where r.period_id = ${periodId}::uuid and r.status in ('approved', 'locked') and ${unitFilter}
         group by 1, 2, 3`,
  );
}

export type UnitReportRow = { unit_id: string; approved: boolean; submitted: boolean; on_time: boolean };

/** One row per report of the period: approved?, submitted?, first submission on or before the due date (Vietnam time)? */
export function findReportStates(db: DbOrTx, periodId: string, dueDate: string, unitFilter: SQL): Promise<UnitReportRow[]> {
  return queryRows<UnitReportRow>(
    db,
    sql`select r.unit_id, r.status in ('approved', 'locked') as approved, r.first_submitted_at is not null as submitted,
               coalesce(((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date <= ${dueDate}::date, false) as on_time
          from reports r
         where r.period_id = ${periodId}::uuid and ${unitFilter}`,
  );
}

export type ApprovedResultRow = { unit_id: string; level: string; total_points: string; share_met: string | null; classification: string | null };

/** Approved totals of a period at a level (optionally restricted to some units). */
export function findApprovedResults(db: DbOrTx, periodId: string, level: string | null, unitFilter: SQL): Promise<ApprovedResultRow[]> {
  return queryRows<ApprovedResultRow>(
    db,
    sql`select r.unit_id, r.level, e.result->>'totalPoints' as total_points, e.result->>'shareMet' as share_met,
               e.result->'classification'->>'label' as classification
          from reports r join criteria_evaluations e on e.id = r.evaluation_id
         where r.period_id = ${periodId}::uuid and r.status in ('approved', 'locked')
           ${level ? sql`and r.level = ${level}` : sql``} and ${unitFilter}`,
  );
}

export type HistoryRow = {
  period_id: string;
  period_code: string;
  period_label: string;
  end_date: string;
  criteria_set_version_id: string;
  level: string;
  result: {
    totalPoints: string;
    maxPoints: string;
    shareMet: string | null;
    shareMetDisplay: string | null;
    classification: { label?: string } | null;
    criteria: { code: string; status: string; value: string | null; displayValue: string | null; target: { comparator: string; threshold: string } | null; points: string; maxPoints: string; explanation: string }[];
  };
};

/** A unit's approved results in every period of the movement, oldest first. */
export function findUnitHistory(db: DbOrTx, tenantId: string, unitId: string, movementId: string): Promise<HistoryRow[]> {
  return queryRows<HistoryRow>(
    db,
    sql`select p.id as period_id, p.code as period_code, p.label as period_label, p.end_date::text as end_date,
               r.criteria_set_version_id, r.level, e.result
          from reports r
          join report_periods p on p.id = r.period_id
          join report_regimes g on g.id = p.regime_id
          join criteria_evaluations e on e.id = r.evaluation_id
         where r.tenant_id = ${tenantId} and r.unit_id = ${unitId}::uuid and g.movement_id = ${movementId}::uuid
           and r.status in ('approved', 'locked')
         order by p.end_date, p.code`,
  );
}

/** Members of a group on a date; null when the group is not the tenant's. */
export async function findGroupMemberIds(db: DbOrTx, tenantId: string, groupId: string, date: string): Promise<{ name: string; unitIds: Set<string> } | null> {
  const groups = await queryRows<{ name: string }>(db, sql`select name from unit_groups where tenant_id = ${tenantId} and id = ${groupId}::uuid`);
  if (!groups[0]) return null;
  const rows = await queryRows<{ unit_id: string }>(
    db,
    sql`select unit_id from unit_group_members
         where group_id = ${groupId}::uuid and valid_from <= ${date}::date and (valid_to is null or valid_to > ${date}::date)`,
  );
  return { name: groups[0].name, unitIds: new Set(rows.map((r) => r.unit_id)) };
}

export type MovementRow = { id: string; code: string; name: string; short_name: string; status: string; description: string };

export function findMovements(db: DbOrTx, tenantId: string): Promise<MovementRow[]> {
  return queryRows<MovementRow>(db, sql`select id, code, name, short_name, status, description from movements where tenant_id = ${tenantId} and status <> 'draft' order by code`);
}

export async function movementExists(db: DbOrTx, tenantId: string, movementId: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from movements where tenant_id = ${tenantId} and id = ${movementId}::uuid`)).length > 0;
}

/** The deployment's tenant for public pages (one province per deployment; the first one if several). */
export async function findPublicTenant(db: DbOrTx): Promise<{ id: string; name: string } | null> {
  return (await queryRows<{ id: string; name: string }>(db, sql`select id, name from tenants order by created_at, id limit 1`))[0] ?? null;
}

export type UnitHit = { id: string; code: string | null; name: string; kind_code: string };

/** Units whose folded names contain the folded query (trigram index on search_text). */
export function searchUnits(db: DbOrTx, tenantId: string, folded: string, today: string): Promise<UnitHit[]> {
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return queryRows<UnitHit>(
    db,
    sql`select u.id, u.code, v.name, u.kind_code
          from units u join unit_versions v on v.unit_id = u.id
         where u.tenant_id = ${tenantId} and u.search_text like ${pattern}
           and v.valid_from <= ${today}::date and (v.valid_to is null or v.valid_to > ${today}::date)
         order by v.name limit 20`,
  );
}
