import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { queryRows, runNamed, type DbOrTx, type Tx } from '../../db/client.js';
import { rankingSnapshotRows, rankingSnapshots, type SnapshotCriterion } from '../../db/schema/index.js';
import { publicTenantIdSql, type PeriodRow } from '../dashboards/dashboards.repository.js';

// Queries only (ranking snapshots and what freezing them reads).

export type SnapshotRow = typeof rankingSnapshots.$inferSelect;
export type SnapshotEntryRow = typeof rankingSnapshotRows.$inferSelect;
export type SnapshotEntryInsert = typeof rankingSnapshotRows.$inferInsert;

const periodColumns = sql`p.id as period_id, p.code as period_code, p.label as period_label, p.start_date::text as start_date,
  p.end_date::text as end_date, p.due_date::text as due_date, p.status, p.closed_at, p.locked_at, p.criteria_set_version_id,
  g.id as regime_id, g.code as regime_code, g.reporting_levels, g.root_unit_id, m.id as movement_id, m.code as movement_code, m.name as movement_name`;

/** A period with its regime and movement (null when missing or when its regime belongs to no movement). */
export type SnapshotPeriod = PeriodRow & { tenant_id: string };

export async function findSnapshotPeriod(db: DbOrTx, periodId: string, tenantId?: string): Promise<SnapshotPeriod | null> {
  const rows = await queryRows<SnapshotPeriod>(
    db,
    sql`select ${periodColumns}, p.tenant_id
          from report_periods p join report_regimes g on g.id = p.regime_id join movements m on m.id = g.movement_id
         where p.id = ${periodId}::uuid ${tenantId ? sql`and p.tenant_id = ${tenantId}` : sql``}`,
  );
  return rows[0] ?? null;
}

export type PublishedPeriodRow = PeriodRow & {
  snapshot_id: string;
  frozen_at: Date | string;
  published_at: Date | string;
  revision: number;
  criteria_version: number;
  snapshot_version_id: string;
  tenant_id: string;
  /** Set when this publication corrects an earlier one: why, and when the corrected one was published. */
  correction_reason: string | null;
  corrected_published_at: Date | string | null;
};

// The published-period select as text: the portal's hot path runs it as a named prepared statement (decision 0015).
const publishedPeriodSelect = `select p.id as period_id, p.code as period_code, p.label as period_label, p.start_date::text as start_date,
    p.end_date::text as end_date, p.due_date::text as due_date, p.status, p.closed_at, p.locked_at, p.criteria_set_version_id,
    g.id as regime_id, g.code as regime_code, g.reporting_levels, g.root_unit_id, m.id as movement_id, m.code as movement_code,
    m.name as movement_name, s.tenant_id, s.id as snapshot_id, s.frozen_at, s.published_at, s.revision, v.version as criteria_version,
    s.criteria_set_version_id as snapshot_version_id, s.correction_reason,
    (select o.published_at from ranking_snapshots o where o.id = s.supersedes_id) as corrected_published_at
  from ranking_snapshots s
  join report_periods p on p.id = s.period_id
  join report_regimes g on g.id = p.regime_id
  join movements m on m.id = s.movement_id
  join criteria_set_versions v on v.id = s.criteria_set_version_id`;

/** Periods with a published ranking snapshot, newest first (per movement). */
export function findPublishedSnapshotPeriods(db: DbOrTx, tenantId: string): Promise<PublishedPeriodRow[]> {
  return runNamed<PublishedPeriodRow>(db, {
    sql: `${publishedPeriodSelect} where s.tenant_id = $1 and s.status = 'published' order by m.code, p.end_date desc, g.code, p.code`,
    params: [tenantId],
  });
}

/**
 * One period of a movement with its published snapshot, in the deployment's public tenant (the first one), or null:
 * what every public ranking, map and dataset request reads first, in one round trip.
 */
export async function findPublishedSnapshotPeriod(db: DbOrTx, movementId: string, periodId: string): Promise<PublishedPeriodRow | null> {
  const rows = await runNamed<PublishedPeriodRow>(db, {
    sql: `${publishedPeriodSelect}
           where s.tenant_id = (${publicTenantIdSql})
             and s.status = 'published' and s.period_id = $1::uuid and s.movement_id = $2::uuid`,
    params: [periodId, movementId],
  });
  return rows[0] ?? null;
}

/**
 * The period's current snapshot, locked: the latest revision not superseded — a correction draft (frozen) while one
 * is pending, else the published one, else the first freeze.
 */
export function lockSnapshotOfPeriod(tx: Tx, periodId: string): Promise<SnapshotRow | null> {
  return tx
    .select()
    .from(rankingSnapshots)
    .where(and(eq(rankingSnapshots.periodId, periodId), ne(rankingSnapshots.status, 'superseded')))
    .orderBy(desc(rankingSnapshots.revision))
    .limit(1)
    .for('update')
    .then((r) => r[0] ?? null);
}

/** The period's current snapshot (as `lockSnapshotOfPeriod`, unlocked). */
export function findSnapshotOfPeriod(db: DbOrTx, tenantId: string, periodId: string): Promise<SnapshotRow | null> {
  return db
    .select()
    .from(rankingSnapshots)
    .where(and(eq(rankingSnapshots.tenantId, tenantId), eq(rankingSnapshots.periodId, periodId), ne(rankingSnapshots.status, 'superseded')))
    .orderBy(desc(rankingSnapshots.revision))
    .limit(1)
    .then((r) => r[0] ?? null);
}

