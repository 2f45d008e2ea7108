import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Locale } from '../../../core/i18n/messages.js';
import type { Permission } from '../../../core/permissions.js';
import { assertNever } from '../../../core/reports/periods.js';
import { isEditable, nextStatus, permissionFor, reportStatusLabels, type ReportAction, type ReportStatus } from '../../../core/reports/workflow.js';
import type { AuthedContext } from '../../auth/actor.js';
import { inScope, scopeFor, scopeWhere } from '../../auth/access.js';
import { abilitiesOf, type Policy } from '../../auth/policy.js';
import { AppError } from '../../errors.js';
import type { PeriodRow } from '../report-regimes/report-regimes.repository.js';
import type { ReportRow } from './reports.repository.js';
import type { ReportView } from './reports.schemas.js';

// Who may do what with reports. A report action is allowed when the actor may take it (`reportPolicy`: scopes, 403
// otherwise) and the report's state lets it happen (`stateRefusal`: 409 otherwise, checked under the row lock). The
// services check both before acting and `reportAbilities` answers both for the web app, so the buttons it shows and
// the checks the server makes cannot disagree.

/** What the policy reads of a report: its unit, and its reviewing unit (null: the standing agency reviews it). */
export type ReportSubject = Pick<ReportRow, 'unitId' | 'reviewerUnitId'>;

/** Writing to a report (values, narratives, evidence, imported rows) and the workflow actions. */
export type ReportPolicyAction = 'edit' | ReportAction;

/** The permission held on the report's unit: what `permissionFor` names for the action (editing needs what submitting does). */
function onTheUnit(action: 'submit' | 'unlock') {
  const permission: Permission = permissionFor(action);
  return async (ctx: AuthedContext, report: ReportSubject) => inScope(await scopeFor(ctx.db, ctx.actor, permission), report.unitId);
}

/** report.review on the reviewing unit; a report the standing agency reviews needs it tenant-wide. */
function onTheReviewer(action: 'return' | 'approve' | 'lock') {
  const permission: Permission = permissionFor(action);
  return async (ctx: AuthedContext, report: ReportSubject) => {
    const scope = await scopeFor(ctx.db, ctx.actor, permission);
    return report.reviewerUnitId ? inScope(scope, report.reviewerUnitId) : scope.kind === 'all';
  };
}

/**
 * Who may act on a report, whatever its state: the reporting unit's people edit and submit it, the reviewing unit's
 * reviewers return, approve and lock it, report.unlock on the unit unlocks it. The report itself is read through
 * report.read on its unit first (404 outside it); refused here, in scope: 403.
 */
export const reportPolicy: Policy<ReportSubject, ReportPolicyAction> = {
  edit: onTheUnit('submit'),
  submit: onTheUnit('submit'),
  return: onTheReviewer('return'),
  approve: onTheReviewer('approve'),
  lock: onTheReviewer('lock'),
  unlock: onTheUnit('unlock'),
};

/**
 * The review queue as a list filter, `onTheReviewer` for many reports: tenant-wide reviewers (the standing agency)
 * queue what no district reviews; others, what their units review.
 */
export async function reviewedByActorWhere(ctx: AuthedContext, reviewerUnitId: AnyColumn): Promise<SQL> {
  const scope = await scopeFor(ctx.db, ctx.actor, permissionFor('approve'));
  return scope.kind === 'all' ? sql`${reviewerUnitId} is null` : sql`(${reviewerUnitId} is not null and ${scopeWhere(reviewerUnitId, scope)})`;
}

/** The permissions `reportPolicy` reads. */
const reportPermissions: readonly Permission[] = ['report.submit', 'report.review', 'report.unlock'];

/**
 * Reads the actor's scopes for every permission `reportPolicy` reads, together. They are cached on the actor for the
 * request, so the check and the abilities presented afterwards (inside the transition's transaction too) make no
 * further query.
 */
export async function loadReportScopes(ctx: AuthedContext): Promise<void> {
  await Promise.all(reportPermissions.map((permission) => scopeFor(ctx.db, ctx.actor, permission)));
}

