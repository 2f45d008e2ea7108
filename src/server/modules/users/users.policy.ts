import { todayInVietnam } from '../../../core/dates.js';
import { isRole, rolePermissions, type Role } from '../../../core/permissions.js';
import type { Actor, AuthedContext, Scope } from '../../auth/actor.js';
import { inScope, scopeFor } from '../../auth/access.js';
import { can, forbidden, type Denial, type Policy } from '../../auth/policy.js';
import type { AppError } from '../../errors.js';
import { findCurrentAndFutureGrants } from './users.repository.js';

/** A user as the rules see them: where they sit (null: no unit, so tenant-wide only); id null for one being created. */
export type UserSubject = { id: string | null; unitId: string | null };

/** A role grant as the rules see it, whether about to be given or already held. */
export type GrantSubject = { role: Role; unitId: string | null; includeSubtree: boolean };

/** Whether the scope contains every unit of the other (a tenant-wide scope contains everything). */
function covers(held: Scope, wanted: Scope): boolean {
  if (held.kind === 'all') return true;
  if (wanted.kind === 'all') return false;
  for (const id of wanted.unitIds) if (!held.unitIds.has(id)) return false;
  return true;
}

/** The units a grant would reach, computed by the one scope builder on a probe actor holding only that grant. */
function grantReach(ctx: AuthedContext, grant: GrantSubject): Promise<Scope> {
  const probe: Actor = {
    ...ctx.actor,
    grants: [{ id: 'probe', role: grant.role, unitId: grant.unitId, includeSubtree: grant.includeSubtree }],
    tokenPermissions: null,
    scopeCache: new Map(),
  };
  return scopeFor(ctx.db, probe, rolePermissions[grant.role][0]!);
}

/** Granting rules: no privilege escalation. */
export const grantPolicy: Policy<GrantSubject, 'manageUnit' | 'give'> = {
  /** The actor manages the users of the grant's unit (a tenant-wide grant needs a tenant-wide user.manage). */
  manageUnit: async (ctx, grant) => inScope(await scopeFor(ctx.db, ctx.actor, 'user.manage'), grant.unitId),
  /**
   * Give or take away the grant: manageUnit, a system administrator's role only from a tenant-wide one, and for every
   * permission of the role a scope of the actor's covering all the grant reaches.
   */
  give: async (ctx, grant) => {
    if (!(await grantPolicy.manageUnit(ctx, grant))) return false;
    if (grant.role === 'system_admin' && (await scopeFor(ctx.db, ctx.actor, 'system.admin')).kind !== 'all') return false;
    const reach = await grantReach(ctx, grant);
    for (const permission of rolePermissions[grant.role]) {
      if (!covers(await scopeFor(ctx.db, ctx.actor, permission), reach)) return false;
    }
    return true;
  },
};

/** Who may do what to a user account. */
export const userPolicy: Policy<UserSubject, 'read' | 'manage' | 'edit'> = {
  read: async (ctx, user) => inScope(await scopeFor(ctx.db, ctx.actor, 'user.read'), user.unitId),
  /** Create the user at their unit, give or revoke their grants (each grant checked by grantPolicy); abilities.manage. */
  manage: async (ctx, user) => inScope(await scopeFor(ctx.db, ctx.actor, 'user.manage'), user.unitId),
  /**
   * Edit the profile, disable, reset the password: manage, and (for somebody else) the actor could have given every
   * current and future grant the user holds; otherwise a unit admin could take over a higher account that happens to
   * sit in their unit.
   */
  edit: async (ctx, user) => {
    if (!(await userPolicy.manage(ctx, user))) return false;
    if (user.id === null || user.id === ctx.actor.userId) return true;
    for (const grant of await findCurrentAndFutureGrants(ctx.db, user.id, todayInVietnam())) {
      if (!isRole(grant.role)) continue;
      if (!(await can(grantPolicy, ctx, 'give', { role: grant.role, unitId: grant.unitId, includeSubtree: grant.includeSubtree }))) return false;
    }
    return true;
  },
};

/** Refusing to manage a user reads 403 when the actor may read them and 404 otherwise (who exists stays hidden). */
export function manageDenial(ctx: AuthedContext, user: UserSubject): () => Promise<Denial> {
  return async () => ((await can(userPolicy, ctx, 'read', user)) ? 'forbidden' : 'not_found');
}

/** The refusal of a grant beyond the actor's rights, naming the field at fault (`body.unitId`, `body.role`, …). */
export function cannotGrantRole(role: string, path: string): AppError {
  return forbidden('user.cannot_grant_role', { code: 'cannot_grant_role', path, params: { role } });
}

/** The refusal to edit a user who holds rights beyond the actor's. */
export function outranksActor(): AppError {
  return forbidden('user.outranks_actor', { code: 'user_outranks_actor' });
}
