import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { isRole, type Permission } from '../../../core/permissions.js';
import type { AppConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { SESSION_COOKIE, type Actor, type AuthedContext, type Grant, type RequestContext } from '../../auth/actor.js';
import { actorPermissions, holdsPermission, requireActor } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { dummyPasswordHash, hashPassword, isStrongPassword, verifyPassword } from '../../auth/passwords.js';
import { recordAudit } from '../../audit/audit.js';
import { AppError } from '../../errors.js';
import { findSession, findUserWithTenant, findToken, findUserById, findUserByUsername, type ActiveGrantRow } from './auth.repository.js';
import { findUnitNames } from '../units/org-on-date.js';
import { apiTokenPolicy, ownTokens } from './auth.policy.js';
import type { MeView } from './auth.schemas.js';

const TOKEN_PREFIX = 'tds_';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Grants of the actor from the rows found with the session or token (unknown roles are ignored). */
function grantsOf(rows: readonly ActiveGrantRow[]): Grant[] {
  return rows
    .filter((g) => isRole(g.role))
    .map((g) => ({ id: g.id, role: g.role as Grant['role'], unitId: g.unitId, includeSubtree: g.includeSubtree, validFrom: g.validFrom, validTo: g.validTo }));
}

/**
 * Finds the actor from the session cookie or a bearer API token; null when anonymous or invalid. One query finds the
 * session or token, its user and the grants in force today.
 */
export async function resolveActor(db: Db, request: FastifyRequest, config: AppConfig): Promise<Actor | null> {
  const authorization = request.headers.authorization;
  const today = todayInVietnam();
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) {
    const found = await findToken(db, sha256(authorization.slice(7).trim()), today);
    if (!found || found.token.revokedAt || found.token.expiresAt <= today || !found.user.isActive) {
      throw new AppError('token_invalid', 401, 'auth.token_invalid');
    }
    return {
      userId: found.user.id,
      tenantId: found.user.tenantId,
      username: found.user.username,
      fullName: found.user.fullName,
      unitId: found.user.unitId,
      grants: grantsOf(found.grants),
      tokenPermissions: found.token.permissions as Permission[],
      via: 'token',
      sessionId: null,
      csrfToken: null,
      scopeCache: new Map(),
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const found = await findSession(db, sha256(cookie), today);
  if (!found || found.session.expiresAt.getTime() <= Date.now() || !found.user.isActive) return null;
  // Sliding expiry, written at most once a minute per session.
  if (Date.now() - found.session.lastSeenAt.getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000) })
      .where(eq(sessions.id, found.session.id));
  }
  return {
    userId: found.user.id,
    tenantId: found.user.tenantId,
    username: found.user.username,
    fullName: found.user.fullName,
    unitId: found.user.unitId,
    grants: grantsOf(found.grants),
    tokenPermissions: null,
    via: 'session',
    sessionId: found.session.id,
    csrfToken: found.session.csrfToken,
    scopeCache: new Map(),
  };
}

export type LoginResult = { token: string; csrfToken: string; expiresAt: Date };

/**
 * Checks the password; counts failures and locks the account for a while after too many.
 * The failure counter lives in the database, so the lock holds across instances.
 */
export async function login(ctx: RequestContext, config: AppConfig, input: { username: string; password: string; userAgent?: string; ip?: string }): Promise<LoginResult> {
  const user = await findUserByUsername(ctx.db, input.username.normalize('NFC'));
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('invalid_credentials', 401, 'auth.invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60_000);
    throw new AppError('account_locked', 429, 'auth.locked', [], { minutes });
  }
  const valid = await verifyPassword(user.passwordHash, input.password);
  const auditCtx = { actor: null, requestId: ctx.requestId };
  if (!valid) {
    const failures = user.failedLogins + 1;
    const lock = failures >= config.LOGIN_MAX_FAILURES;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock ? new Date(Date.now() + config.LOGIN_LOCK_MINUTES * 60_000) : user.lockedUntil })
        .where(eq(users.id, user.id));
      await recordAudit(
        tx,
        auditCtx,
        { action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, unitId: user.unitId, after: { failures } },
        user.tenantId,
      );
    });
    if (lock) throw new AppError('account_locked', 429, 'auth.locked', [], { minutes: config.LOGIN_LOCK_MINUTES });
    throw new AppError('invalid_credentials', 401, 'auth.invalid_credentials');
  }
  if (!user.isActive) throw new AppError('invalid_credentials', 401, 'auth.invalid_credentials');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3600_000);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(sessions)
      .values({ id: sha256(token), tenantId: user.tenantId, userId: user.id, csrfToken, expiresAt, userAgent: input.userAgent?.slice(0, 300) ?? null, ip: input.ip ?? null });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() }).where(eq(users.id, user.id));
    await recordAudit(tx, { actor: null, requestId: ctx.requestId }, { action: 'auth.login', entityType: 'user', entityId: user.id, unitId: user.unitId }, user.tenantId);
  });
  return { token, csrfToken, expiresAt };
}

