import { sql, type SQL } from 'drizzle-orm';
import { queryRows, runNamed, type DbOrTx } from '../../db/client.js';

// Queries only. Approved results are read live: per-criterion counts from report_criterion_results (one row per
// criterion of each report's current evaluation with its approved flag, kept by triggers in the writer's
// transaction), totals from the evaluation's stored columns joined to reports. A dashboard reflects an approval as soon as it
// commits; no cache.

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

/**
 * The units a dashboard view counts, as three parallel array literals for `unnest` (one parameter each, not one per
 * unit: a list of thousands of parameters costs the planner more than the query): the unit ids, each unit's level
 * index and the index of the drill-down row it is counted under (-1: none). Built once per frame (dashboards.frame.ts).
 */
export type FrameArrays = { unitIds: string; levels: string; rows: string };

export type DashboardTallyRow = {
  kind: 'row' | 'group' | 'period';
  level: number | null;
  row: number | null;
  group_id: string | null;
  group_name: string | null;
  group_kind: string | null;
  expected: number;
  submitted: number;
  approved: number;
  on_time: number;
};

/** SQL text: the unit is a member of the group (parameter `group`) on the date (parameter `date`), or no group is given. */
const inGroupOnDate = (unit: string, group: string, date: string) =>
  `(${group}::uuid is null or exists (select 1 from unit_group_members gm where gm.group_id = ${group}::uuid and gm.unit_id = ${unit}
             and gm.valid_from <= ${date}::date and (gm.valid_to is null or gm.valid_to > ${date}::date)))`;

/**
 * The report states of a view's units aggregated in one statement: per (level, drill-down row) of the units in the
 * view (the group's members on the period's last day when a group is chosen) the units expected, submitted,
 * approved and submitted on time (first submission on or before the due date, Vietnam time); and per cluster or
 * block with members among the frame's units (the group filter not applied) the members and those approved; and one
 * row `period` with the approved reports of the whole period (whoever's), to tell whether the frame holds them all.
 */
export function tallyDashboard(
  db: DbOrTx,
  o: { tenantId: string; periodId: string; dueDate: string; date: string; groupId: string | null; frame: FrameArrays },
): Promise<DashboardTallyRow[]> {
  return runNamed<DashboardTallyRow>(db, {
    sql: `with x as (
            select x.unit_id, x.level, x.row from unnest($1::uuid[], $2::int[], $3::int[]) as x(unit_id, level, row)
          ), s as (
            select x.unit_id, x.level, x.row, coalesce(r.status in ('approved', 'locked'), false) as approved,
                   r.first_submitted_at is not null as submitted,
                   coalesce(((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date <= $7::date, false) as on_time
              from x left join reports r on r.period_id = $4::uuid and r.unit_id = x.unit_id
          )
          select 'row' as kind, s.level, s.row, null::uuid as group_id, null::text as group_name, null::text as group_kind,
                 count(*)::int as expected, count(*) filter (where s.submitted)::int as submitted,
                 count(*) filter (where s.approved)::int as approved, count(*) filter (where s.on_time)::int as on_time
            from s where ${inGroupOnDate('s.unit_id', '$5', '$6')}
           group by s.level, s.row
          union all
          select 'group', null, null, g.id, g.name, g.kind, count(distinct s.unit_id)::int, 0,
                 (count(distinct s.unit_id) filter (where s.approved))::int, 0
            from s join unit_group_members m on m.unit_id = s.unit_id and m.valid_from <= $6::date and (m.valid_to is null or m.valid_to > $6::date)
            join unit_groups g on g.id = m.group_id and g.tenant_id = $8
           group by g.id, g.name, g.kind
          union all
          select 'period', null, null, null, null, null, 0, 0, count(*)::int, 0
            from reports r where r.period_id = $4::uuid and r.status in ('approved', 'locked')`,
    params: [o.frame.unitIds, o.frame.levels, o.frame.rows, o.periodId, o.groupId, o.date, o.dueDate, o.tenantId],
  });
}