/** Every snapshot of the period (publications, corrections, a pending draft), oldest first. */
export function findSnapshotHistory(db: DbOrTx, tenantId: string, periodId: string): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(rankingSnapshots)
    .where(and(eq(rankingSnapshots.tenantId, tenantId), eq(rankingSnapshots.periodId, periodId)))
    .orderBy(asc(rankingSnapshots.revision));
}

/** Rows of one scope (or all scopes), in display order. */
export function findSnapshotEntries(db: DbOrTx, snapshotId: string, scopeKey?: string): Promise<SnapshotEntryRow[]> {
  return db
    .select()
    .from(rankingSnapshotRows)
    .where(and(eq(rankingSnapshotRows.snapshotId, snapshotId), scopeKey ? eq(rankingSnapshotRows.scopeKey, scopeKey) : undefined))
    .orderBy(asc(rankingSnapshotRows.scopeKind), asc(rankingSnapshotRows.groupName), asc(rankingSnapshotRows.level), asc(rankingSnapshotRows.position));
}

export type SnapshotScopeRow = { scope_key: string; scope_kind: string; level: string; group_id: string | null; group_name: string | null; n: number };

export function findSnapshotScopes(db: DbOrTx, snapshotId: string): Promise<SnapshotScopeRow[]> {
  return queryRows<SnapshotScopeRow>(
    db,
    sql`select scope_key, scope_kind, level, group_id, group_name, count(*)::int as n
          from ranking_snapshot_rows where snapshot_id = ${snapshotId}::uuid
         group by 1, 2, 3, 4, 5 order by scope_kind desc, group_name nulls first, level`,
  );
}

export async function insertSnapshotEntries(tx: Tx, rows: SnapshotEntryInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await tx.insert(rankingSnapshotRows).values(rows.slice(i, i + 500));
}

export async function deleteSnapshotEntries(tx: Tx, snapshotId: string): Promise<void> {
  await tx.delete(rankingSnapshotRows).where(eq(rankingSnapshotRows.snapshotId, snapshotId));
}

/** Each approved result's criteria (code, status, value) of a period, by unit. */
export async function findApprovedCriteria(db: DbOrTx, periodId: string): Promise<Map<string, SnapshotCriterion[]>> {
  const rows = await queryRows<{ unit_id: string; criteria: { code: string; status: string; value: string | null; displayValue: string | null }[] | null }>(
    db,
    sql`select r.unit_id, e.result->'criteria' as criteria
          from reports r join criteria_evaluations e on e.id = r.evaluation_id
         where r.period_id = ${periodId}::uuid and r.status in ('approved', 'locked')`,
  );
  return new Map(
    rows.map((r) => [r.unit_id, (r.criteria ?? []).map((c) => ({ code: c.code, status: c.status, value: c.value ?? null, displayValue: c.displayValue ?? null }))] as const),
  );
}

export type GroupOnDate = { id: string; name: string; kind: string; unit_ids: string[] };

/** Clusters and blocks in force on a date, with their members that day. */
export async function findGroupsOn(db: DbOrTx, tenantId: string, date: string): Promise<GroupOnDate[]> {
  const rows = await queryRows<{ id: string; name: string; kind: string; unit_id: string | null }>(
    db,
    sql`select g.id, g.name, g.kind, m.unit_id
          from unit_groups g
          left join unit_group_members m on m.group_id = g.id and m.valid_from <= ${date}::date and (m.valid_to is null or m.valid_to > ${date}::date)
         where g.tenant_id = ${tenantId} and g.valid_from <= ${date}::date and (g.valid_to is null or g.valid_to > ${date}::date)
         order by g.name, g.id`,
  );
  const byId = new Map<string, GroupOnDate>();
  for (const r of rows) {
    const g = byId.get(r.id) ?? { id: r.id, name: r.name, kind: r.kind, unit_ids: [] };
    if (r.unit_id) g.unit_ids.push(r.unit_id);
    byId.set(r.id, g);
  }
  return [...byId.values()];
}

/**
 * Closed or locked periods (of regimes with a movement) with no snapshot, or locked ones never published (a period
 * whose ranking was published and is being corrected waits for the standing agency to publish the correction).
 */
export function findPeriodsBehindSnapshotSchedule(db: DbOrTx, tenantId: string): Promise<{ id: string; status: string }[]> {
  return queryRows<{ id: string; status: string }>(
    db,
    sql`select p.id, p.status
          from report_periods p join report_regimes g on g.id = p.regime_id
         where p.tenant_id = ${tenantId} and g.movement_id is not null
           and (p.status in ('closed', 'locked') and not exists (select 1 from ranking_snapshots s where s.period_id = p.id)
                or p.status = 'locked' and not exists (select 1 from ranking_snapshots s where s.period_id = p.id and s.status in ('published', 'superseded')))
         order by p.end_date`,
  );
}

export function findTenantIds(db: DbOrTx): Promise<{ id: string }[]> {
  return queryRows<{ id: string }>(db, sql`select id from tenants order by created_at, id`);
}
