import { holdsTenantWide } from '../../auth/access.js';
import type { Policy, TenantLevel } from '../../auth/policy.js';

/** Who may do what to a movement (a tenant-level object: its phases, milestones, agencies and packages). */
export const movementPolicy: Policy<TenantLevel, 'manage'> = {
  /** The province's: movement.manage over the whole tenant (a grant over one district does not reach it). */
  manage: (ctx) => holdsTenantWide(ctx, 'movement.manage'),
};
