import { sql } from 'drizzle-orm';
import { queryRows, runNamed, type DbOrTx } from '../../db/client.js';
import type { SnapshotCriterion } from '../../db/schema/index.js';

// Queries only: pages of a published ranking snapshot and one unit's row. Every query goes through the index
// (snapshot_id, scope_key, position) or the unique one (snapshot_id, scope_key, unit_id); only a name filter reads the
// whole scope.

/** A ranked unit without its criteria (the public list). */
export type PublicRankingRow = {
  position: number;
  rank: number;
  unit_id: string;
  unit_code: string | null;
  unit_name: string;
  total_points: string;
  share_met: string | null;
  classification: string | null;
  tie_explanation: string | null;
  previous_rank: number | null;
  movement: number | null;
  group_name: string | null;
};

const rowColumns = 'position, rank, unit_id, unit_code, unit_name, total_points, share_met, classification, tie_explanation, previous_rank, movement, group_name';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * SQL text: the row matches the name filter (parameter `p`, a LIKE pattern, or null for every row). unaccent maps
 * đ/Đ to d as foldVietnamese does, so "dong thu" finds "Xã Đông Thử"; the code matches too.
 */
const matches = (p: string) => `(${p}::text is null or lower(unaccent(unit_name)) like ${p} or coalesce(unit_code, '') like ${p})`;
const likePattern = (folded: string | null) => (folded ? `%${escapeLike(folded)}%` : null);

export type RankingPageFilter = { limit: number; offset: number; /** Already accent-folded (foldVietnamese). */ folded: string | null };

// The public ranking's statements are text run as named prepared statements (the portal's hot path, decision 0015).

/**
 * One page of a scope in display order (LIMIT/OFFSET on the position index), the number of rows matching the filter
 * and the number of rows in the whole scope (for the last tie group's size).
 */
export async function findRankingPage(
  db: DbOrTx,
  snapshotId: string,
  scopeKey: string,
  filter: RankingPageFilter,
): Promise<{ rows: PublicRankingRow[]; total: number; scopeTotal: number }> {
  const pattern = likePattern(filter.folded);
  const [rows, [counts]] = await Promise.all([
    runNamed<PublicRankingRow>(db, {
      sql: `select ${rowColumns} from ranking_snapshot_rows
             where snapshot_id = $1::uuid and scope_key = $2 and ${matches('$3')}
             order by position limit $4 offset $5`,
      params: [snapshotId, scopeKey, pattern, filter.limit, filter.offset],
    }),
    runNamed<{ total: number; scope_total: number }>(db, {
      sql: `select count(*) filter (where ${matches('$3')})::int as total, count(*)::int as scope_total
              from ranking_snapshot_rows where snapshot_id = $1::uuid and scope_key = $2`,
      params: [snapshotId, scopeKey, pattern],
    }),
  ]);
  return { rows, total: counts?.total ?? 0, scopeTotal: counts?.scope_total ?? 0 };
}

/**
 * For each rank, the next greater rank of the scope (null after the last group). Ranks are standard competition
 * ranks stored in position order, so the group of rank R starts at position R − 1 and holds (next rank − R) units:
 * each lookup walks the position index from the group's start to its end, never the whole scope.
 */
export async function findNextRanks(db: DbOrTx, snapshotId: string, scopeKey: string, ranks: readonly number[]): Promise<Map<number, number | null>> {
  if (ranks.length === 0) return new Map();
  const rows = await runNamed<{ rank: number; next_rank: number | null }>(db, {
    sql: `select r.rank, (select n.rank from ranking_snapshot_rows n
                           where n.snapshot_id = $1::uuid and n.scope_key = $2 and n.position >= r.rank - 1 and n.rank > r.rank
                           order by n.position limit 1) as next_rank
            from unnest($3::int[]) as r(rank)`,
    params: [snapshotId, scopeKey, `{${ranks.join(',')}}`],
  });
  return new Map(rows.map((r) => [r.rank, r.next_rank] as const));
}

/** Names at these positions of a scope, in position order (the members of small tie groups that cross the page). */
export function findNamesAtPositions(
  db: DbOrTx,
  snapshotId: string,
  scopeKey: string,
  positions: readonly number[],
): Promise<{ position: number; rank: number; unit_name: string }[]> {
  if (positions.length === 0) return Promise.resolve([]);
  return runNamed<{ position: number; rank: number; unit_name: string }>(db, {
    sql: `select position, rank, unit_name from ranking_snapshot_rows
           where snapshot_id = $1::uuid and scope_key = $2 and position = any($3::int[])
           order by position`,
    params: [snapshotId, scopeKey, `{${positions.join(',')}}`],
  });
}

/** One unit's row of a scope, with its criteria (unique index on snapshot, scope, unit). */
export async function findRankingUnitRow(db: DbOrTx, snapshotId: string, scopeKey: string, unitId: string): Promise<(PublicRankingRow & { criteria: SnapshotCriterion[] }) | null> {
  const rows = await queryRows<PublicRankingRow & { criteria: SnapshotCriterion[] }>(
    db,
    sql`select ${sql.raw(rowColumns)}, criteria from ranking_snapshot_rows
         where snapshot_id = ${snapshotId}::uuid and scope_key = ${scopeKey} and unit_id = ${unitId}::uuid`,
  );
  return rows[0] ?? null;
}

/** Rows in a scope (the unit view's denominator). */
export async function countScopeRows(db: DbOrTx, snapshotId: string, scopeKey: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ranking_snapshot_rows where snapshot_id = ${snapshotId}::uuid and scope_key = ${scopeKey}`);
  return row?.n ?? 0;
}

/** Code and title of each criterion of a criteria version, in definition order. */
export function findCriterionTitles(db: DbOrTx, versionId: string): Promise<{ code: string; title: string }[]> {
  return queryRows<{ code: string; title: string }>(
    db,
    sql`select c->>'code' as code, c->>'title' as title
          from criteria_set_versions v, jsonb_array_elements(v.definition->'criteria') c
         where v.id = ${versionId}::uuid`,
  );
}