export type UnsubmittedRow = { unit_id: string; status: string | null };

/** The view's units with no submission for the period (no report, or a report never submitted), with the report's status. */
export function findUnsubmitted(db: DbOrTx, o: { periodId: string; date: string; groupId: string | null; unitIds: string }): Promise<UnsubmittedRow[]> {
  return runNamed<UnsubmittedRow>(db, {
    sql: `select x.unit_id, r.status
            from unnest($1::uuid[]) as x(unit_id) left join reports r on r.period_id = $2::uuid and r.unit_id = x.unit_id
           where r.first_submitted_at is null and ${inGroupOnDate('x.unit_id', '$3', '$4')}`,
    params: [o.unitIds, o.periodId, o.groupId, o.date],
  });
}

export type ApprovedResultRow = { unit_id: string; level: string; total_points: string; share_met: string | null; classification: string | null };

/** Approved totals of a period at a level (optionally restricted to some units). */
export function findApprovedResults(db: DbOrTx, periodId: string, level: string | null, unitFilter: SQL): Promise<ApprovedResultRow[]> {
  return queryRows<ApprovedResultRow>(
    db,
    sql`select r.unit_id, r.level, e.total_points, e.share_met, e.classification_label as classification
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
    criteria: {
      code: string;
      status: string;
      value: string | null;
      displayValue: string | null;
      target: { comparator: string; threshold: string } | null;
      points: string;
      maxPoints: string;
      explanation: string;
    }[];
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

/** A group's name; null when the group is not the tenant's. */
export async function findGroupName(db: DbOrTx, tenantId: string, groupId: string): Promise<string | null> {
  const rows = await runNamed<{ name: string }>(db, { sql: 'select name from unit_groups where tenant_id = $1 and id = $2::uuid', params: [tenantId, groupId] });
  return rows[0]?.name ?? null;
}

export type MovementRow = { id: string; code: string; name: string; short_name: string; status: string; description: string };

export function findMovements(db: DbOrTx, tenantId: string): Promise<MovementRow[]> {
  return queryRows<MovementRow>(db, sql`select id, code, name, short_name, status, description from movements where tenant_id = ${tenantId} and status <> 'draft' order by code`);
}

export async function movementExists(db: DbOrTx, tenantId: string, movementId: string): Promise<boolean> {
  return (await queryRows(db, sql`select 1 from movements where tenant_id = ${tenantId} and id = ${movementId}::uuid`)).length > 0;
}

/** SQL text: the deployment's tenant for public pages (one province per deployment; the first one if several). */
export const publicTenantIdSql = 'select t.id from tenants t order by t.created_at, t.id limit 1';

/** The deployment's tenant for public pages (`publicTenantIdSql`). */
export async function findPublicTenant(db: DbOrTx): Promise<{ id: string; name: string } | null> {
  return (await queryRows<{ id: string; name: string }>(db, sql`select id, name from tenants where id = (${sql.raw(publicTenantIdSql)})`))[0] ?? null;
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

// ---------------------------------------------------------------------------------------------------------------
// Distribution, trend, clusters, lineage, evidence and diligence (issue 6 items 1, 2). All aggregates run over the
// live tables, so an approval shows on the next request.
// ---------------------------------------------------------------------------------------------------------------

export type BucketCountRow = { level: string; code: string; status: string; bucket: string; n: number };

/**
 * Approved results counted per level, criterion, status and distribution bucket in one aggregate. The bucket places
 * a unit's value relative to its target: q = value ÷ threshold for ≥/> targets, threshold ÷ value for ≤/< targets.
 * Met: `exceeds` when q ≥ 1.2, else `met`. Not met: `lt50` (q < 0.5), `50to80`, `80to100`, or `unscaled` when q cannot
 * be computed (no numeric value, an = target, a zero threshold). Not applicable / awaiting data keep their status.
 * The bucket is computed once, when the evaluation is attached to the report (trigger in migration 0009).
 * Counted over the units given (the group's members among them on the date, when a group is given); `unitIds` null:
 * every approved result of the period, unfiltered (the caller checks that they are all its units').
 */
export function countCriterionBuckets(db: DbOrTx, o: { periodId: string; date: string; groupId: string | null; unitIds: string | null }): Promise<BucketCountRow[]> {
  if (o.unitIds === null) {
    return runNamed<BucketCountRow>(db, {
      sql: `select s.level, s.criterion_code as code, s.status, s.bucket, count(*)::int as n
              from report_criterion_results s where s.period_id = $1::uuid and s.approved
             group by 1, 2, 3, 4`,
      params: [o.periodId],
    });
  }
  return runNamed<BucketCountRow>(db, {
    sql: `select s.level, s.criterion_code as code, s.status, s.bucket, count(*)::int as n
            from unnest($1::uuid[]) as x(unit_id) join report_criterion_results s on s.period_id = $2::uuid and s.unit_id = x.unit_id and s.approved
           where ${inGroupOnDate('x.unit_id', '$3', '$4')}
           group by 1, 2, 3, 4`,
    params: [o.unitIds, o.periodId, o.groupId, o.date],
  });
}

export type GroupMemberRow = { group_id: string; group_name: string; group_kind: string; unit_id: string };

/** Members of every group (cluster, block) of the tenant on a date. */
export function findGroupMembersOn(db: DbOrTx, tenantId: string, date: string): Promise<GroupMemberRow[]> {
  return queryRows<GroupMemberRow>(
    db,
    sql`select g.id as group_id, g.name as group_name, g.kind as group_kind, m.unit_id
          from unit_groups g join unit_group_members m on m.group_id = g.id
         where g.tenant_id = ${tenantId} and m.valid_from <= ${date}::date and (m.valid_to is null or m.valid_to > ${date}::date)
         order by g.name`,
  );
}

/**
 * The unit and every unit that flowed into it through lineage, transitively: units merged into it (merged_into)
 * and the predecessors its `created` event names. A split does not make the source a predecessor: the source lives on.
 */
export async function findLineagePredecessors(db: DbOrTx, tenantId: string, unitId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive edges as (
          select le.unit_id as pred, r.related as succ
            from lineage_events le cross join lateral unnest(le.related_unit_ids) as r(related)
           where le.tenant_id = ${tenantId} and le.type = 'merged_into'
          union
          select r.related as pred, le.unit_id as succ
            from lineage_events le cross join lateral unnest(le.related_unit_ids) as r(related)
           where le.tenant_id = ${tenantId} and le.type = 'created'
        ), preds(id) as (
          select ${unitId}::uuid
          union
          select e.pred from edges e join preds p on e.succ = p.id
        )
        select id from preds`,
  );
  return rows.map((r) => r.id);
}

