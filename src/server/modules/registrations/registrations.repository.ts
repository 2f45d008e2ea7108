import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import { registrationEvents, registrations } from '../../db/schema/index.js';
import type { Scope } from '../../auth/actor.js';

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationEventRow = typeof registrationEvents.$inferSelect;

export function findRegistration(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(registrations)
    .where(and(eq(registrations.tenantId, tenantId), eq(registrations.id, id)))
    .then((r) => r[0] ?? null);
}

export function lockRegistration(tx: Tx, tenantId: string, id: string) {
  return tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.tenantId, tenantId), eq(registrations.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

/** The unit's own registration (not a joint one) or the group's joint registration for the movement. */
export function findExistingRegistration(db: DbOrTx, movementId: string, target: { unitId: string } | { groupId: string }) {
  const where = 'groupId' in target ? eq(registrations.groupId, target.groupId) : and(eq(registrations.unitId, target.unitId), isNull(registrations.groupId));
  return db
    .select()
    .from(registrations)
    .where(and(eq(registrations.movementId, movementId), where))
    .then((r) => r[0] ?? null);
}

export async function insertRegistration(tx: Tx, row: typeof registrations.$inferInsert): Promise<RegistrationRow> {
  const [inserted] = await tx.insert(registrations).values(row).returning();
  return inserted!;
}

export async function updateRegistrationRow(tx: Tx, id: string, values: Partial<typeof registrations.$inferInsert>): Promise<RegistrationRow> {
  const [row] = await tx.update(registrations).set(values).where(eq(registrations.id, id)).returning();
  return row!;
}

export async function insertRegistrationEvent(tx: Tx, row: typeof registrationEvents.$inferInsert): Promise<void> {
  await tx.insert(registrationEvents).values(row);
}

export function findRegistrationEvents(db: DbOrTx, registrationId: string) {
  // Creating and submitting in one request share the transaction's timestamp: the creation comes first.
  return db
    .select()
    .from(registrationEvents)
    .where(eq(registrationEvents.registrationId, registrationId))
    .orderBy(asc(registrationEvents.at), sql`case when ${registrationEvents.action} = 'created' then 0 else 1 end`, asc(registrationEvents.id));
}

/** WHERE: the registering unit or one of the joint registration's members is in the scope. */
export function registrationScopeWhere(scope: Scope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.unitIds.size === 0) return sql`false`;
  const list = sql.join(
    [...scope.unitIds].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`(${registrations.unitId} in (${list}) or ${registrations.memberUnitIds} && array[${list}]::uuid[])`;
}

export function findRegistrationsOf(db: DbOrTx, tenantId: string, movementId: string, scope: Scope, filter: { status?: string; unitId?: string }) {
  const conditions: SQL[] = [eq(registrations.tenantId, tenantId), eq(registrations.movementId, movementId), registrationScopeWhere(scope)];
  if (filter.status) conditions.push(eq(registrations.status, filter.status));
  if (filter.unitId) conditions.push(sql`(${registrations.unitId} = ${filter.unitId}::uuid or ${filter.unitId}::uuid = any(${registrations.memberUnitIds}))`);
  return db
    .select()
    .from(registrations)
    .where(and(...conditions))
    .orderBy(asc(registrations.createdAt), asc(registrations.id));
}

/** Deadline of the movement's register milestones for a unit kind (earliest), or null. */
export async function findRegisterDeadline(db: DbOrTx, movementId: string, kindCode: string): Promise<string | null> {
  const rows = await queryRows<{ deadline: string | null }>(
    db,
    sql`select min(deadline)::text as deadline from movement_milestones
         where movement_id = ${movementId}::uuid and obligation = 'register' and ${kindCode} = any(applies_to)`,
  );
  return rows[0]?.deadline ?? null;
}

/** Clusters and blocks (cụm, khối) the unit leads on the date: it may register for them jointly. */
export function findGroupsLedBy(db: DbOrTx, tenantId: string, unitId: string, date: string) {
  return queryRows<{ id: string; name: string; kind: string }>(
    db,
    sql`select g.id, g.name, g.kind from unit_groups g
          join unit_group_members m on m.group_id = g.id and m.tenant_id = g.tenant_id
         where g.tenant_id = ${tenantId} and m.unit_id = ${unitId}::uuid and m.is_lead
           and g.valid_from <= ${date}::date and (g.valid_to is null or g.valid_to > ${date}::date)
           and m.valid_from <= ${date}::date and (m.valid_to is null or m.valid_to > ${date}::date)
         order by g.name`,
  );
}
