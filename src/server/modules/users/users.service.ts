import { randomInt, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { todayInVietnam } from '../../../core/dates.js';
import { isRole, roleLabels, rolePermissions, roles } from '../../../core/permissions.js';
import { foldVietnamese, normalizeText } from '../../../core/text.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { requireAccess, requireActor, scopeFor, scopeWhere } from '../../auth/access.js';
import { authorize, can, forbidden } from '../../auth/policy.js';
import { hashPassword, isStrongPassword } from '../../auth/passwords.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { users } from '../../db/schema/index.js';
import { zodDetails } from '../../http/errors.js';
import { AppError } from '../../errors.js';
import { findUnitNames } from '../units/org-on-date.js';
import { cannotGrantRole, grantPolicy, manageDenial, outranksActor, userPolicy, type GrantSubject } from './users.policy.js';
import { auditGrantFields, auditUserFields, presentGrant, presentUser } from './users.presenters.js';
import {
  deleteSessionsOfUser,
  findCurrentAndFutureGrants,
  findGrant,
  findUnitsByCodeOn,
  findUnrevokedGrants,
  findUnrevokedGrantsOfRole,
  findUserByUsername,
  findUserInTenant,
  findUsers,
  insertGrant,
  insertUser,
  revokeGrantRow,
  unitExistsInTenant,
  updateUserAtVersion,
  type GrantRow,
  type UserRow,
} from './users.repository.js';
import { username as usernameSchema, type GrantCreateInput, type UserCreateInput, type UserUpdateInput, type UserView } from './users.schemas.js';

// ---------------------------------------------------------------------------------------------
// Helpers

const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 16-character password in groups of four (about 93 bits), without look-alike characters. */
export function generateTemporaryPassword(): string {
  for (;;) {
    let raw = '';
    for (let i = 0; i < 16; i += 1) raw += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    const password = raw.match(/.{4}/g)!.join('-');
    if (/\d/.test(raw) && /[a-zA-Z]/.test(raw) && isStrongPassword(password)) return password;
  }
}

function cleanText(value: string): string {
  return normalizeText(value).replace(/\s+/g, ' ').trim();
}

function cleanOptional(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const cleaned = cleanText(value);
  return cleaned === '' ? null : cleaned;
}

const usernameTaken = (path: string) => new AppError('username_taken', 409, 'user.username_taken', [{ path, message: '' }]);
const weakPassword = (path: string) => new AppError('weak_password', 400, 'auth.weak_password', [{ path, message: '' }]);

async function unitNamesOf(db: DbOrTx, tenantId: string, userRows: UserRow[], grants: GrantRow[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const u of userRows) if (u.unitId) ids.add(u.unitId);
  for (const g of grants) if (g.unitId) ids.add(g.unitId);
  return findUnitNames(db, tenantId, [...ids], todayInVietnam());
}

async function viewOf(ctx: AuthedContext, user: UserRow): Promise<UserView> {
  const grants = await findUnrevokedGrants(ctx.db, [user.id]);
  const names = await unitNamesOf(ctx.db, ctx.actor.tenantId, [user], grants);
  return presentUser(user, grants, names, { manage: await can(userPolicy, ctx, 'manage', user) });
}

// ---------------------------------------------------------------------------------------------
// Access (the rules are in users.policy.ts)

/** A user of the tenant the actor manages (users.policy): 403 if only readable, else 404. */
async function loadManagedUser(ctx: AuthedContext, id: string): Promise<UserRow> {
  const user = await findUserInTenant(ctx.db, ctx.actor.tenantId, id);
  if (!user) throw AppError.notFound();
  await authorize(userPolicy, ctx, 'manage', user, manageDenial(ctx, user));
  return user;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** The role catalogue with labels and permissions. */
export function listRoles(ctx: RequestContext) {
  requireActor(ctx);
  return roles.map((code) => ({ code, label: roleLabels[code], permissions: [...rolePermissions[code]] }));
}

/** Users whose unit is in the actor's user.read scope (users without a unit only for a tenant-wide scope). */
export async function listUsers(ctx: RequestContext, query: { q?: string; unitId?: string; limit: number; offset: number }) {
  requireActor(ctx);
  const actor = await requireAccess(ctx, 'user.read');
  const scope = await scopeFor(ctx.db, actor, 'user.read');
  const folded = query.q ? foldVietnamese(query.q) : '';
  const { rows, total } = await findUsers(ctx.db, {
    tenantId: actor.tenantId,
    scope: scopeWhere(users.unitId, scope),
    foldedQuery: folded || undefined,
    unitId: query.unitId,
    limit: query.limit,
    offset: query.offset,
  });
  const grants = await findUnrevokedGrants(
    ctx.db,
    rows.map((u) => u.id),
  );
  const names = await unitNamesOf(ctx.db, actor.tenantId, rows, grants);
  const items = await Promise.all(
    rows.map(async (u) =>
      presentUser(
        u,
        grants.filter((g) => g.userId === u.id),
        names,
        { manage: await can(userPolicy, ctx, 'manage', u) },
      ),
    ),
  );
  return { items, total };
}

export async function getUser(ctx: RequestContext, id: string): Promise<UserView> {
  requireActor(ctx);
  await requireAccess(ctx, 'user.read');
  const user = await findUserInTenant(ctx.db, ctx.actor.tenantId, id);
  if (!user) throw AppError.notFound();
  await authorize(userPolicy, ctx, 'read', user, 'not_found');
  return viewOf(ctx, user);
}

/** Creates a user in a unit the actor manages; without a password one is generated and returned once. */
export async function createUser(ctx: RequestContext, input: UserCreateInput): Promise<{ user: UserView; temporaryPassword: string | null }> {
  requireActor(ctx);
  const actor = await requireAccess(ctx, 'user.manage');
  const newUser = { id: null, unitId: input.unitId };
  if (input.unitId === null) {
    // A user without a unit is for a tenant-wide manager only.
    await authorize(userPolicy, ctx, 'manage', newUser, forbidden('error.forbidden_action', { path: 'body.unitId' }));
  } else if (!(await can(userPolicy, ctx, 'manage', newUser)) || !(await unitExistsInTenant(ctx.db, actor.tenantId, input.unitId))) {
    // Out of scope reads as not found, as for any other unit.
    throw new AppError('unit_not_found', 422, 'user.unit_not_found', [{ path: 'body.unitId', message: '' }], { unit: input.unitId });
  }
  if (input.password !== undefined && !isStrongPassword(input.password)) throw weakPassword('body.password');
  if (await findUserByUsername(ctx.db, input.username)) throw usernameTaken('body.username');

  const temporaryPassword = input.password === undefined ? generateTemporaryPassword() : null;
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  const created = await insertUserAudited(
    ctx.db,
    { actor, requestId: ctx.requestId },
    {
      id: randomUUID(),
      tenantId: actor.tenantId,
      username: input.username,
      fullName: cleanText(input.fullName),
      email: cleanOptional(input.email),
      position: cleanOptional(input.position),
      unitId: input.unitId,
      passwordHash,
      // A generated password must be changed; a chosen one too unless the creator says otherwise.
      mustChangePassword: temporaryPassword !== null || (input.mustChangePassword ?? true),
    },
    'body.username',
  );
  return { user: await viewOf(ctx, created), temporaryPassword };
}

async function insertUserAudited(db: Db, auditCtx: Parameters<typeof recordAudit>[1], row: typeof users.$inferInsert, usernamePath: string): Promise<UserRow> {
  try {
    return await db.transaction(async (tx) => {
      const created = await insertUser(tx, row);
      await recordAudit(
        tx,
        auditCtx,
        { action: 'user.created', entityType: 'user', entityId: created.id, unitId: created.unitId, after: auditUserFields(created) },
        created.tenantId,
      );
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken(usernamePath);
    throw error;
  }
}

const updatableFields = ['fullName', 'email', 'position', 'isActive', 'locale'] as const;

/** Edits profile fields under optimistic locking; disabling a user also ends their sessions. */
export async function updateUser(ctx: RequestContext, id: string, input: UserUpdateInput): Promise<UserView> {
  requireActor(ctx);
  const user = await loadManagedUser(ctx, id);
  await authorize(userPolicy, ctx, 'edit', user, outranksActor());
  if (input.isActive === false && user.id === ctx.actor.userId) {
    throw new AppError('cannot_deactivate_self', 422, 'user.cannot_deactivate_self', [{ path: 'body.isActive', message: '' }]);
  }
  if (input.rowVersion !== user.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
  const next = {
    fullName: input.fullName === undefined ? user.fullName : cleanText(input.fullName),
    email: input.email === undefined ? user.email : cleanOptional(input.email),
    position: input.position === undefined ? user.position : cleanOptional(input.position),
    isActive: input.isActive ?? user.isActive,
    locale: input.locale ?? user.locale,
  };
  const changed = updatableFields.filter((field) => next[field] !== user[field]);
  if (changed.length === 0) return viewOf(ctx, user);
  const changes = Object.fromEntries(changed.map((f) => [f, next[f]])) as Partial<typeof next>;
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await updateUserAtVersion(tx, user.id, input.rowVersion, changes);
    if (!row) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    if (changes.isActive === false) await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, ctx, {
      action: 'user.updated',
      entityType: 'user',
      entityId: user.id,
      unitId: user.unitId,
      before: Object.fromEntries(changed.map((f) => [f, user[f]])),
      after: changes,
    });
    return row;
  });
  return viewOf(ctx, updated);
}

async function setPassword(db: Db, auditCtx: Parameters<typeof recordAudit>[1], user: UserRow, password: string, mustChangePassword: boolean): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword, failedLogins: 0, lockedUntil: null, updatedAt: new Date(), rowVersion: sql`${users.rowVersion} + 1` })
      .where(eq(users.id, user.id));
    const sessionsEnded = await deleteSessionsOfUser(tx, user.id);
    await recordAudit(
      tx,
      auditCtx,
      { action: 'user.password_reset', entityType: 'user', entityId: user.id, unitId: user.unitId, after: { mustChangePassword, sessionsEnded } },
      user.tenantId,
    );
  });
}