export async function logout(ctx: AuthedContext): Promise<void> {
  const sessionId = ctx.actor.sessionId;
  if (!sessionId) return;
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId, unitId: ctx.actor.unitId });
  });
}

/** The signed-in user, their grants and permissions (abilities for the UI), and the CSRF token. */
export async function getMe(ctx: RequestContext): Promise<MeView> {
  requireActor(ctx);
  const actor = ctx.actor;
  const found = await findUserWithTenant(ctx.db, actor.userId);
  if (!found) throw AppError.notFound();
  const { user, tenant } = found;
  // The grants in force were read with the session or token.
  const grantRows = actor.grants;
  const unitIds = [...new Set([user.unitId, ...grantRows.map((g) => g.unitId)].filter((v): v is string => v !== null))];
  const names = await findUnitNames(ctx.db, actor.tenantId, unitIds, todayInVietnam());
  return {
    user: {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      email: user.email,
      position: user.position,
      unitId: user.unitId,
      unitName: user.unitId ? (names.get(user.unitId) ?? null) : null,
      locale: user.locale,
      mustChangePassword: user.mustChangePassword,
      isDemo: user.isDemo,
    },
    tenant: { id: tenant.id, code: tenant.code, name: tenant.name },
    grants: grantRows.map((g) => ({
      id: g.id,
      role: g.role,
      unitId: g.unitId,
      unitName: g.unitId ? (names.get(g.unitId) ?? null) : null,
      includeSubtree: g.includeSubtree,
      validFrom: g.validFrom ?? '',
      validTo: g.validTo ?? null,
    })),
    permissions: actorPermissions(actor),
    csrfToken: actor.csrfToken,
  };
}

export async function changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<void> {
  requireActor(ctx);
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw AppError.notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('wrong_current_password', 400, 'auth.wrong_current_password', [{ path: 'body.currentPassword', message: '' }]);
  }
  if (!isStrongPassword(input.newPassword)) {
    throw new AppError('weak_password', 400, 'auth.weak_password', [{ path: 'body.newPassword', message: '' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date(), rowVersion: user.rowVersion + 1 })
      .where(eq(users.id, user.id));
    // Other sessions of this user end; the current one stays.
    const others = await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    for (const s of others) if (s.id !== ctx.actor.sessionId) await tx.delete(sessions).where(eq(sessions.id, s.id));
    await recordAudit(tx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, unitId: user.unitId });
  });
}

function presentToken(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Creates a personal API token limited to permissions the user holds; the secret is returned once. */
export async function createApiToken(ctx: RequestContext, input: { name: string; permissions: Permission[]; expiresAt: string }) {
  requireActor(ctx);
  await authorize(apiTokenPolicy, ctx, 'create', ownTokens);
  for (const [index, permission] of input.permissions.entries()) {
    if (!holdsPermission(ctx.actor, permission)) {
      throw new AppError('permission_not_held', 422, 'token.permission_not_held', [{ path: `body.permissions[${index}]`, message: '' }], { permission });
    }
  }
  if (input.expiresAt <= todayInVietnam()) {
    throw AppError.validation([{ path: 'body.expiresAt', message: '', messageKey: 'token.expiry_not_future' }]);
  }
  const secret = randomBytes(24).toString('base64url');
  const prefix = secret.slice(0, 8);
  const token = `${TOKEN_PREFIX}${secret}`;
  const row = {
    id: randomUUID(),
    tenantId: ctx.actor.tenantId,
    userId: ctx.actor.userId,
    name: input.name,
    tokenHash: sha256(token),
    prefix,
    permissions: [...new Set(input.permissions)],
    expiresAt: input.expiresAt,
  };
  const inserted = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(apiTokens).values(row).returning();
    await recordAudit(tx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: row.id,
      unitId: ctx.actor.unitId,
      after: { name: row.name, prefix, permissions: row.permissions, expiresAt: row.expiresAt },
    });
    return created!;
  });
  return { ...presentToken(inserted), token };
}

export async function listApiTokens(ctx: RequestContext) {
  requireActor(ctx);
  const rows = await ctx.db.select().from(apiTokens).where(eq(apiTokens.userId, ctx.actor.userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(presentToken);
}

export async function revokeApiToken(ctx: RequestContext, id: string): Promise<void> {
  requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.actor.userId), isNull(apiTokens.revokedAt)));
    if (!row) throw AppError.notFound();
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    await recordAudit(tx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id, unitId: ctx.actor.unitId, before: { revokedAt: null } });
  });
}
