import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { criteriaSets, criteriaSetVersions, movementMilestones, movements } from '../../db/schema/index.js';

/**
 * Queries about units, movements and agencies shared by the obligation areas (launches, registrations, pilot units,
 * difficulties, the inbox and the scheduler). Queries only; the rules live in the services.
 */

const validOn = (alias: string, date: SQL) => sql`(${sql.raw(alias)}.valid_from <= ${date} and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to > ${date}))`;
const d = (value: string) => sql`${value}::date`;
const uuidList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

export type UnitOnRow = {
  id: string;
  code: string | null;
  name: string;
  kind_code: string;
  level: UnitLevel;
  parent_id: string | null;
  is_demo: boolean;
};

const unitColumns = sql`u.id, u.code, v.name, u.kind_code, coalesce(k.level, 'other') as level, v.parent_id, u.is_demo`;

/** The unit as it stood on the date (name, parent, criteria level of its kind); null when not in force then. */
export async function findUnitOn(db: DbOrTx, tenantId: string, unitId: string, date: string): Promise<UnitOnRow | null> {
  const rows = await queryRows<UnitOnRow>(
    db,
    sql`select ${unitColumns}
          from units u
          join unit_versions v on v.unit_id = u.id and v.tenant_id = u.tenant_id and ${validOn('v', d(date))}
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId} and u.id = ${unitId}::uuid and ${validOn('u', d(date))}
         limit 1`,
  );
  return rows[0] ?? null;
}

export type UnitNamedRow = UnitOnRow & { valid_from: string; valid_to: string | null };

/**
 * Units by id, each named by its version on the date when in force then, else its latest version (for lists of
 * historic records). Units of other tenants are not returned.
 */
export function findUnitsNamed(db: DbOrTx, tenantId: string, ids: readonly string[], date: string): Promise<UnitNamedRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<UnitNamedRow>(
    db,
    sql`select u.id, u.code, v.name, u.kind_code, coalesce(k.level, 'other') as level, v.parent_id, u.is_demo,
               u.valid_from::text as valid_from, u.valid_to::text as valid_to
          from units u
          join lateral (select x.name, x.parent_id from unit_versions x
                         where x.unit_id = u.id and x.tenant_id = u.tenant_id
                         order by ${validOn('x', d(date))} desc, (x.valid_from <= ${d(date)}) desc, x.valid_from desc
                         limit 1) v on true
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId} and u.id in (${uuidList([...new Set(ids)])})`,
  );
}

/** Every unit in force on the date with its parent and level (one query; the caller builds maps). */
export function findTreeOn(db: DbOrTx, tenantId: string, date: string): Promise<UnitOnRow[]> {
  return queryRows<UnitOnRow>(
    db,
    sql`select ${unitColumns}
          from units u
          join unit_versions v on v.unit_id = u.id and v.tenant_id = u.tenant_id and ${validOn('v', d(date))}
          left join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code
         where u.tenant_id = ${tenantId} and ${validOn('u', d(date))}`,
  );
}