/** Sets a generated password (returned once), requires a change at next sign-in, ends the user's sessions. */
export async function resetPassword(ctx: RequestContext, id: string): Promise<{ temporaryPassword: string }> {
  requireActor(ctx);
  const user = await loadManagedUser(ctx, id);
  await authorize(userPolicy, ctx, 'edit', user, outranksActor());
  const temporaryPassword = generateTemporaryPassword();
  await setPassword(ctx.db, ctx, user, temporaryPassword, true);
  return { temporaryPassword };
}

/** Gives a role over a unit (or the tenant) for a period, refusing anything beyond the actor's own rights. */
export async function createGrant(ctx: RequestContext, userId: string, input: GrantCreateInput) {
  requireActor(ctx);
  const user = await loadManagedUser(ctx, userId);
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= input.validFrom) {
    throw AppError.validation([{ path: 'body.validTo', message: '' }], 'grant.date_order');
  }
  const wanted: GrantSubject = { role: input.role, unitId: input.unitId, includeSubtree: input.includeSubtree };
  // Checked in two steps so that the refusal names the field at fault: the unit, else the role.
  await authorize(grantPolicy, ctx, 'manageUnit', wanted, cannotGrantRole(input.role, 'body.unitId'));
  await authorize(grantPolicy, ctx, 'give', wanted, cannotGrantRole(input.role, 'body.role'));
  // Only a tenant-wide actor gets here with a unit it does not know; it must still belong to the tenant.
  if (input.unitId !== null && !(await unitExistsInTenant(ctx.db, ctx.actor.tenantId, input.unitId))) {
    throw new AppError('unit_not_found', 422, 'user.unit_not_found', [{ path: 'body.unitId', message: '' }], { unit: input.unitId });
  }
  const grant = await ctx.db.transaction(async (tx) => {
    const row = await insertGrant(tx, {
      id: randomUUID(),
      tenantId: user.tenantId,
      userId: user.id,
      role: input.role,
      unitId: input.unitId,
      includeSubtree: input.includeSubtree,
      validFrom: input.validFrom,
      validTo,
    });
    await recordAudit(tx, ctx, {
      action: 'grant.created',
      entityType: 'role_grant',
      entityId: row.id,
      unitId: row.unitId ?? user.unitId,
      after: auditGrantFields(row, user.username),
    });
    return row;
  });
  return presentGrant(grant, await unitNamesOf(ctx.db, grant.tenantId, [], [grant]));
}