/** Whether the unit may still write to the report in this period (open, or closed but sent back). */
function periodAcceptsWork(period: Pick<PeriodRow, 'status'>, status: ReportStatus): boolean {
  return period.status === 'open' || (period.status === 'closed' && status === 'returned');
}

/** Why a report's state refuses an action (each answers 409). */
export type ReportStateRefusal = 'not_editable' | 'transition_not_allowed' | 'period_not_open' | 'period_locked';

/**
 * What the report's status and its period's status say about an action: null when they allow it, else why not. The
 * unit writes while the period is open (or closed, to a report sent back); reviewers act until the period locks.
 */
export function stateRefusal(action: ReportPolicyAction, status: ReportStatus, period: Pick<PeriodRow, 'status'>): ReportStateRefusal | null {
  if (action === 'edit') return isEditable(status) && periodAcceptsWork(period, status) ? null : 'not_editable';
  if (nextStatus(status, action) === null) return 'transition_not_allowed';
  if (action === 'submit' && !periodAcceptsWork(period, status)) return 'period_not_open';
  if ((action === 'return' || action === 'approve') && period.status === 'locked') return 'period_locked';
  return null;
}

/** The 409 for a refusal by the report's state, worded as the report routes answer it. */
export function stateError(
  refusal: ReportStateRefusal,
  input: { action: ReportPolicyAction; status: ReportStatus; period: Pick<PeriodRow, 'label' | 'status'>; locale: Locale },
): AppError {
  switch (refusal) {
    case 'not_editable':
      return new AppError('not_editable', 409, 'report.not_editable', [], { status: reportStatusLabels[input.status][input.locale] });
    case 'transition_not_allowed':
      return new AppError('transition_not_allowed', 409, 'report.transition_not_allowed', [], { status: reportStatusLabels[input.status][input.locale], action: input.action });
    case 'period_not_open':
      return new AppError('period_not_open', 409, 'report.period_not_open', [], { period: input.period.label, status: input.period.status });
    case 'period_locked':
      return new AppError('period_locked', 409, 'report.period_locked', [], { period: input.period.label });
    default:
      return assertNever(refusal);
  }
}

/** The actor's abilities on a report, as sent to the web app: what `reportPolicy` and `stateRefusal` both allow. */
export async function reportAbilities(ctx: AuthedContext, report: ReportSubject & Pick<ReportRow, 'status'>, period: Pick<PeriodRow, 'status'>): Promise<ReportView['abilities']> {
  const may = await abilitiesOf(reportPolicy, ctx, report);
  const status = report.status as ReportStatus;
  const can = (action: ReportPolicyAction) => may[action] && stateRefusal(action, status, period) === null;
  return { canEdit: can('edit'), canSubmit: can('submit'), canReturn: can('return'), canApprove: can('approve'), canLock: can('lock'), canUnlock: can('unlock') };
}

/** A unit's reports of a period taken together (its compilation, its template); `unitId` null: the whole tenant's. */
export type UnitReportsSubject = { unitId: string | null };

async function reviewsTheUnit(ctx: AuthedContext, subject: UnitReportsSubject): Promise<boolean> {
  return subject.unitId !== null && inScope(await scopeFor(ctx.db, ctx.actor, 'report.review'), subject.unitId);
}

/**
 * A unit's reports of a period: read with report.read on the unit (the whole tenant's by tenant-wide readers only);
 * its compilation closed, and its units marked as not reporting, with report.review on the unit. Refusals read as not
 * found (404).
 */
export const unitReportsPolicy: Policy<UnitReportsSubject, 'read' | 'close' | 'markMissing'> = {
  read: async (ctx, subject) => {
    const scope = await scopeFor(ctx.db, ctx.actor, 'report.read');
    return subject.unitId === null ? scope.kind === 'all' : inScope(scope, subject.unitId);
  },
  close: reviewsTheUnit,
  markMissing: reviewsTheUnit,
};