export type TrendOptions = {
  tenantId: string;
  regimeId: string;
  endDate: string;
  limit: number;
  levels: readonly string[];
  /** Roots whose subtree (as of each period's last day) is counted; null: every unit in force then. */
  roots: readonly string[] | null;
  /** Drill-down: count the roots' descendants, not the roots themselves. */
  excludeRoots: boolean;
  scopeFilter: SQL;
  groupId: string | null;
};
export type TrendPeriodRow = { period_id: string; code: string; label: string; end_date: string; due_date: string };
export type TrendCompletenessRow = { period_id: string; level: string; expected: number; submitted: number; approved: number; on_time: number };
export type TrendCriterionRow = { period_id: string; level: string; code: string; status: string; n: number };

const ids = (list: readonly string[]) =>
  sql.join(
    list.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Expected units per period of a regime (the `limit` periods ending on or before `endDate`), each period on its own
 * organisation tree: units in force on its last day, at a reporting level, under the roots on that day (recursive
 * over unit_versions), in the caller's scope and in the group on that day.
 */
function expectedPerPeriod(o: TrendOptions): SQL {
  const valid = (alias: string) => sql.raw(`${alias}.valid_from <= p.end_date and (${alias}.valid_to is null or ${alias}.valid_to > p.end_date)`);
  const tree = o.roots
    ? sql`tree(period_id, unit_id, is_root) as (
            select p.id, v.unit_id, true from periods p join unit_versions v on v.unit_id in (${ids(o.roots)}) and ${valid('v')}
            union
            select t.period_id, v.unit_id, false from tree t join periods p on p.id = t.period_id
              join unit_versions v on v.parent_id = t.unit_id and ${valid('v')}
          )`
    : sql`tree(period_id, unit_id, is_root) as (
            select p.id, v.unit_id, false from periods p join unit_versions v on v.tenant_id = ${o.tenantId} and ${valid('v')}
          )`;
  return sql`with recursive periods as (
      select id, code, label, end_date, due_date from report_periods
       where regime_id = ${o.regimeId}::uuid and end_date <= ${o.endDate}::date and status <> 'scheduled'
       order by end_date desc, code desc limit ${o.limit}
    ), ${tree}, expected as (
      select distinct t.period_id, t.unit_id, k.level, p.due_date
        from tree t join periods p on p.id = t.period_id
        join units u on u.id = t.unit_id and ${valid('u')}
        join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
       where k.level in (${sql.join(
         o.levels.map((l) => sql`${l}`),
         sql`, `,
       )})
         ${o.excludeRoots ? sql`and not t.is_root` : sql``}
         and ${o.scopeFilter}
         ${o.groupId ? sql`and exists (select 1 from unit_group_members m where m.group_id = ${o.groupId}::uuid and m.unit_id = t.unit_id and ${valid('m')})` : sql``}
    )`;
}

/** The periods of the trend, oldest first. */
export function findTrendPeriods(db: DbOrTx, regimeId: string, endDate: string, limit: number): Promise<TrendPeriodRow[]> {
  return queryRows<TrendPeriodRow>(
    db,
    sql`select * from (select id as period_id, code, label, end_date::text as end_date, due_date::text as due_date from report_periods
         where regime_id = ${regimeId}::uuid and end_date <= ${endDate}::date and status <> 'scheduled'
         order by end_date desc, code desc limit ${limit}) x order by end_date, code`,
  );
}

/** Completeness and timeliness per period and level, each period on its own tree. */
export function countTrendCompleteness(db: DbOrTx, o: TrendOptions): Promise<TrendCompletenessRow[]> {
  return queryRows<TrendCompletenessRow>(
    db,
    sql`${expectedPerPeriod(o)}
        select x.period_id, x.level, count(*)::int as expected, count(r.first_submitted_at)::int as submitted,
               count(*) filter (where r.status in ('approved', 'locked'))::int as approved,
               count(*) filter (where ((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date <= x.due_date)::int as on_time
          from expected x left join reports r on r.period_id = x.period_id and r.unit_id = x.unit_id
         group by 1, 2`,
  );
}

/** Approved results per period, level, criterion and status, each period on its own tree. */
export function countTrendCriteria(db: DbOrTx, o: TrendOptions): Promise<TrendCriterionRow[]> {
  return queryRows<TrendCriterionRow>(
    db,
    sql`${expectedPerPeriod(o)}
        select x.period_id, r.level, s.criterion_code as code, s.status, count(*)::int as n
          from expected x
          join reports r on r.period_id = x.period_id and r.unit_id = x.unit_id
          join report_criterion_results s on s.report_id = r.id and s.approved
         group by 1, 2, 3, 4`,
  );
}

export type LineageHistoryRow = HistoryRow & { unit_id: string; unit_name: string; report_id: string };

/** Approved results of the units (a unit and its predecessors) in every period of the movement, oldest first. */
export function findLineageHistory(db: DbOrTx, tenantId: string, unitIds: readonly string[], movementId: string): Promise<LineageHistoryRow[]> {
  return queryRows<LineageHistoryRow>(
    db,
    sql`select p.id as period_id, p.code as period_code, p.label as period_label, p.end_date::text as end_date,
               r.criteria_set_version_id, r.level, e.result, r.unit_id, r.id as report_id,
               coalesce((select v.name from unit_versions v where v.unit_id = r.unit_id and v.valid_from <= p.end_date
                          order by v.valid_from desc limit 1), '') as unit_name
          from reports r
          join report_periods p on p.id = r.period_id
          join report_regimes g on g.id = p.regime_id
          join criteria_evaluations e on e.id = r.evaluation_id
         where r.tenant_id = ${tenantId} and r.unit_id in (${ids(unitIds)}) and g.movement_id = ${movementId}::uuid
           and r.status in ('approved', 'locked')
         order by p.end_date, p.code, unit_name`,
  );
}

export type EvidenceLinkRow = {
  id: string;
  criterion_code: string;
  document_number: string | null;
  document_date: string | null;
  issuer: string | null;
  summary: string | null;
  file_name: string | null;
  file_sha256: string | null;
};

/** Evidence items of one report. */
export function findReportEvidence(db: DbOrTx, reportId: string): Promise<EvidenceLinkRow[]> {
  return queryRows<EvidenceLinkRow>(
    db,
    sql`select id, criterion_code, document_number, document_date::text as document_date, issuer, summary, file_name, file_sha256
          from report_evidence where report_id = ${reportId}::uuid order by criterion_code, created_at`,
  );
}

export type DiligenceRow = {
  level: string | null;
  due: number;
  on_time: number;
  submitted: number;
  returned: number;
  criteria_required: number;
  criteria_with_evidence: number;
};

/**
 * The components of a unit's diligence index over the movement's periods ending on or before `endDate` that the
 * unit had to report in (its level among the regime's reporting levels, the unit in force on the period's last day):
 * reports due (due date passed, or submitted), submitted on time, submitted, times returned, and over the submitted
 * reports the criteria applicable at the report's level and those with at least one evidence item.
 */
export async function countDiligence(db: DbOrTx, tenantId: string, unitId: string, movementId: string, endDate: string, today: string): Promise<DiligenceRow> {
  const rows = await queryRows<DiligenceRow>(
    db,
    sql`with unit as (
          select u.id, u.valid_from, u.valid_to, k.level from units u join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
           where u.tenant_id = ${tenantId} and u.id = ${unitId}::uuid
        ), periods as (
          select p.id, p.due_date from report_periods p join report_regimes g on g.id = p.regime_id cross join unit
           where g.movement_id = ${movementId}::uuid and p.tenant_id = ${tenantId} and p.end_date <= ${endDate}::date
             and p.status <> 'scheduled' and unit.level = any(g.reporting_levels)
             and unit.valid_from <= p.end_date and (unit.valid_to is null or unit.valid_to > p.end_date)
        ), rows as (
          select p.id, p.due_date, r.id as report_id, r.level, r.criteria_set_version_id, r.first_submitted_at is not null as submitted,
                 coalesce(((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date <= p.due_date, false) as on_time
            from periods p left join reports r on r.period_id = p.id and r.unit_id = ${unitId}::uuid
        ), criteria as (
          select x.report_id, c.value->>'code' as code
            from rows x join criteria_set_versions v on v.id = x.criteria_set_version_id
            cross join lateral jsonb_array_elements(v.definition->'criteria') c
           where x.submitted and c.value->'levels' @> to_jsonb(x.level)
        )
        select (select level from unit) as level,
               (select count(*) from rows where submitted or due_date < ${today}::date)::int as due,
               (select count(*) from rows where on_time)::int as on_time,
               (select count(*) from rows where submitted)::int as submitted,
               (select count(*) from report_events ev join rows x on x.report_id = ev.report_id where ev.action = 'return')::int as returned,
               (select count(*) from criteria)::int as criteria_required,
               (select count(*) from criteria c where exists (select 1 from report_evidence d where d.report_id = c.report_id and d.criterion_code = c.code))::int as criteria_with_evidence`,
  );
  return rows[0]!;
}