/** Revokes a grant the actor could have given. */
export async function revokeGrant(ctx: RequestContext, userId: string, grantId: string) {
  requireActor(ctx);
  const user = await loadManagedUser(ctx, userId);
  const grant = await findGrant(ctx.db, ctx.actor.tenantId, user.id, grantId);
  if (!grant) throw AppError.notFound();
  if (grant.revokedAt) throw AppError.conflict();
  if (isRole(grant.role)) {
    await authorize(grantPolicy, ctx, 'give', { role: grant.role, unitId: grant.unitId, includeSubtree: grant.includeSubtree }, cannotGrantRole(grant.role, 'params.grantId'));
  }
  const revoked = await ctx.db.transaction(async (tx) => {
    const row = await revokeGrantRow(tx, grant.id, new Date());
    if (!row) throw AppError.conflict();
    await recordAudit(tx, ctx, {
      action: 'grant.revoked',
      entityType: 'role_grant',
      entityId: grant.id,
      unitId: grant.unitId ?? user.unitId,
      before: { ...auditGrantFields(grant, user.username), revokedAt: null },
      after: { revokedAt: row.revokedAt!.toISOString() },
    });
    return row;
  });
  return { ...presentGrant(revoked, await unitNamesOf(ctx.db, revoked.tenantId, [], [revoked])), revokedAt: revoked.revokedAt!.toISOString() };
}

