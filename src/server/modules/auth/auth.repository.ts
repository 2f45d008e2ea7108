import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens, roleGrants, sessions, tenants, units, unitVersions, users } from '../../db/schema/index.js';

export function findUserByUsername(db: DbOrTx, username: string) {
  return db.select().from(users).where(eq(users.username, username)).limit(1).then((r) => r[0] ?? null);
}

export function findUserById(db: DbOrTx, id: string) {
  return db.select().from(users).where(eq(users.id, id)).limit(1).then((r) => r[0] ?? null);
}

/** Grants in force on the date: started, not ended, not revoked. */
export function findActiveGrants(db: DbOrTx, userId: string, today: string) {
  return db
    .select()
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.userId, userId),
        isNull(roleGrants.revokedAt),
        lte(roleGrants.validFrom, today),
        or(isNull(roleGrants.validTo), gt(roleGrants.validTo, today)),
      ),
    );
}

export function findSession(db: DbOrTx, id: string) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findToken(db: DbOrTx, tokenHash: string) {
  return db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findTenant(db: DbOrTx, id: string) {
  return db.select().from(tenants).where(eq(tenants.id, id)).limit(1).then((r) => r[0] ?? null);
}

/** Current names of the given units (the version in force on the date, else the latest). */
export async function findUnitNames(db: DbOrTx, unitIds: string[], date: string): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ unitId: unitVersions.unitId, name: unitVersions.name, validFrom: unitVersions.validFrom, validTo: unitVersions.validTo })
    .from(unitVersions)
    .innerJoin(units, eq(units.id, unitVersions.unitId))
    .where(sql`${unitVersions.unitId} in (${sql.join(unitIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  const names = new Map<string, { name: string; current: boolean; from: string }>();
  for (const row of rows) {
    const current = row.validFrom <= date && (row.validTo === null || date < row.validTo);
    const existing = names.get(row.unitId);
    if (!existing || (current && !existing.current) || (!existing.current && row.validFrom > existing.from)) {
      names.set(row.unitId, { name: row.name, current, from: row.validFrom });
    }
  }
  return new Map([...names].map(([id, v]) => [id, v.name]));
}
