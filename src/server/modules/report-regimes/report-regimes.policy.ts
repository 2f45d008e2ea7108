import { holdsTenantWide } from '../../auth/access.js';
import type { Policy } from '../../auth/policy.js';
import type { PeriodRow } from './report-regimes.repository.js';

/**
 * Report regimes and their periods are the province's: creating regimes and periods, and opening a period ahead of
 * its date, need movement.manage over the whole tenant (403 otherwise). Anyone signed in reads them.
 */
export const reportRegimePolicy: Policy<null, 'manage'> = {
  manage: (ctx) => holdsTenantWide(ctx, 'movement.manage'),
};

/** Whether a period's state lets it be opened now, ahead of its date: only a scheduled one (409 otherwise). */
export function opensNow(period: Pick<PeriodRow, 'status'>): boolean {
  return period.status === 'scheduled';
}
