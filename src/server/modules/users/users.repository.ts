import { and, asc, count, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { roleGrants, sessions, units, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type GrantRow = typeof roleGrants.$inferSelect;

export type UserListFilter = {
  tenantId: string;
  /** WHERE fragment from the scope builder, over users.unit_id. */
  scope: SQL;
  /** Already accent-folded (foldVietnamese) search text. */
  foldedQuery?: string;
  unitId?: string;
  limit: number;
  offset: number;
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listWhere(filter: UserListFilter): SQL | undefined {
  const conditions: SQL[] = [eq(users.tenantId, filter.tenantId), filter.scope];
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
  if (filter.foldedQuery) {
    const pattern = `%${escapeLike(filter.foldedQuery)}%`;
    // unaccent maps đ/Đ to d as foldVietnamese does, so "nguyen van" finds "Nguyễn Văn".
    conditions.push(sql`(lower(unaccent(${users.username})) like ${pattern} or lower(unaccent(${users.fullName})) like ${pattern})`);
  }
  return and(...conditions);
}

export async function findUsers(db: DbOrTx, filter: UserListFilter): Promise<{ rows: UserRow[]; total: number }> {
  const where = listWhere(filter);
  const rows = await db.select().from(users).where(where).orderBy(asc(users.fullName), asc(users.username)).limit(filter.limit).offset(filter.offset);
  const [totalRow] = await db.select({ total: count() }).from(users).where(where);
  return { rows, total: Number(totalRow?.total ?? 0) };
}

export function findUserInTenant(db: DbOrTx, tenantId: string, id: string): Promise<UserRow | null> {
  return db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.tenantId, tenantId)))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findUserByUsername(db: DbOrTx, username: string): Promise<UserRow | null> {
  return db
    .select()
    .from(users)
    .where(eq(users.username, username))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function countUsers(db: DbOrTx): Promise<number> {
  return db
    .select({ n: count() })
    .from(users)
    .then((r) => Number(r[0]?.n ?? 0));
}

export function insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<UserRow> {
  return db
    .insert(users)
    .values(row)
    .returning()
    .then((r) => r[0]!);
}

/** Updates the user only if the row version still matches; null when it does not. */
export function updateUserAtVersion(db: DbOrTx, id: string, rowVersion: number, values: Partial<typeof users.$inferInsert>): Promise<UserRow | null> {
  return db
    .update(users)
    .set({ ...values, rowVersion: rowVersion + 1, updatedAt: new Date() })
    .where(and(eq(users.id, id), eq(users.rowVersion, rowVersion)))
    .returning()
    .then((r) => r[0] ?? null);
}

export async function deleteSessionsOfUser(db: DbOrTx, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}

/** Grants not revoked (past, current and future), for the given users. */
export function findUnrevokedGrants(db: DbOrTx, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(roleGrants)
    .where(and(inArray(roleGrants.userId, userIds), isNull(roleGrants.revokedAt)))
    .orderBy(asc(roleGrants.validFrom), asc(roleGrants.createdAt));
}

/** Grants not revoked that are in force on the date or start later. */
export function findCurrentAndFutureGrants(db: DbOrTx, userId: string, date: string): Promise<GrantRow[]> {
  return db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, date))));
}

export function findGrant(db: DbOrTx, tenantId: string, userId: string, grantId: string): Promise<GrantRow | null> {
  return db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId), eq(roleGrants.tenantId, tenantId)))
    .limit(1)
    .then((r) => r[0] ?? null);
}

/** Unrevoked grants of a role for a user; unitId undefined = any unit, null = tenant-wide only. */
export function findUnrevokedGrantsOfRole(db: DbOrTx, userId: string, role: string, unitId: string | null | undefined): Promise<GrantRow[]> {
  const conditions: SQL[] = [eq(roleGrants.userId, userId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)];
  if (unitId === null) conditions.push(isNull(roleGrants.unitId));
  else if (unitId !== undefined) conditions.push(eq(roleGrants.unitId, unitId));
  return db
    .select()
    .from(roleGrants)
    .where(and(...conditions));
}

export function insertGrant(db: DbOrTx, row: typeof roleGrants.$inferInsert): Promise<GrantRow> {
  return db
    .insert(roleGrants)
    .values(row)
    .returning()
    .then((r) => r[0]!);
}

/** Sets revoked_at unless already set; null when somebody revoked it first. */
export function revokeGrantRow(db: DbOrTx, grantId: string, at: Date): Promise<GrantRow | null> {
  return db
    .update(roleGrants)
    .set({ revokedAt: at })
    .where(and(eq(roleGrants.id, grantId), isNull(roleGrants.revokedAt)))
    .returning()
    .then((r) => r[0] ?? null);
}

export function unitExistsInTenant(db: DbOrTx, tenantId: string, unitId: string): Promise<boolean> {
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.tenantId, tenantId)))
    .limit(1)
    .then((r) => r.length > 0);
}

/** Units carrying an official code in force on the date (codes are reused over time). */
export function findUnitsByCodeOn(db: DbOrTx, tenantId: string, code: string, date: string): Promise<{ id: string }[]> {
  return db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.code, code), lte(units.validFrom, date), or(isNull(units.validTo), gt(units.validTo, date))));
}
