import { and, asc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import { unitGroupMembers, unitGroups } from '../../db/schema/index.js';

export type GroupRow = typeof unitGroups.$inferSelect;
export type MemberRow = typeof unitGroupMembers.$inferSelect;

const validOn = (from: string, to: string, date: SQL) => sql`(${sql.raw(from)} <= ${date} and (${sql.raw(to)} is null or ${sql.raw(to)} > ${date}))`;

export type GroupListRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  description: string | null;
  valid_from: string;
  valid_to: string | null;
  member_count: number;
};

/** Groups in force on the date with the number of memberships in force that day: one query. */
export function findGroupRows(db: DbOrTx, tenantId: string, asOf: string, groupId: string | null = null) {
  const d = sql`${asOf}::date`;
  return queryRows<GroupListRow>(
    db,
    sql`select g.id, g.code, g.name, g.kind, g.description, g.valid_from::text as valid_from, g.valid_to::text as valid_to,
               (select count(*)::int from unit_group_members m
                 where m.group_id = g.id and m.tenant_id = g.tenant_id and ${validOn('m.valid_from', 'm.valid_to', d)}) as member_count
          from unit_groups g
         where g.tenant_id = ${tenantId}
           and ${groupId === null ? validOn('g.valid_from', 'g.valid_to', d) : sql`g.id = ${groupId}::uuid`}
         order by g.kind, g.code`,
  );
}

export function findGroup(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(unitGroups)
    .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.id, id)))
    .then((r) => r[0] ?? null);
}

/** The group row, locked until the transaction ends (serialises membership changes of one group). */
export function lockGroup(tx: Tx, tenantId: string, id: string) {
  return tx
    .select()
    .from(unitGroups)
    .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** Groups holding the code at some time from validFrom on. */
export function findGroupCodeHolders(db: DbOrTx, tenantId: string, code: string, validFrom: string) {
  return db
    .select({ id: unitGroups.id })
    .from(unitGroups)
    .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.code, code), or(isNull(unitGroups.validTo), gt(unitGroups.validTo, validFrom))));
}

export async function lockGroupCode(tx: Tx, tenantId: string, code: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(727011, hashtext(${`${tenantId}:${code}`}))`);
}

export async function insertGroup(tx: Tx, row: typeof unitGroups.$inferInsert): Promise<void> {
  await tx.insert(unitGroups).values(row);
}

export type MemberListRow = {
  id: string;
  unit_id: string;
  unit_name: string;
  kind_code: string;
  is_lead: boolean;
  valid_from: string;
  valid_to: string | null;
};

/**
 * Memberships of the group in force on the date (or the one membership asked for), each unit named by its
 * version on that date, else its latest before, else its first.
 */
export function findMemberRows(db: DbOrTx, tenantId: string, groupId: string, asOf: string, memberId: string | null = null) {
  const d = sql`${asOf}::date`;
  const where = memberId === null ? validOn('m.valid_from', 'm.valid_to', d) : sql`m.id = ${memberId}::uuid`;
  return queryRows<MemberListRow>(
    db,
    sql`select m.id, m.unit_id, n.name as unit_name, u.kind_code, m.is_lead, m.valid_from::text as valid_from, m.valid_to::text as valid_to
          from unit_group_members m
          join units u on u.id = m.unit_id and u.tenant_id = m.tenant_id
          join lateral (
                select v.name from unit_versions v
                 where v.unit_id = m.unit_id
                 order by ${validOn('v.valid_from', 'v.valid_to', d)} desc, (v.valid_from <= ${d}) desc, v.valid_from desc
                 limit 1) n on true
         where m.tenant_id = ${tenantId} and m.group_id = ${groupId}::uuid and ${where}
         order by m.is_lead desc, n.name`,
  );
}

export function findMember(db: DbOrTx, tenantId: string, groupId: string, memberId: string) {
  return db
    .select()
    .from(unitGroupMembers)
    .where(and(eq(unitGroupMembers.tenantId, tenantId), eq(unitGroupMembers.groupId, groupId), eq(unitGroupMembers.id, memberId)))
    .then((r) => r[0] ?? null);
}

/** Memberships of the group overlapping [validFrom, validTo), optionally of one unit or leads only. */
export function findOverlappingMembers(
  db: DbOrTx,
  tenantId: string,
  groupId: string,
  interval: { validFrom: string; validTo: string | null },
  filter: { unitId: string } | { leadsOnly: true },
) {
  return db
    .select()
    .from(unitGroupMembers)
    .where(
      and(
        eq(unitGroupMembers.tenantId, tenantId),
        eq(unitGroupMembers.groupId, groupId),
        'unitId' in filter ? eq(unitGroupMembers.unitId, filter.unitId) : eq(unitGroupMembers.isLead, true),
        or(isNull(unitGroupMembers.validTo), gt(unitGroupMembers.validTo, interval.validFrom)),
        interval.validTo === null ? undefined : sql`${unitGroupMembers.validFrom} < ${interval.validTo}::date`,
      ),
    )
    .orderBy(asc(unitGroupMembers.validFrom));
}

export async function insertMember(tx: Tx, row: typeof unitGroupMembers.$inferInsert): Promise<void> {
  await tx.insert(unitGroupMembers).values(row);
}

export async function setMemberEnd(tx: Tx, memberId: string, validTo: string): Promise<void> {
  await tx.update(unitGroupMembers).set({ validTo }).where(eq(unitGroupMembers.id, memberId));
}

/** Members of a group (cluster/block) on the date, with the lead flag. */
export function findGroupMembersOn(db: DbOrTx, tenantId: string, groupId: string, date: string) {
  return queryRows<{ unit_id: string; is_lead: boolean }>(
    db,
    sql`select m.unit_id, m.is_lead from unit_group_members m
         where m.tenant_id = ${tenantId} and m.group_id = ${groupId}::uuid and ${validOn('m.valid_from', 'm.valid_to', sql`${date}::date`)}`,
  );
}

/** The group in force on the date (null otherwise). */
export function findGroupOn(db: DbOrTx, tenantId: string, groupId: string, date: string) {
  return queryRows<{ id: string; code: string; name: string; kind: string }>(
    db,
    sql`select g.id, g.code, g.name, g.kind from unit_groups g
         where g.tenant_id = ${tenantId} and g.id = ${groupId}::uuid and ${validOn('g.valid_from', 'g.valid_to', sql`${date}::date`)}`,
  ).then((r) => r[0] ?? null);
}
