import { and, asc, eq, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx, type Tx } from '../../db/client.js';
import { launches } from '../../db/schema/index.js';
import type { Scope } from '../../auth/actor.js';
import { scopeWhere } from '../../auth/access.js';

export type LaunchRow = typeof launches.$inferSelect;

export function findLaunch(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(launches)
    .where(and(eq(launches.tenantId, tenantId), eq(launches.id, id)))
    .then((r) => r[0] ?? null);
}

export function lockLaunch(tx: Tx, tenantId: string, id: string) {
  return tx
    .select()
    .from(launches)
    .where(and(eq(launches.tenantId, tenantId), eq(launches.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function findLaunchOfUnit(db: DbOrTx, movementId: string, unitId: string) {
  return db
    .select()
    .from(launches)
    .where(and(eq(launches.movementId, movementId), eq(launches.unitId, unitId)))
    .then((r) => r[0] ?? null);
}

export function findLaunchesOf(db: DbOrTx, tenantId: string, movementId: string, scope: Scope, unitId: string | null) {
  const conditions = [eq(launches.tenantId, tenantId), eq(launches.movementId, movementId), scopeWhere(launches.unitId, scope)];
  if (unitId) conditions.push(eq(launches.unitId, unitId));
  return db
    .select()
    .from(launches)
    .where(and(...conditions))
    .orderBy(asc(launches.launchDate), asc(launches.createdAt));
}

export async function insertLaunch(tx: Tx, row: typeof launches.$inferInsert): Promise<LaunchRow> {
  const [inserted] = await tx.insert(launches).values(row).returning();
  return inserted!;
}

export async function updateLaunchRow(tx: Tx, id: string, values: Partial<typeof launches.$inferInsert>): Promise<LaunchRow> {
  const [row] = await tx.update(launches).set(values).where(eq(launches.id, id)).returning();
  return row!;
}

/** Deadline of the movement's launch milestones for a unit kind (earliest), or null. */
export async function findLaunchDeadline(db: DbOrTx, movementId: string, kindCode: string): Promise<string | null> {
  const rows = await queryRows<{ deadline: string }>(
    db,
    sql`select min(deadline)::text as deadline from movement_milestones
         where movement_id = ${movementId}::uuid and obligation = 'launch' and ${kindCode} = any(applies_to)`,
  );
  return rows[0]?.deadline ?? null;
}

export type DoneRow = { unit_id: string; done_on: string };

/** Launch dates per unit. */
export function findLaunchDates(db: DbOrTx, movementId: string): Promise<DoneRow[]> {
  return queryRows<DoneRow>(db, sql`select unit_id, launch_date::text as done_on from launches where movement_id = ${movementId}::uuid`);
}

/**
 * Registration dates per unit: the signing date of a submitted or confirmed registration (else the day of its first
 * submission, Vietnam time); joint registrations count for each member kept at submission.
 */
export function findRegistrationDates(db: DbOrTx, movementId: string): Promise<DoneRow[]> {
  return queryRows<DoneRow>(
    db,
    sql`select x.unit_id, min(x.done_on)::text as done_on from (
          select u.unit_id, coalesce(r.signed_on, ((r.first_submitted_at at time zone 'UTC') + interval '7 hours')::date) as done_on
            from registrations r cross join lateral unnest(array_append(r.member_unit_ids, r.unit_id)) as u(unit_id)
           where r.movement_id = ${movementId}::uuid and r.status in ('submitted', 'confirmed')
        ) x group by x.unit_id`,
  );
}

/** Pilot registration dates per scope key ('province' or a district-level unit id). */
export function findPilotDates(db: DbOrTx, movementId: string): Promise<{ scope_key: string; done_on: string }[]> {
  return queryRows(db, sql`select scope_key, registered_on::text as done_on from pilot_registrations where movement_id = ${movementId}::uuid`);
}