// ---------------------------------------------------------------------------------------------
// System functions for the CLI: no actor, the audit names the caller (e.g. 'cli').

const systemCtx = (actorName: string) => ({ actor: null, requestId: '', actorName });

async function requireUserByUsername(db: Db, username: string): Promise<UserRow> {
  const user = await findUserByUsername(db, normalizeText(username.trim()));
  if (!user) throw new AppError('user_not_found', 404, 'user.not_found', [], { username });
  return user;
}

async function resolveSystemUnit(db: Db, tenantId: string, ref: { unitCode?: string; unitId?: string | null }): Promise<string | null> {
  if (ref.unitCode !== undefined && ref.unitId !== undefined && ref.unitId !== null) {
    throw AppError.validation([{ path: 'unitCode', message: '', messageKey: 'user.unit_code_or_id' }]);
  }
  if (ref.unitCode !== undefined) {
    const found = await findUnitsByCodeOn(db, tenantId, ref.unitCode.trim(), todayInVietnam());
    if (found.length === 0) throw new AppError('unit_not_found', 422, 'user.unit_not_found', [{ path: 'unitCode', message: '' }], { unit: ref.unitCode });
    if (found.length > 1) throw new AppError('unit_ambiguous', 422, 'user.unit_ambiguous', [{ path: 'unitCode', message: '' }], { unit: ref.unitCode });
    return found[0]!.id;
  }
  if (ref.unitId === undefined || ref.unitId === null) return null;
  if (!z.uuid().safeParse(ref.unitId).success || !(await unitExistsInTenant(db, tenantId, ref.unitId))) {
    throw new AppError('unit_not_found', 422, 'user.unit_not_found', [{ path: 'unitId', message: '' }], { unit: ref.unitId });
  }
  return ref.unitId;
}

/** Creates a user without an actor (CLI); validates like the API. */
export async function systemCreateUser(
  db: Db,
  tenantId: string,
  input: {
    username: string;
    fullName: string;
    password: string;
    unitId?: string | null;
    unitCode?: string;
    email?: string | null;
    position?: string | null;
    mustChangePassword?: boolean;
  },
  actorName = 'cli',
): Promise<{ id: string; username: string }> {
  const parsedUsername = usernameSchema.safeParse(input.username);
  if (!parsedUsername.success) throw AppError.validation(zodDetails(parsedUsername.error, 'vi', 'username'));
  const fullName = cleanText(input.fullName ?? '');
  if (fullName === '') throw AppError.validation([{ path: 'fullName', message: '', messageKey: 'validation.required' }]);
  if (input.email && !z.email().safeParse(input.email.trim()).success) throw AppError.validation([{ path: 'email', message: '', messageKey: 'validation.email' }]);
  if (!isStrongPassword(input.password)) throw weakPassword('password');
  const unitId = await resolveSystemUnit(db, tenantId, { unitCode: input.unitCode, unitId: input.unitId });
  if (await findUserByUsername(db, parsedUsername.data)) throw usernameTaken('username');
  const created = await insertUserAudited(
    db,
    systemCtx(actorName),
    {
      id: randomUUID(),
      tenantId,
      username: parsedUsername.data,
      fullName,
      email: cleanOptional(input.email?.trim()),
      position: cleanOptional(input.position),
      unitId,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword ?? false,
    },
    'username',
  );
  return { id: created.id, username: created.username };
}

