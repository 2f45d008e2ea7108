import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import { pilotRegistrations, pilotUnits, unitKinds } from '../../db/schema/index.js';

export type PilotRegistrationRow = typeof pilotRegistrations.$inferSelect;
export type PilotUnitRow = typeof pilotUnits.$inferSelect;

export function findPilotRegistration(db: DbOrTx, movementId: string, scopeKey: string) {
  return db
    .select()
    .from(pilotRegistrations)
    .where(and(eq(pilotRegistrations.movementId, movementId), eq(pilotRegistrations.scopeKey, scopeKey)))
    .then((r) => r[0] ?? null);
}

export function lockPilotRegistration(tx: Tx, movementId: string, scopeKey: string) {
  return tx
    .select()
    .from(pilotRegistrations)
    .where(and(eq(pilotRegistrations.movementId, movementId), eq(pilotRegistrations.scopeKey, scopeKey)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function findPilotRegistrationsOf(db: DbOrTx, tenantId: string, movementId: string) {
  return db
    .select()
    .from(pilotRegistrations)
    .where(and(eq(pilotRegistrations.tenantId, tenantId), eq(pilotRegistrations.movementId, movementId)))
    .orderBy(asc(pilotRegistrations.registeredOn), asc(pilotRegistrations.createdAt));
}

export function findPilotUnitsOf(db: DbOrTx, registrationIds: readonly string[]) {
  if (registrationIds.length === 0) return Promise.resolve([] as PilotUnitRow[]);
  return db
    .select()
    .from(pilotUnits)
    .where(inArray(pilotUnits.pilotRegistrationId, [...registrationIds]))
    .orderBy(asc(pilotUnits.pilotRegistrationId), asc(pilotUnits.sortOrder));
}

export async function insertPilotRegistration(tx: Tx, row: typeof pilotRegistrations.$inferInsert): Promise<PilotRegistrationRow> {
  const [inserted] = await tx.insert(pilotRegistrations).values(row).returning();
  return inserted!;
}

export async function updatePilotRegistrationRow(tx: Tx, id: string, values: Partial<typeof pilotRegistrations.$inferInsert>): Promise<PilotRegistrationRow> {
  const [row] = await tx.update(pilotRegistrations).set(values).where(eq(pilotRegistrations.id, id)).returning();
  return row!;
}

export async function replacePilotUnits(tx: Tx, tenantId: string, registrationId: string, unitIds: readonly string[]): Promise<void> {
  await tx.delete(pilotUnits).where(eq(pilotUnits.pilotRegistrationId, registrationId));
  await tx.insert(pilotUnits).values(unitIds.map((unitId, i) => ({ id: crypto.randomUUID(), tenantId, pilotRegistrationId: registrationId, unitId, sortOrder: i })));
}

/**
 * Deadline of the movement's register_pilot milestones for units of a criteria level ('province' for the council's
 * selection, 'district' for the districts' lists): the earliest milestone whose kinds include one of that level.
 */
export async function findPilotDeadline(db: DbOrTx, tenantId: string, movementId: string, level: 'province' | 'district'): Promise<string | null> {
  const rows = await queryRows<{ deadline: string | null }>(
    db,
    sql`select min(m.deadline)::text as deadline from movement_milestones m
         where m.movement_id = ${movementId}::uuid and m.obligation = 'register_pilot'
           and exists (select 1 from unit_kinds k where k.tenant_id = ${tenantId} and k.level = ${level} and k.code = any(m.applies_to))`,
  );
  return rows[0]?.deadline ?? null;
}

export function findKindNames(db: DbOrTx, tenantId: string) {
  return db.select({ code: unitKinds.code, name: unitKinds.name }).from(unitKinds).where(eq(unitKinds.tenantId, tenantId));
}

/** Units of the tenant whose kind maps to the province level (the council's obligation sits on them). */
export function findProvinceLevelUnitIds(db: DbOrTx, tenantId: string) {
  return queryRows<{ id: string }>(
    db,
    sql`select u.id from units u join unit_kinds k on k.tenant_id = u.tenant_id and k.code = u.kind_code where u.tenant_id = ${tenantId} and k.level = 'province'`,
  ).then((rows) => rows.map((r) => r.id));
}
