import { holdsTenantWide } from '../../auth/access.js';
import type { Policy, TenantLevel } from '../../auth/policy.js';

/** Who may do what to a criteria set and its versions (tenant-level objects). */
export const criteriaPolicy: Policy<TenantLevel, 'manage'> = {
  /** Edit a draft, freeze it, amend a frozen version: criteria.manage over the whole tenant. */
  manage: (ctx) => holdsTenantWide(ctx, 'criteria.manage'),
};
