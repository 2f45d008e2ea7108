import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { codeString, dataElementSchema, evidenceRequirementSchema } from '../../../core/criteria/criteria.schemas.js';
import { compilationStatuses, reportActions, reportStatuses } from '../../../core/reports/workflow.js';

/**
 * Request and response contracts of the reports area (shared with the web app). Values travel as decimal strings
 * ("90", "59.99"), booleans for yes/no, or null for "not entered yet".
 */
const uuid = z.string().uuid();
const rowVersion = z.number().int().min(1);
const text = (max: number) => z.string().max(max);

export const idParams = z.object({ id: uuid }).strict();
export const periodUnitParams = z.object({ id: uuid, unitId: uuid }).strict();
export const evidenceParams = z.object({ id: uuid, evidenceId: uuid }).strict();

export const reportValue = z.union([z.string().max(4000), z.boolean(), z.null()]);
export const reportValues = z.record(codeString, reportValue);

export const reportStatusSchema = z.enum(reportStatuses);
export const reportActionSchema = z.enum(reportActions);

export const abilitiesView = z.object({
  canEdit: z.boolean(),
  canSubmit: z.boolean(),
  canReturn: z.boolean(),
  canApprove: z.boolean(),
  canLock: z.boolean(),
  canUnlock: z.boolean(),
});

export const issueView = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const warningView = issueView.extend({ score: z.number().nullable() });

