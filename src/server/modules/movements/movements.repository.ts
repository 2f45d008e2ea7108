import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../../db/client.js';
import { criteriaSets, criteriaSetVersions, movementAgencies, movementMilestones, movementPhases, movements } from '../../db/schema/index.js';

export type MovementRow = typeof movements.$inferSelect;
export type PhaseRow = typeof movementPhases.$inferSelect;
export type MilestoneRow = typeof movementMilestones.$inferSelect;
export type AgencyRow = typeof movementAgencies.$inferSelect;
export type CriteriaSetRow = typeof criteriaSets.$inferSelect;
export type CriteriaVersionRow = typeof criteriaSetVersions.$inferSelect;

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

export function findMovements(db: DbOrTx, tenantId: string) {
  return db.select().from(movements).where(eq(movements.tenantId, tenantId)).orderBy(asc(movements.createdAt), asc(movements.code));
}

export function findMovement(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.id, id)))
    .then((r) => r[0] ?? null);
}

export function findMovementByCode(db: DbOrTx, tenantId: string, code: string) {
  return db
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.code, code)))
    .then((r) => r[0] ?? null);
}

/** The movement row locked for the rest of the transaction (writes on one movement serialise on it). */
export function lockMovement(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(movements)
    .where(and(eq(movements.tenantId, tenantId), eq(movements.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export async function updateMovementRow(db: DbOrTx, id: string, values: Partial<typeof movements.$inferInsert>) {
  const [row] = await db.update(movements).set(values).where(eq(movements.id, id)).returning();
  return row!;
}

export function findPhases(db: DbOrTx, movementIds: readonly string[]) {
  if (movementIds.length === 0) return Promise.resolve([] as PhaseRow[]);
  return db
    .select()
    .from(movementPhases)
    .where(sql`${movementPhases.movementId} in (${uuidList(movementIds)})`)
    .orderBy(asc(movementPhases.movementId), asc(movementPhases.sortOrder));
}

/** Milestones in package order (sort_order); the detail view re-sorts them by deadline. */
export function findMilestones(db: DbOrTx, movementId: string) {
  return db.select().from(movementMilestones).where(eq(movementMilestones.movementId, movementId)).orderBy(asc(movementMilestones.sortOrder), asc(movementMilestones.code));
}

export function findMilestone(db: DbOrTx, movementId: string, milestoneId: string) {
  return db
    .select()
    .from(movementMilestones)
    .where(and(eq(movementMilestones.movementId, movementId), eq(movementMilestones.id, milestoneId)))
    .then((r) => r[0] ?? null);
}

export async function insertMilestone(db: DbOrTx, row: typeof movementMilestones.$inferInsert) {
  const [inserted] = await db.insert(movementMilestones).values(row).returning();
  return inserted!;
}

export async function updateMilestoneRow(db: DbOrTx, id: string, values: Partial<typeof movementMilestones.$inferInsert>) {
  const [row] = await db.update(movementMilestones).set(values).where(eq(movementMilestones.id, id)).returning();
  return row!;
}

/**
 * Agencies in a canonical order: by role (the package's role order), then start date. Export relies on this order
 * being stable, so that export → import → export gives the same bytes.
 */
export function findAgencies(db: DbOrTx, movementId: string) {
  return db
    .select()
    .from(movementAgencies)
    .where(eq(movementAgencies.movementId, movementId))
    .orderBy(
      sql`case ${movementAgencies.role} when 'standing_agency' then 1 when 'coordinating_agency' then 2 when 'awards_board' then 3 when 'council' then 4 else 5 end`,
      asc(movementAgencies.role),
      asc(movementAgencies.validFrom),
      asc(movementAgencies.unitName),
    );
}

export async function insertAgency(db: DbOrTx, row: typeof movementAgencies.$inferInsert) {
  const [inserted] = await db.insert(movementAgencies).values(row).returning();
  return inserted!;
}

export async function updateAgencyRow(db: DbOrTx, id: string, values: Partial<typeof movementAgencies.$inferInsert>) {
  const [row] = await db.update(movementAgencies).set(values).where(eq(movementAgencies.id, id)).returning();
  return row!;
}

export function findCriteriaSetsOf(db: DbOrTx, movementIds: readonly string[]) {
  if (movementIds.length === 0) return Promise.resolve([] as CriteriaSetRow[]);
  return db
    .select()
    .from(criteriaSets)
    .where(sql`${criteriaSets.movementId} in (${uuidList(movementIds)})`)
    .orderBy(asc(criteriaSets.createdAt), asc(criteriaSets.code));
}

/** Version rows of the given sets without their (large) definitions unless asked. */
export function findVersionsOf(db: DbOrTx, setIds: readonly string[]) {
  if (setIds.length === 0) return Promise.resolve([] as CriteriaVersionRow[]);
  return db
    .select()
    .from(criteriaSetVersions)
    .where(sql`${criteriaSetVersions.criteriaSetId} in (${uuidList(setIds)})`)
    .orderBy(asc(criteriaSetVersions.criteriaSetId), asc(criteriaSetVersions.version));
}

export type UnitNameRow = { unit_id: string; name: string };

/**
 * Units of the tenant valid on the date whose accent-folded names (units.search_text) contain the folded text,
 * with the name of each version in force on that date. The caller decides which names really match.
 */
export function findUnitsByFoldedName(db: DbOrTx, tenantId: string, folded: string, date: string) {
  const pattern = `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return queryRows<UnitNameRow>(
    db,
    sql`select u.id as unit_id, v.name
          from units u join unit_versions v on v.unit_id = u.id
         where u.tenant_id = ${tenantId} and u.search_text like ${pattern}
           and u.valid_from <= ${date}::date and (u.valid_to is null or u.valid_to > ${date}::date)
           and v.valid_from <= ${date}::date and (v.valid_to is null or v.valid_to > ${date}::date)`,
  );
}

export async function insertMovement(db: DbOrTx, row: typeof movements.$inferInsert) {
  const [inserted] = await db.insert(movements).values(row).returning();
  return inserted!;
}

export async function insertPhases(db: DbOrTx, rows: (typeof movementPhases.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(movementPhases).values(rows);
}

export async function insertMilestones(db: DbOrTx, rows: (typeof movementMilestones.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(movementMilestones).values(rows);
}

export async function insertAgencies(db: DbOrTx, rows: (typeof movementAgencies.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(movementAgencies).values(rows);
}

export async function insertCriteriaSet(db: DbOrTx, row: typeof criteriaSets.$inferInsert) {
  const [inserted] = await db.insert(criteriaSets).values(row).returning();
  return inserted!;
}

export async function insertCriteriaVersion(db: DbOrTx, row: typeof criteriaSetVersions.$inferInsert) {
  const [inserted] = await db.insert(criteriaSetVersions).values(row).returning();
  return inserted!;
}

// ---- what the obligation areas (launches, registrations, pilots, difficulties, inbox, scheduler) read --------------

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

/** The unit the movement's role (standing_agency, council…) is assigned to on the date, as assigned (null when none). */
export async function findAgencyAssignedUnitId(db: DbOrTx, tenantId: string, movementId: string, role: string, date: string): Promise<string | null> {
  const rows = await queryRows<{ unit_id: string | null }>(
    db,
    sql`select a.unit_id from movement_agencies a
         where a.tenant_id = ${tenantId} and a.movement_id = ${movementId}::uuid and a.role = ${role}
           and a.valid_from <= ${date}::date and (a.valid_to is null or a.valid_to > ${date}::date)
         order by a.valid_from desc limit 1`,
  );
  return rows[0]?.unit_id ?? null;
}

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