/** Ids of the units below the root on the date (the root excluded), following the parents in force then. */
export async function findSubtreeIdsOn(db: DbOrTx, tenantId: string, rootId: string, date: string): Promise<Set<string>> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive sub(id, depth) as (
          select v.unit_id, 1 from unit_versions v
           where v.tenant_id = ${tenantId} and v.parent_id = ${rootId}::uuid and ${validOn('v', d(date))}
          union all
          select v.unit_id, s.depth + 1 from unit_versions v join sub s on v.parent_id = s.id
           where v.tenant_id = ${tenantId} and ${validOn('v', d(date))} and s.depth < 30
        )
        select s.id from sub s join units u on u.id = s.id where ${validOn('u', d(date))}`,
  );
  return new Set(rows.map((r) => r.id));
}

export type MovementRow = typeof movements.$inferSelect;
export type MilestoneRow = typeof movementMilestones.$inferSelect;

export function findMovementRow(db: DbOrTx, tenantId: string, movementId: string): Promise<MovementRow | null> {
  return db
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.id, movementId)))
    .then((r) => r[0] ?? null);
}

export function findActiveMovements(db: DbOrTx): Promise<MovementRow[]> {
  return db.select().from(movements).where(eq(movements.status, 'active')).orderBy(asc(movements.createdAt));
}

/** Milestones of the movement with these obligations, by deadline. */
export function findObligationMilestones(db: DbOrTx, movementId: string, obligations: readonly string[]): Promise<MilestoneRow[]> {
  return db
    .select()
    .from(movementMilestones)
    .where(and(eq(movementMilestones.movementId, movementId), inArray(movementMilestones.obligation, [...obligations])))
    .orderBy(asc(movementMilestones.deadline), asc(movementMilestones.sortOrder));
}

/**
 * The unit holding the movement's role (standing_agency, council…) on the date. When the unit named by the
 * assignment has since merged away (Sở TT&TT into Sở KH&CN, then the July 2025 merger), its successor in force on
 * the date is returned by following `merged_into` events. Null when the role has no linked unit.
 */
export async function findAgencyUnitId(db: DbOrTx, tenantId: string, movementId: string, role: string, date: string): Promise<string | null> {
  const rows = await queryRows<{ unit_id: string | null }>(
    db,
    sql`select a.unit_id from movement_agencies a
         where a.tenant_id = ${tenantId} and a.movement_id = ${movementId}::uuid and a.role = ${role}
           and a.valid_from <= ${d(date)} and (a.valid_to is null or a.valid_to > ${d(date)})
         order by a.valid_from desc limit 1`,
  );
  let unitId = rows[0]?.unit_id ?? null;
  for (let hop = 0; unitId !== null && hop < 6; hop += 1) {
    if (await findUnitOn(db, tenantId, unitId, date)) return unitId;
    const next = await queryRows<{ related: string }>(
      db,
      sql`select r.related from lineage_events le cross join lateral unnest(le.related_unit_ids) as r(related)
           where le.tenant_id = ${tenantId} and le.unit_id = ${unitId}::uuid and le.type = 'merged_into'
           order by le.effective_date desc limit 1`,
    );
    unitId = next[0]?.related ?? null;
  }
  return null;
}

export type CriteriaVersionRow = typeof criteriaSetVersions.$inferSelect;

/** The frozen criteria version of the movement in force on the date (latest effective), else the latest frozen. */
export async function findCriteriaVersionOn(db: DbOrTx, tenantId: string, movementId: string, date: string): Promise<CriteriaVersionRow | null> {
  const rows = await db
    .select({ version: criteriaSetVersions })
    .from(criteriaSetVersions)
    .innerJoin(criteriaSets, eq(criteriaSets.id, criteriaSetVersions.criteriaSetId))
    .where(and(eq(criteriaSets.tenantId, tenantId), eq(criteriaSets.movementId, movementId), eq(criteriaSetVersions.status, 'frozen')))
    .orderBy(desc(criteriaSetVersions.effectiveFrom), desc(criteriaSetVersions.version));
  const versions = rows.map((r) => r.version);
  return versions.find((v) => v.effectiveFrom <= date) ?? versions[0] ?? null;
}

/** Members of a group (cluster/block) on the date, with the lead flag. */
export function findGroupMembersOn(db: DbOrTx, tenantId: string, groupId: string, date: string) {
  return queryRows<{ unit_id: string; is_lead: boolean }>(
    db,
    sql`select m.unit_id, m.is_lead from unit_group_members m
         where m.tenant_id = ${tenantId} and m.group_id = ${groupId}::uuid and ${validOn('m', d(date))}`,
  );
}

export function findGroupOn(db: DbOrTx, tenantId: string, groupId: string, date: string) {
  return queryRows<{ id: string; code: string; name: string; kind: string }>(
    db,
    sql`select g.id, g.code, g.name, g.kind from unit_groups g
         where g.tenant_id = ${tenantId} and g.id = ${groupId}::uuid and ${validOn('g', d(date))}`,
  ).then((r) => r[0] ?? null);
}
