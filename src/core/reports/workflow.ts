import type { Permission } from '../permissions.js';
import { assertNever } from './periods.js';

/**
 * Report workflow: draft → submitted → (returned ↔ resubmitted) → approved → locked. Unlock (privileged, with a
 * reason) sends an approved or locked report back to the unit as returned.
 */
export const reportStatuses = ['draft', 'submitted', 'returned', 'resubmitted', 'approved', 'locked'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportActions = ['submit', 'return', 'approve', 'lock', 'unlock'] as const;
export type ReportAction = (typeof reportActions)[number];

export const reportStatusLabels: Record<ReportStatus, { vi: string; en: string }> = {
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  resubmitted: { vi: 'Đã nộp lại', en: 'Resubmitted' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  locked: { vi: 'Đã khoá', en: 'Locked' },
};

export const reportActionLabels: Record<ReportAction, { vi: string; en: string }> = {
  submit: { vi: 'Nộp báo cáo', en: 'Submit' },
  return: { vi: 'Trả lại', en: 'Return' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  lock: { vi: 'Khoá', en: 'Lock' },
  unlock: { vi: 'Mở khoá', en: 'Unlock' },
};

/** The status an action leads to from a status, or null when the action is not allowed there. */
export function nextStatus(status: ReportStatus, action: ReportAction): ReportStatus | null {
  switch (status) {
    case 'draft':
      return action === 'submit' ? 'submitted' : null;
    case 'submitted':
    case 'resubmitted':
      return action === 'return' ? 'returned' : action === 'approve' ? 'approved' : null;
    case 'returned':
      return action === 'submit' ? 'resubmitted' : null;
    case 'approved':
      return action === 'lock' ? 'locked' : action === 'unlock' ? 'returned' : null;
    case 'locked':
      return action === 'unlock' ? 'returned' : null;
    default:
      return assertNever(status);
  }
}

/** Actions allowed from a status (before permissions). */
export function allowedActions(status: ReportStatus): ReportAction[] {
  return reportActions.filter((a) => nextStatus(status, a) !== null);
}

/** Whether the unit may still change values, narratives and evidence. */
export function isEditable(status: ReportStatus): boolean {
  switch (status) {
    case 'draft':
    case 'returned':
      return true;
    case 'submitted':
    case 'resubmitted':
    case 'approved':
    case 'locked':
      return false;
    default:
      return assertNever(status);
  }
}

/** The permission an action needs: on the report's unit for submit, on the reviewer for return/approve/lock. */
export function permissionFor(action: ReportAction): Permission {
  switch (action) {
    case 'submit':
      return 'report.submit';
    case 'return':
    case 'approve':
    case 'lock':
      return 'report.review';
    case 'unlock':
      return 'report.unlock';
    default:
      return assertNever(action);
  }
}

/** Whether an action needs a non-empty reason or comment. */
export function needsReason(action: ReportAction): boolean {
  return action === 'return' || action === 'unlock';
}

/** The inbox obligation a status leaves: who must act next. */
export function pendingObligation(status: ReportStatus): 'report_submit' | 'report_resubmit' | 'report_review' | null {
  switch (status) {
    case 'draft':
      return 'report_submit';
    case 'returned':
      return 'report_resubmit';
    case 'submitted':
    case 'resubmitted':
      return 'report_review';
    case 'approved':
    case 'locked':
      return null;
    default:
      return assertNever(status);
  }
}

export function isReportStatus(value: string): value is ReportStatus {
  return (reportStatuses as readonly string[]).includes(value);
}

/** How a unit appears in a compilation: no report yet, in progress, or settled. */
export const compilationStatuses = ['not_started', 'draft', 'submitted', 'returned', 'approved', 'late', 'missing'] as const;
export type CompilationStatus = (typeof compilationStatuses)[number];

export const compilationStatusLabels: Record<CompilationStatus, { vi: string; en: string }> = {
  not_started: { vi: 'Chưa bắt đầu', en: 'Not started' },
  draft: { vi: 'Đang soạn', en: 'Draft' },
  submitted: { vi: 'Đã nộp, chờ duyệt', en: 'Submitted' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  late: { vi: 'Quá hạn, chưa nộp', en: 'Late' },
  missing: { vi: 'Không báo cáo (có lý do)', en: 'Marked missing' },
};

/** A unit's status in its reviewer's compilation; "late" = not yet submitted after the due date. */
export function compilationStatusOf(input: { status: ReportStatus | null; markedMissing: boolean; overdue: boolean }): CompilationStatus {
  if (input.markedMissing && (input.status === null || input.status === 'draft')) return 'missing';
  if (input.status === null) return input.overdue ? 'late' : 'not_started';
  switch (input.status) {
    case 'draft':
      return input.overdue ? 'late' : 'draft';
    case 'submitted':
    case 'resubmitted':
      return 'submitted';
    case 'returned':
      return 'returned';
    case 'approved':
    case 'locked':
      return 'approved';
    default:
      return assertNever(input.status);
  }
}
