import { holdsTenantWide } from '../../auth/access.js';
import type { Policy, TenantLevel } from '../../auth/policy.js';

/** Who may do what to the boundary sets (the province's reference data; reading a map needs dashboard.read). */
export const boundarySetPolicy: Policy<TenantLevel, 'upload'> = {
  /** Upload one, or make demo geometry: unit.manage over the whole tenant. */
  upload: (ctx) => holdsTenantWide(ctx, 'unit.manage'),
};
