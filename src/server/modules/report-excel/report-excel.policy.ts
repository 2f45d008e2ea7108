import { holdsPermission } from '../../auth/access.js';
import { can, type Policy } from '../../auth/policy.js';
import { unitReportsPolicy } from '../reports/reports.policy.js';

/** An import job as the policy reads it: who started it. */
export type ImportJobSubject = { readonly createdBy: string | null };

/**
 * Importing reports from a workbook: only people who report somewhere may start an import (403 otherwise); each row
 * is then checked like any edit of that unit's report (`reportPolicy` 'edit'). A job is seen by its author and by
 * whoever reads reports tenant-wide (404 otherwise). Templates are a unit's reports of a period (`unitReportsPolicy`).
 */
export const reportImportPolicy: Policy<ImportJobSubject | null, 'start' | 'read'> = {
  start: (ctx) => holdsPermission(ctx.actor, 'report.submit'),
  read: async (ctx, job) => job !== null && (job.createdBy === ctx.actor.userId || (await can(unitReportsPolicy, ctx, 'read', { unitId: null }))),
};