export const evidenceView = z.object({
  id: uuid,
  criterionCode: z.string(),
  documentNumber: z.string().nullable(),
  documentDate: z.string().nullable(),
  issuer: z.string().nullable(),
  summary: z.string().nullable(),
  file: z
    .object({
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string().describe('SHA-256 of the content, to check a printout against the stored file'),
      downloadUrl: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

export const eventView = z.object({
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const reportView = z.object({
  id: uuid,
  periodId: uuid,
  periodLabel: z.string(),
  unitId: uuid,
  unitName: z.string(),
  unitCode: z.string().nullable(),
  level: z.string(),
  reviewerUnitId: uuid.nullable().describe('null: reviewed by the standing agency (tenant-wide report.review)'),
  reviewerUnitName: z.string().nullable(),
  criteriaSetVersionId: uuid,
  status: reportStatusSchema,
  values: reportValues,
  narratives: z.record(z.string(), z.string()),
  warningComments: z.record(z.string(), z.string()),
  returnComments: z.record(z.string(), z.string()),
  judgements: z.record(z.string(), z.string()),
  dueDate: z.string(),
  timeliness: z.enum(['on_time', 'late', 'pending', 'overdue']),
  daysLate: z.number().int(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
  evaluationId: uuid.nullable(),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  updatedAt: z.string(),
  abilities: abilitiesView,
});
export type ReportView = z.infer<typeof reportView>;

export const reportSummaryView = reportView.omit({ values: true, narratives: true, warningComments: true, returnComments: true, judgements: true });

export const formElementView = dataElementSchema.extend({
  previousValue: reportValue.describe('Value of the latest earlier period of the same regime (null when none)'),
  previousPeriodLabel: z.string().nullable(),
  value: reportValue,
  returnComment: z.string().nullable(),
  warning: warningView.nullable(),
  warningComment: z.string().nullable(),
  errors: z.array(issueView),
});

export const formCriterionView = z.object({
  code: z.string(),
  title: z.string(),
  kind: z.string(),
  help: z.string().nullable(),
  evidenceRequirement: evidenceRequirementSchema,
  target: z.string().nullable().describe('Target for the unit level, e.g. "≥ 60"'),
  evidence: z.array(evidenceView),
  returnComment: z.string().nullable(),
});

export const formView = z.object({
  report: reportView,
  areas: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      order: z.number().int(),
      narrative: z.string(),
      narrativeReturnComment: z.string().nullable(),
      elements: z.array(formElementView),
      criteria: z.array(formCriterionView),
    }),
  ),
  /** Whole-report comment of the last return (path "report"). */
  returnComment: z.string().nullable(),
  /** What submitting now would refuse (values, evidence, warning comments). */
  submitErrors: z.array(issueView),
  warnings: z.array(warningView),
  events: z.array(eventView),
});
export type FormView = z.infer<typeof formView>;

export const createReportBody = z.object({ periodId: uuid, unitId: uuid }).strict();

export const listReportsQuery = z
  .object({
    periodId: uuid.optional(),
    unitId: uuid.optional(),
    status: reportStatusSchema.optional(),
    /** Reports waiting for the caller's review. */
    toReview: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export const saveReportBody = z
  .object({
    rowVersion,
    /** Fields to change (others keep their stored value). */
    values: reportValues.optional(),
    narratives: z.record(codeString, text(20_000)).optional(),
    warningComments: z.record(codeString, text(2000)).optional(),
  })
  .strict();
export type SaveReportInput = z.infer<typeof saveReportBody>;

export const transitionBody = z
  .object({
    rowVersion,
    /** Whole-report comment (required to return). */
    comment: text(4000).optional(),
    /** Return: comments per field path, e.g. {"values.records_total": "…", "evidence.van_ban_dien_tu": "…"}. */
    fieldComments: z.record(z.string().max(200), text(2000)).optional(),
    /** Approve: judgements of qualitative criteria (criterion code → scale level code). */
    judgements: z.record(codeString, codeString).optional(),
    /** Unlock: the reason (required). */
    reason: text(2000).optional(),
  })
  .strict();
export type TransitionInput = z.infer<typeof transitionBody>;

export const documentEvidenceBody = z
  .object({
    criterionCode: codeString,
    documentNumber: z.string().trim().min(1).max(100),
    documentDate: isoDate,
    issuer: z.string().trim().min(1).max(500),
    summary: z.string().trim().min(1).max(2000),
  })
  .strict();
export type DocumentEvidenceInput = z.infer<typeof documentEvidenceBody>;

export const fileEvidenceQuery = z
  .object({
    criterionCode: codeString,
    documentNumber: z.string().trim().max(100).optional(),
    documentDate: isoDate.optional(),
    issuer: z.string().trim().max(500).optional(),
    summary: z.string().trim().max(2000).optional(),
  })
  .strict();

export const missingBody = z.object({ unitId: uuid, reason: z.string().trim().min(5).max(2000) }).strict();

export const compilationQuery = z.object({ unitId: uuid.optional().describe('District (or other reviewing unit); omit for the whole province') }).strict();

export const levelStatsView = z.object({
  level: z.string(),
  expected: z.number().int(),
  submitted: z.number().int().describe('Submitted at least once (any status after draft)'),
  approved: z.number().int(),
  missing: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int().describe('Submitted after the due date, or not submitted and overdue'),
  completeness: z.string().describe('approved / expected × 100, two decimals'),
  timeliness: z.string().describe('onTime / expected × 100, two decimals'),
});

export const compilationView = z.object({
  period: z.object({ id: uuid, code: z.string(), label: z.string(), status: z.string(), dueDate: z.string(), endDate: z.string() }),
  unit: z.object({ id: uuid, name: z.string() }).nullable(),
  compilation: z.object({ status: z.enum(['open', 'closed']), closedAt: z.string().nullable(), closedBy: z.string().nullable() }),
  units: z.array(
    z.object({
      unitId: uuid,
      code: z.string().nullable(),
      name: z.string(),
      level: z.string(),
      parentName: z.string().nullable(),
      status: z.enum(compilationStatuses),
      reportId: uuid.nullable(),
      reportStatus: reportStatusSchema.nullable(),
      submittedAt: z.string().nullable(),
      daysLate: z.number().int(),
      missingReason: z.string().nullable(),
      totalPoints: z.string().nullable(),
      classification: z.string().nullable(),
    }),
  ),
  counts: z.record(z.string(), z.number().int()),
  totals: z.array(
    z.object({ code: z.string(), name: z.string(), unitOfMeasure: z.string().nullable(), aggregation: z.string(), value: z.string().nullable(), reported: z.number().int() }),
  ),
  byLevel: z.array(levelStatsView),
  canClose: z.boolean(),
});
export type CompilationView = z.infer<typeof compilationView>;

export const okView = z.object({ ok: z.literal(true) });
