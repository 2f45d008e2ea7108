import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { prepared, type Db, type DbOrTx } from '../../db/client.js';
import { apiTokens, roleGrants, sessions, tenants, users } from '../../db/schema/index.js';

export function findUserByUsername(db: DbOrTx, username: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.username, username))
    .limit(1)
    .then((r) => r[0] ?? null);
}

export function findUserById(db: DbOrTx, id: string) {
  return db
    .select()
    .from(users)
    .where(eq(users.id, id))
    .limit(1)
    .then((r) => r[0] ?? null);
}

/** Grants in force on the date: started, not ended, not revoked. */
export function findActiveGrants(db: DbOrTx, userId: string, today: string) {
  return db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), isNull(roleGrants.revokedAt), lte(roleGrants.validFrom, today), or(isNull(roleGrants.validTo), gt(roleGrants.validTo, today))));
}

/** A grant in force, as the actor carries it (dates as YYYY-MM-DD). */
export type ActiveGrantRow = { id: string; role: string; unitId: string | null; includeSubtree: boolean; validFrom: string; validTo: string | null };

/** The user's grants in force on the date (placeholder `today`), as one JSON column of the session or token query. */
const activeGrants = sql<ActiveGrantRow[]>`coalesce((
    select json_agg(json_build_object('id', g.id, 'role', g.role, 'unitId', g.unit_id, 'includeSubtree', g.include_subtree, 'validFrom', g.valid_from, 'validTo', g.valid_to))
      from role_grants g
     where g.user_id = ${users.id} and g.revoked_at is null
       and g.valid_from <= ${sql.placeholder('today')}::date and (g.valid_to is null or g.valid_to > ${sql.placeholder('today')}::date)
  ), '[]'::json)`;

/** What a request needs of the signed-in user (not the password hash). */
const actorUser = { id: users.id, tenantId: users.tenantId, username: users.username, fullName: users.fullName, unitId: users.unitId, isActive: users.isActive };

/** The session, its user and the user's grants in force today: one round trip per signed-in request (prepared). */
export function findSession(db: Db, id: string, today: string) {
  return prepared(db, 'auth_find_session', () =>
    db
      .select({
        session: { id: sessions.id, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt },
        user: actorUser,
        grants: activeGrants,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder('id')))
      .limit(1)
      .prepare('auth_find_session'),
  )
    .execute({ id, today })
    .then((r) => r[0] ?? null);
}

/** The API token, its user and the user's grants in force today: one round trip per token request (prepared). */
export function findToken(db: Db, tokenHash: string, today: string) {
  return prepared(db, 'auth_find_token', () =>
    db
      .select({
        token: { revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt, permissions: apiTokens.permissions },
        user: actorUser,
        grants: activeGrants,
      })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
      .limit(1)
      .prepare('auth_find_token'),
  )
    .execute({ hash: tokenHash, today })
    .then((r) => r[0] ?? null);
}

/** A user with their tenant (the profile page and /api/auth/me). */
export function findUserWithTenant(db: Db, userId: string) {
  return prepared(db, 'auth_find_user_with_tenant', () =>
    db
      .select({
        user: {
          id: users.id,
          username: users.username,
          fullName: users.fullName,
          email: users.email,
          position: users.position,
          unitId: users.unitId,
          locale: users.locale,
          mustChangePassword: users.mustChangePassword,
          isDemo: users.isDemo,
        },
        tenant: { id: tenants.id, code: tenants.code, name: tenants.name },
      })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, sql.placeholder('id')))
      .limit(1)
      .prepare('auth_find_user_with_tenant'),
  )
    .execute({ id: userId })
    .then((r) => r[0] ?? null);
}

export function findTenant(db: DbOrTx, id: string) {
  return db
    .select()
    .from(tenants)
    .where(eq(tenants.id, id))
    .limit(1)
    .then((r) => r[0] ?? null);
}
