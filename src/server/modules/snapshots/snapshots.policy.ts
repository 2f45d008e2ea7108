import { holdsTenantWide } from '../../auth/access.js';
import type { Policy, TenantLevel } from '../../auth/policy.js';

/** Who may do what to the ranking snapshot of a period. */
export const snapshotPolicy: Policy<TenantLevel, 'manage'> = {
  /** See, close and freeze, publish, correct: the standing agency's, movement.manage over the whole tenant. */
  manage: (ctx) => holdsTenantWide(ctx, 'movement.manage'),
};
