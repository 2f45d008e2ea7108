import { inScope, scopeFor } from '../../auth/access.js';
import type { Policy } from '../../auth/policy.js';
import { unionScope } from '../inbox/inbox.service.js';

/**
 * Who reads launches, registrations and pilot lists of a unit: anyone who may read the movement for it, act for it or
 * review it (the union of the scopes of movement.read, registration.submit and registration.review).
 */
export const obligationReadPermissions = ['movement.read', 'registration.submit', 'registration.review'] as const;

/** A launch as the rules see it: the unit that launched the movement. */
export type LaunchSubject = { unitId: string };

/** Who may do what with a unit's launch of a movement. */
export const launchPolicy: Policy<LaunchSubject, 'read' | 'edit'> = {
  read: async (ctx, launch) => inScope(await unionScope(ctx.db, ctx.actor, obligationReadPermissions), launch.unitId),
  /** Record or correct it: registration.submit on the unit. */
  edit: async (ctx, launch) => inScope(await scopeFor(ctx.db, ctx.actor, 'registration.submit'), launch.unitId),
};
