// Reports: what the API answers (reports, evidence, check findings).
import { todayInVietnam } from '../../../core/dates.js';
import type { Locale } from '../../../core/i18n/messages.js';
import { timelinessOf } from '../../../core/reports/timeliness.js';
import type { ReportIssue } from '../../../core/reports/validation.js';
import type { ReportStatus } from '../../../core/reports/workflow.js';
import type { PeriodRow } from '../report-regimes/report-regimes.repository.js';
import type { EvidenceRow, ReportNames, ReportRow } from './reports.repository.js';
import type { EvidenceView, ReportView } from './reports.schemas.js';

/** A report as the API answers it: its fields, its timeliness today, the names shown beside it and the actor's abilities. */
export function presentReport(report: ReportRow, period: PeriodRow, names: ReportNames, abilities: ReportView['abilities']): ReportView {
  const submittedOn = report.firstSubmittedAt ? todayInVietnam(report.firstSubmittedAt) : null;
  const timeliness = timelinessOf({ dueDate: period.dueDate, submittedOn, today: todayInVietnam() });
  return {
    id: report.id,
    periodId: report.periodId,
    periodLabel: period.label,
    unitId: report.unitId,
    unitName: names.unitName,
    unitCode: names.unitCode,
    level: report.level,
    reviewerUnitId: report.reviewerUnitId,
    reviewerUnitName: names.reviewerUnitName,
    criteriaSetVersionId: report.criteriaSetVersionId,
    status: report.status as ReportStatus,
    values: report.values,
    narratives: report.narratives,
    warningComments: report.warningComments,
    returnComments: report.returnComments,
    judgements: report.judgements,
    dueDate: period.dueDate,
    timeliness: timeliness.kind,
    daysLate: 'daysLate' in timeliness ? timeliness.daysLate : 0,
    firstSubmittedAt: report.firstSubmittedAt?.toISOString() ?? null,
    submittedAt: report.submittedAt?.toISOString() ?? null,
    approvedAt: report.approvedAt?.toISOString() ?? null,
    lockedAt: report.lockedAt?.toISOString() ?? null,
    evaluationId: report.evaluationId,
    isDemo: report.isDemo,
    rowVersion: report.rowVersion,
    updatedAt: report.updatedAt.toISOString(),
    abilities,
  };
}

/** A check's finding in the reader's language. */
export function presentIssue(i: ReportIssue, locale: Locale) {
  return { path: i.path, code: i.code, message: locale === 'en' ? i.messageEn : i.message };
}

/** A piece of evidence: the document it cites and, for a file, where to download it. */
export function presentEvidence(e: EvidenceRow): EvidenceView {
  return {
    id: e.id,
    criterionCode: e.criterionCode,
    documentNumber: e.documentNumber,
    documentDate: e.documentDate,
    issuer: e.issuer,
    summary: e.summary,
    file: e.fileSha256
      ? {
          name: e.fileName ?? 'tep',
          mediaType: e.fileMediaType ?? 'application/octet-stream',
          size: e.fileSize ?? 0,
          sha256: e.fileSha256,
          downloadUrl: `/api/evidence/${e.id}/download`,
        }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}
