import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { OrgUnit } from '../../../core/org/tree.js';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import { auditLog, lineageEvents, unitKinds, units, unitVersions } from '../../db/schema/index.js';

export type UnitRow = typeof units.$inferSelect;
export type VersionRow = typeof unitVersions.$inferSelect;
export type EventRow = typeof lineageEvents.$inferSelect;

/** [from, to) contains the date (to null = open-ended). Column names are fixed strings, never input. */
const validOn = (from: string, to: string, date: SQL) => sql`(${sql.raw(from)} <= ${date} and (${sql.raw(to)} is null or ${sql.raw(to)} > ${date}))`;
const dateParam = (value: string) => sql`${value}::date`;

export function findUnitKinds(db: DbOrTx, tenantId: string) {
  return db.select().from(unitKinds).where(eq(unitKinds.tenantId, tenantId)).orderBy(asc(unitKinds.sortOrder), asc(unitKinds.code));
}

export function findUnitKind(db: DbOrTx, tenantId: string, code: string) {
  return db
    .select()
    .from(unitKinds)
    .where(and(eq(unitKinds.tenantId, tenantId), eq(unitKinds.code, code)))
    .then((r) => r[0] ?? null);
}

/** A unit in force on a date as read for the tree: the tree's unit (core/org) before its kind's level is added. */
export type TreeRow = Omit<OrgUnit, 'level'>;

/** Every unit with a version in force on the date, with that version's name and parent: one query. */
export function findTreeRows(db: DbOrTx, tenantId: string, asOf: string) {
  const d = dateParam(asOf);
  return queryRows<TreeRow>(
    db,
    sql`select u.id, u.code, v.name, v.short_name, u.kind_code, u.admin_type, v.parent_id, u.is_demo
          from units u
          join unit_versions v on v.unit_id = u.id and v.tenant_id = u.tenant_id
         where u.tenant_id = ${tenantId}
           and ${validOn('u.valid_from', 'u.valid_to', d)}
           and ${validOn('v.valid_from', 'v.valid_to', d)}`,
  );
}

export type SearchRow = {
  id: string;
  code: string | null;
  kind_code: string;
  admin_type: string | null;
  valid_from: string;
  valid_to: string | null;
  is_demo: boolean;
  name: string;
  short_name: string | null;
  parent_id: string | null;
  parent_name: string | null;
};

export type SearchFilter = {
  /** Folded text (foldVietnamese), matched anywhere in search_text; null for no text filter. */
  folded: string | null;
  /** Raw text compared with the official code. */
  code: string | null;
  asOf: string;
  kind: string | null;
  includeClosed: boolean;
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Units matching the filter, each with the version shown for asOf (in force, else the latest before) and its
 * parent's name on the same reference day. One query; the LIKE on search_text is served by the trigram index.
 */
export function findSearchRows(db: DbOrTx, tenantId: string, filter: SearchFilter) {
  const d = dateParam(filter.asOf);
  const conditions: SQL[] = [sql`u.tenant_id = ${tenantId}`, sql`u.valid_from <= ${d}`];
  if (!filter.includeClosed) conditions.push(sql`(u.valid_to is null or u.valid_to > ${d})`);
  if (filter.kind !== null) conditions.push(sql`u.kind_code = ${filter.kind}`);
  if (filter.folded !== null || filter.code !== null) {
    const text = filter.folded !== null ? sql`u.search_text like ${`%${escapeLike(filter.folded)}%`}` : sql`false`;
    const code = filter.code !== null ? sql`u.code = ${filter.code}` : sql`false`;
    conditions.push(sql`(${text} or ${code})`);
  }
  return queryRows<SearchRow>(
    db,
    sql`select u.id, u.code, u.kind_code, u.admin_type, u.valid_from::text as valid_from, u.valid_to::text as valid_to, u.is_demo,
               v.name, v.short_name, v.parent_id, pv.name as parent_name
          from units u
          join lateral (
                select x.name, x.short_name, x.parent_id, x.valid_from, x.valid_to,
                       case when ${validOn('x.valid_from', 'x.valid_to', d)} then ${d}
                            when x.valid_to is not null and x.valid_to <= ${d} then x.valid_to - 1
                            else x.valid_from end as ref_date
                  from unit_versions x
                 where x.unit_id = u.id and x.tenant_id = u.tenant_id
                 order by ${validOn('x.valid_from', 'x.valid_to', d)} desc, (x.valid_from <= ${d}) desc, x.valid_from desc
                 limit 1) v on true
          left join lateral (
                select p.name
                  from unit_versions p
                 where p.unit_id = v.parent_id and p.tenant_id = u.tenant_id
                 order by ${validOn('p.valid_from', 'p.valid_to', sql`v.ref_date`)} desc, (p.valid_from <= v.ref_date) desc, p.valid_from desc
                 limit 1) pv on true
         where ${sql.join(conditions, sql` and `)}`,
  );
}

export function findUnit(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)))
    .then((r) => r[0] ?? null);
}