/** Sets a user's password (CLI), unlocks the account and ends their sessions. */
export async function systemResetPassword(db: Db, username: string, newPassword: string, options: { actorName?: string; mustChangePassword?: boolean } = {}): Promise<void> {
  const user = await requireUserByUsername(db, username);
  if (!isStrongPassword(newPassword)) throw weakPassword('password');
  await setPassword(db, systemCtx(options.actorName ?? 'cli'), user, newPassword, options.mustChangePassword ?? false);
}

/**
 * Grants a role (CLI) from today, tenant-wide unless a unit is named. `unitCode` is the official code of the
 * unit in force today. An identical grant already in force is returned as is (safe to run twice).
 */
export async function systemGrantRole(
  db: Db,
  username: string,
  input: { role: string; unitCode?: string; unitId?: string | null; includeSubtree?: boolean; validTo?: string | null },
  actorName = 'cli',
) {
  const user = await requireUserByUsername(db, username);
  if (!isRole(input.role)) throw AppError.validation([{ path: 'role', message: '', messageKey: 'user.role_unknown', params: { role: input.role, allowed: roles.join(', ') } }]);
  const unitId = await resolveSystemUnit(db, user.tenantId, input);
  const includeSubtree = input.includeSubtree ?? true;
  const today = todayInVietnam();
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= today) throw AppError.validation([{ path: 'validTo', message: '' }], 'grant.date_order');
  const existing = (await findCurrentAndFutureGrants(db, user.id, today)).find(
    (g) => g.role === input.role && g.unitId === unitId && g.includeSubtree === includeSubtree && g.validFrom <= today && g.validTo === validTo,
  );
  if (existing) return presentGrant(existing, await unitNamesOf(db, user.tenantId, [], [existing]));
  const grant = await db.transaction(async (tx) => {
    const row = await insertGrant(tx, { id: randomUUID(), tenantId: user.tenantId, userId: user.id, role: input.role, unitId, includeSubtree, validFrom: today, validTo });
    await recordAudit(
      tx,
      systemCtx(actorName),
      { action: 'grant.created', entityType: 'role_grant', entityId: row.id, unitId: row.unitId ?? user.unitId, after: auditGrantFields(row, user.username) },
      user.tenantId,
    );
    return row;
  });
  return presentGrant(grant, await unitNamesOf(db, user.tenantId, [], [grant]));
}

/**
 * Revokes a user's unrevoked grants of a role (CLI). unitId undefined: of any unit; null: tenant-wide ones only.
 * Returns how many were revoked; none is an error.
 */
export async function systemRevokeRole(db: Db, username: string, role: string, unitId?: string | null, actorName = 'cli'): Promise<number> {
  const user = await requireUserByUsername(db, username);
  if (!isRole(role)) throw AppError.validation([{ path: 'role', message: '', messageKey: 'user.role_unknown', params: { role, allowed: roles.join(', ') } }]);
  if (unitId && !z.uuid().safeParse(unitId).success) throw AppError.validation([{ path: 'unitId', message: '', messageKey: 'validation.uuid' }]);
  const grants = await findUnrevokedGrantsOfRole(db, user.id, role, unitId);
  if (grants.length === 0) throw new AppError('grant_not_found', 404, 'grant.not_found', [], { username: user.username, role });
  await db.transaction(async (tx) => {
    for (const grant of grants) {
      const row = await revokeGrantRow(tx, grant.id, new Date());
      if (!row) continue;
      await recordAudit(
        tx,
        systemCtx(actorName),
        {
          action: 'grant.revoked',
          entityType: 'role_grant',
          entityId: grant.id,
          unitId: grant.unitId ?? user.unitId,
          before: { ...auditGrantFields(grant, user.username), revokedAt: null },
          after: { revokedAt: row.revokedAt!.toISOString() },
        },
        user.tenantId,
      );
    }
  });
  return grants.length;
}
