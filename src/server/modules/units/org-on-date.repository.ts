import { sql, type SQL } from 'drizzle-orm';
import type { OrgUnit } from '../../../core/org/tree.js';
import { queryRows, type DbOrTx } from '../../db/client.js';

/**
 * Queries behind the organisation on a date (`org-on-date.ts`, which holds the rules and the cache). Queries only;
 * the rest of the units area's queries are in units.repository.ts.
 */

/** [valid_from, valid_to) of the row `alias` contains the date. The alias is a fixed string, never input. */
const validOn = (alias: string, date: SQL) => sql`(${sql.raw(alias)}.valid_from <= ${date} and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to > ${date}))`;
const dateParam = (value: string) => sql`${value}::date`;
const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * ORDER BY of a unit's versions (alias) putting first the one whose name it bore on the date, by the one rule of
 * `core/org/names.ts`: in force, else the latest started before the date, else the earliest.
 */
function versionOrderOn(alias: string, date: SQL): SQL {
  const a = sql.raw(alias);
  return sql`${validOn(alias, date)} desc, (${a}.valid_from <= ${date}) desc, abs(${a}.valid_from - ${date}) asc`;
}

/**
 * The name of a unit on a date as a scalar subquery, for queries that read names beside other rows in one round trip
 * (decision 0015). `unitId` and `date` are SQL expressions (columns or parameters); same rule as `findUnitNames`.
 */
export function unitNameOnSql(unitId: SQL, date: SQL): SQL {
  return sql`(select v.name from unit_versions v where v.unit_id = ${unitId} order by ${versionOrderOn('v', date)} limit 1)`;
}

/** The organisation tree counter, moved on by triggers on units, unit_versions and unit_kinds (decision 0015). */
export async function findOrgTreeVersion(db: DbOrTx): Promise<string> {
  const [counter] = await queryRows<{ version: string }>(db, sql`select version::text as version from org_tree_version where id = 1`);
  return counter?.version ?? 'none';
}

/** A unit in force on a date with its version's name and parent and its kind's level (null when none is listed). */
export type UnitOnRow = Pick<OrgUnit, 'id' | 'code' | 'name' | 'kind_code' | 'parent_id' | 'is_demo'> & { level: string | null };

/** The unit and one of its versions in force on the date (null otherwise). */
export async function findUnitOnRow(db: DbOrTx, tenantId: string, unitId: string, date: string): Promise<UnitOnRow | null> {
  const d = dateParam(date);
  const rows = await queryRows<UnitOnRow>(
    db,
    sql`select u.id, u.code, v.name, u.kind_code, k.level, v.parent_id, u.is_demo
          from units u
          join unit_versions v on v.unit_id = u.id and v.tenant_id = u.tenant_id and ${validOn('v', d)}
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId} and u.id = ${unitId}::uuid and ${validOn('u', d)}
         limit 1`,
  );
  return rows[0] ?? null;
}

export type UnitNamedRow = UnitOnRow & { valid_from: string; valid_to: string | null };

/** Units of the tenant by id, whether in force on the date or not, each with the version whose name it bore then. */
export function findUnitNamedRows(db: DbOrTx, tenantId: string, ids: readonly string[], date: string): Promise<UnitNamedRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const d = dateParam(date);
  return queryRows<UnitNamedRow>(
    db,
    sql`select u.id, u.code, v.name, u.kind_code, k.level, v.parent_id, u.is_demo,
               u.valid_from::text as valid_from, u.valid_to::text as valid_to
          from units u
          join lateral (select x.name, x.parent_id from unit_versions x
                         where x.unit_id = u.id and x.tenant_id = u.tenant_id
                         order by ${versionOrderOn('x', d)}
                         limit 1) v on true
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId} and u.id in (${uuidList([...new Set(ids)])})`,
  );
}

/** Ids of the units below the root on the date (the root excluded), following the parents in force then. */
export async function findSubtreeIdRows(db: DbOrTx, tenantId: string, rootId: string, date: string): Promise<string[]> {
  const d = dateParam(date);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive sub(id, depth) as (
          select v.unit_id, 1 from unit_versions v
           where v.tenant_id = ${tenantId} and v.parent_id = ${rootId}::uuid and ${validOn('v', d)}
          union all
          select v.unit_id, s.depth + 1 from unit_versions v join sub s on v.parent_id = s.id
           where v.tenant_id = ${tenantId} and ${validOn('v', d)} and s.depth < 30
        )
        select s.id from sub s join units u on u.id = s.id where ${validOn('u', d)}`,
  );
  return rows.map((r) => r.id);
}

/** The unit the given one merged into (its latest merged_into event's first target), if any. */
export async function findMergeTarget(db: DbOrTx, tenantId: string, unitId: string): Promise<string | null> {
  const rows = await queryRows<{ related: string }>(
    db,
    sql`select r.related from lineage_events le cross join lateral unnest(le.related_unit_ids) as r(related)
         where le.tenant_id = ${tenantId} and le.unit_id = ${unitId}::uuid and le.type = 'merged_into'
         order by le.effective_date desc limit 1`,
  );
  return rows[0]?.related ?? null;
}