/** The unit row, locked until the transaction ends (serialises writes to one unit). */
export function lockUnit(tx: Tx, tenantId: string, id: string) {
  return tx
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function findUnitsByIds(db: DbOrTx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as UnitRow[]);
  return db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, tenantId), inArray(units.id, [...ids])));
}

export function findVersions(db: DbOrTx, tenantId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([] as VersionRow[]);
  return db
    .select()
    .from(unitVersions)
    .where(and(eq(unitVersions.tenantId, tenantId), inArray(unitVersions.unitId, [...unitIds])))
    .orderBy(asc(unitVersions.validFrom));
}

export type AncestorRow = { seed: number; depth: number; id: string; name: string; kind_code: string };

/**
 * Ancestors of several (unit, date) pairs in one recursive query: the parent of the version in force on the date,
 * its parent on the same date, and so on. Each ancestor is named by its version on that date (else its latest).
 */
export function findAncestorRows(db: DbOrTx, tenantId: string, seeds: readonly { unitId: string; date: string }[]) {
  if (seeds.length === 0) return Promise.resolve([] as AncestorRow[]);
  const values = sql.join(
    seeds.map((s, i) => sql`(${i}::int, ${s.unitId}::uuid, ${s.date}::date)`),
    sql`, `,
  );
  return queryRows<AncestorRow>(
    db,
    sql`with recursive seeds(seed, unit_id, ref_date) as (values ${values}),
        chain(seed, ref_date, id, depth) as (
          select s.seed, s.ref_date, v.parent_id, 1
            from seeds s
            join unit_versions v on v.unit_id = s.unit_id and v.tenant_id = ${tenantId}
                                and ${validOn('v.valid_from', 'v.valid_to', sql`s.ref_date`)}
           where v.parent_id is not null
          union all
          select c.seed, c.ref_date, v.parent_id, c.depth + 1
            from chain c
            join unit_versions v on v.unit_id = c.id and v.tenant_id = ${tenantId}
                                and ${validOn('v.valid_from', 'v.valid_to', sql`c.ref_date`)}
           where v.parent_id is not null and c.depth < 30
        )
        select c.seed, c.depth, c.id, n.name, u.kind_code
          from chain c
          join units u on u.id = c.id and u.tenant_id = ${tenantId}
          join lateral (
                select p.name from unit_versions p
                 where p.unit_id = c.id
                 order by ${validOn('p.valid_from', 'p.valid_to', sql`c.ref_date`)} desc, (p.valid_from <= c.ref_date) desc, p.valid_from desc
                 limit 1) n on true
         order by c.seed, c.depth desc`,
  );
}

export type ChildRow = { id: string; code: string | null; name: string; kind_code: string; valid_to: string | null };

/** Units whose version in force on the date has this parent. */
export function findChildRows(db: DbOrTx, tenantId: string, parentId: string, asOf: string) {
  const d = dateParam(asOf);
  return queryRows<ChildRow>(
    db,
    sql`select u.id, u.code, v.name, u.kind_code, v.valid_to::text as valid_to
          from unit_versions v
          join units u on u.id = v.unit_id and u.tenant_id = v.tenant_id
         where v.tenant_id = ${tenantId} and v.parent_id = ${parentId}::uuid
           and ${validOn('v.valid_from', 'v.valid_to', d)}
           and ${validOn('u.valid_from', 'u.valid_to', d)}`,
  );
}

