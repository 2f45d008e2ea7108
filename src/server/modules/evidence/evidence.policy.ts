import { inScope, scopeFor } from '../../auth/access.js';
import type { Policy } from '../../auth/policy.js';
import { reportPolicy, type ReportSubject } from '../reports/reports.policy.js';

/**
 * Evidence belongs to its report. Adding or removing it is editing the report (`reportPolicy` 'edit': report.submit
 * on the unit, 403 otherwise), so the form's canEdit and these checks agree; the report's state is checked as for any
 * edit. Downloading a file needs report.read on the report's unit (404 otherwise).
 */
export const evidencePolicy: Policy<ReportSubject, 'change' | 'download'> = {
  change: (ctx, report) => reportPolicy.edit(ctx, report),
  download: async (ctx, report) => inScope(await scopeFor(ctx.db, ctx.actor, 'report.read'), report.unitId),
};
