import type { Actor, AuthedContext, RequestContext } from '../../auth/actor.js';
import { inScope, requireAccess, scopeFor } from '../../auth/access.js';
import { authorize, can, forbidden, type Policy } from '../../auth/policy.js';

/** A unit as the rules see it; id null stands for the top of the tenant (a root unit, a group of units). */
export type UnitSubject = { id: string | null; validTo: string | null };

/** The top of the tenant: acting there needs unit.manage over the whole tenant. */
export const tenantTop: UnitSubject = { id: null, validTo: null };

/** Who may do what to the organisation tree. */
export const unitPolicy: Policy<UnitSubject, 'manage'> = {
  /** Edit the unit, create units under it, record its events: unit.manage on it (at the top, over the whole tenant). */
  manage: async (ctx, unit) => inScope(await scopeFor(ctx.db, ctx.actor, 'unit.manage'), unit.id),
};

/** The abilities sent with a unit's detail: recording an event needs a unit that has not ended. */
export async function unitAbilities(ctx: AuthedContext, unit: UnitSubject): Promise<{ canEdit: boolean; canRecordEvent: boolean }> {
  const manage = await can(unitPolicy, ctx, 'manage', unit);
  return { canEdit: manage, canRecordEvent: manage && unit.validTo === null };
}

/**
 * Tenant-wide unit management (root units, groups): unit.manage over the whole tenant. Without the permission
 * anywhere: 404 (the shared rule for tenant-level objects); with it on a subtree only: 403.
 */
export async function requireTenantWideUnitManage(ctx: RequestContext): Promise<Actor> {
  await requireAccess(ctx, 'unit.manage', null);
  return authorize(unitPolicy, ctx, 'manage', tenantTop, forbidden('unit.tenant_wide_required'));
}