/** Units still placed under the parent on or after the date (their version there does not end by then). */
export function findChildrenOpenAfter(db: DbOrTx, tenantId: string, parentId: string, date: string) {
  return db
    .select({ id: units.id, code: units.code, name: unitVersions.name })
    .from(unitVersions)
    .innerJoin(units, eq(units.id, unitVersions.unitId))
    .where(and(eq(unitVersions.tenantId, tenantId), eq(unitVersions.parentId, parentId), or(isNull(unitVersions.validTo), gt(unitVersions.validTo, date))))
    .orderBy(asc(units.code), asc(unitVersions.name));
}

/** Lineage events on the unit and events of other units that name it. */
export function findLineageAround(db: DbOrTx, tenantId: string, unitId: string) {
  return db
    .select()
    .from(lineageEvents)
    .where(and(eq(lineageEvents.tenantId, tenantId), or(eq(lineageEvents.unitId, unitId), sql`${lineageEvents.relatedUnitIds} @> array[${unitId}::uuid]`)))
    .orderBy(asc(lineageEvents.effectiveDate), asc(lineageEvents.createdAt));
}

export function findUnitEvents(db: DbOrTx, tenantId: string, unitId: string) {
  return db
    .select()
    .from(lineageEvents)
    .where(and(eq(lineageEvents.tenantId, tenantId), eq(lineageEvents.unitId, unitId)))
    .orderBy(asc(lineageEvents.effectiveDate), asc(lineageEvents.createdAt));
}

/** Other units holding the code at some time in [validFrom, validTo). */
export function findCodeHolders(db: DbOrTx, tenantId: string, code: string, validFrom: string, validTo: string | null, exceptId: string | null) {
  const conditions = [
    eq(units.tenantId, tenantId),
    eq(units.code, code),
    or(isNull(units.validTo), gt(units.validTo, validFrom)),
    ...(validTo === null ? [] : [sql`${units.validFrom} < ${validTo}::date`]),
    ...(exceptId === null ? [] : [ne(units.id, exceptId)]),
  ];
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(...conditions));
}

/** Serialises writers of one official code (check-then-insert) until the transaction ends. */
export async function lockCode(tx: Tx, tenantId: string, code: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727010, hashtext(${`${tenantId}:${code}`}))`);
}

export async function insertUnit(tx: Tx, row: typeof units.$inferInsert): Promise<void> {
  await tx.insert(units).values(row);
}

export async function insertVersion(tx: Tx, row: typeof unitVersions.$inferInsert): Promise<void> {
  await tx.insert(unitVersions).values(row);
}

export function insertEvent(tx: Tx, row: typeof lineageEvents.$inferInsert) {
  return tx
    .insert(lineageEvents)
    .values(row)
    .returning()
    .then((r) => r[0]!);
}

/** Writes the changes and bumps row_version, only if the row still has the expected version. */
export function updateUnitRow(tx: Tx, tenantId: string, id: string, expectedRowVersion: number, changes: Partial<typeof units.$inferInsert>) {
  return tx
    .update(units)
    .set({ ...changes, rowVersion: expectedRowVersion + 1, updatedAt: new Date() })
    .where(and(eq(units.tenantId, tenantId), eq(units.id, id), eq(units.rowVersion, expectedRowVersion)))
    .returning()
    .then((r) => r[0] ?? null);
}

export async function closeVersion(tx: Tx, versionId: string, validTo: string): Promise<void> {
  await tx.update(unitVersions).set({ validTo }).where(eq(unitVersions.id, versionId));
}

/** Field names changed on the unit after the given row version, from the audit trail. */
export function findAuditChangesSince(db: DbOrTx, tenantId: string, unitId: string, rowVersion: number) {
  return db
    .select({ before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.entityType, 'unit'),
        eq(auditLog.entityId, unitId),
        sql`(case when jsonb_typeof(${auditLog.after} -> 'rowVersion') = 'number' then (${auditLog.after} ->> 'rowVersion')::numeric else 0 end) > ${rowVersion}`,
      ),
    );
}
