import { isEditable, nextStatus, type ReportStatus } from '../../../core/reports/workflow.js';
import type { AuthedContext, Scope } from '../../auth/actor.js';
import { inScope, scopeFor } from '../../auth/access.js';
import type { PeriodRow } from '../report-regimes/report-regimes.repository.js';
import type { ReportRow } from './reports.repository.js';

export type Scopes = { submit: Scope; review: Scope; unlock: Scope };

/** The actor's scopes for the report permissions, read together. */
export async function loadScopes(ctx: AuthedContext): Promise<Scopes> {
  const [submit, review, unlock] = await Promise.all([
    scopeFor(ctx.db, ctx.actor, 'report.submit'),
    scopeFor(ctx.db, ctx.actor, 'report.review'),
    scopeFor(ctx.db, ctx.actor, 'report.unlock'),
  ]);
  return { submit, review, unlock };
}

/** Whether the actor reviews the report: its reviewing unit in the review scope, or tenant-wide for the standing agency's. */
export function canReviewReport(scopes: Scopes, report: Pick<ReportRow, 'reviewerUnitId'>): boolean {
  return report.reviewerUnitId ? inScope(scopes.review, report.reviewerUnitId) : scopes.review.kind === 'all';
}

/** Whether the unit may still write to the report in this period (open, or closed but sent back). */
export function periodAcceptsWork(period: PeriodRow, status: ReportStatus): boolean {
  return period.status === 'open' || (period.status === 'closed' && status === 'returned');
}

/** What the actor may do with the report now, as sent to the web app. */
export function abilitiesOf(scopes: Scopes, report: ReportRow, period: PeriodRow) {
  const status = report.status as ReportStatus;
  const unit = inScope(scopes.submit, report.unitId);
  const review = canReviewReport(scopes, report);
  const work = periodAcceptsWork(period, status);
  return {
    canEdit: unit && work && isEditable(status),
    canSubmit: unit && work && nextStatus(status, 'submit') !== null,
    canReturn: review && period.status !== 'locked' && nextStatus(status, 'return') !== null,
    canApprove: review && period.status !== 'locked' && nextStatus(status, 'approve') !== null,
    canLock: review && nextStatus(status, 'lock') !== null,
    canUnlock: inScope(scopes.unlock, report.unitId) && nextStatus(status, 'unlock') !== null,
  };
}
