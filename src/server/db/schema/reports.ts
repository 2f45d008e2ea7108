import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from './common.js';
import { units } from './units.js';
import { users } from './identity.js';
import { criteriaEvaluations, criteriaSets, criteriaSetVersions, movements } from './movements.js';

/**
 * A report regime (chế độ báo cáo, Decree 09/2019 art. 7): name, content, reporting and receiving units, frequency,
 * data cut-off rule, due date rule, method; plus who reviews which level.
 */
export const reportRegimes = pgTable(
  'report_regimes',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id').references(() => movements.id),
    criteriaSetId: uuid('criteria_set_id')
      .notNull()
      .references(() => criteriaSets.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    content: text('content').notNull(),
    /** Criteria levels whose units report (commune, district, department…). */
    reportingLevels: text('reporting_levels').array().notNull(),
    /** Limits the reporting units to a subtree (null: the whole tenant). */
    rootUnitId: uuid('root_unit_id').references(() => units.id),
    receivingUnitName: text('receiving_unit_name').notNull(),
    frequency: text('frequency').notNull(),
    /** decree_09: 15th of the previous month → 14th (annual: 15/12 of the previous year → 14/12); calendar: 1st → last day. */
    cutoffRule: text('cutoff_rule').notNull(),
    /** Period schedule in days, see src/core/reports/periods.ts ScheduleRule. */
    schedule: jsonb('schedule').$type<{ openDaysBeforeEnd: number; dueDaysAfterEnd: number; closeDaysAfterDue: number; lockDaysAfterClose: number }>().notNull(),
    method: text('method').notNull(),
    /** Reviewer per reporting level: 'parent_district' or 'standing_agency'. */
    reviewerRules: jsonb('reviewer_rules').$type<Record<string, string>>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('report_regimes_tenant_code_idx').on(t.tenantId, t.code)],
);

/** A reporting period of a regime: data cut-off [startDate, endDate], due date, status scheduled → open → closed → locked. */
export const reportPeriods = pgTable(
  'report_periods',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    regimeId: uuid('regime_id')
      .notNull()
      .references(() => reportRegimes.id),
    code: text('code').notNull(),
    label: text('label').notNull(),
    kind: text('kind').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    locksOn: date('locks_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('scheduled'),
    criteriaSetVersionId: uuid('criteria_set_version_id')
      .notNull()
      .references(() => criteriaSetVersions.id),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    isDemo: boolean('is_demo').notNull().default(false),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_periods_regime_code_idx').on(t.regimeId, t.code), index('report_periods_status_idx').on(t.tenantId, t.status)],
);

/** One unit's report for one period. Values are decimal strings or booleans by data element code. */
export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    criteriaSetVersionId: uuid('criteria_set_version_id')
      .notNull()
      .references(() => criteriaSetVersions.id),
    level: text('level').notNull(),
    /** Unit that reviews; null = the standing agency (tenant-wide report.review). */
    reviewerUnitId: uuid('reviewer_unit_id').references(() => units.id),
    status: text('status').notNull().default('draft'),
    values: jsonb('values').$type<Record<string, string | boolean | null>>().notNull().default({}),
    narratives: jsonb('narratives').$type<Record<string, string>>().notNull().default({}),
    /** Reporter's explanations of outlier warnings, by data element code. */
    warningComments: jsonb('warning_comments').$type<Record<string, string>>().notNull().default({}),
    /** Reviewer's comments of the last return, by field path (values.x, narratives.y, evidence.z, report). */
    returnComments: jsonb('return_comments').$type<Record<string, string>>().notNull().default({}),
    judgements: jsonb('judgements').$type<Record<string, string>>().notNull().default({}),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true, mode: 'date' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    lockedAt: timestamp('locked_at', { withTimezone: true, mode: 'date' }),
    evaluationId: uuid('evaluation_id').references(() => criteriaEvaluations.id),
    isDemo: boolean('is_demo').notNull().default(false),
    rowVersion: integer('row_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('reports_period_unit_idx').on(t.periodId, t.unitId),
    index('reports_unit_idx').on(t.tenantId, t.unitId),
    index('reports_reviewer_idx').on(t.periodId, t.reviewerUnitId, t.status),
  ],
);

/**
 * One row per criterion of a report's current evaluation: the narrow table the dashboard counts met / not met over,
 * instead of opening every evaluation's JSON. Kept by database triggers on reports (migrations 0009, 0011): whenever
 * a report gets a new evaluation or a new status (approval, unlock, re-approval, any writer), its rows are replaced in
 * the same transaction; `approved` copies "the report is approved or locked", so the dashboard need not join reports.
 * `bucket` places the value relative to its target (see countCriterionBuckets).
 */
export const reportCriterionResults = pgTable(
  'report_criterion_results',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => criteriaEvaluations.id, { onDelete: 'cascade' }),
    tenantId: tenantId(),
    periodId: uuid('period_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    level: text('level').notNull(),
    criterionCode: text('criterion_code'),
    status: text('status'),
    bucket: text('bucket'),
    value: text('value'),
    approved: boolean('approved').notNull().default(false),
  },
  (t) => [index('report_criterion_results_period_idx').on(t.periodId, t.level, t.criterionCode, t.status), index('report_criterion_results_report_idx').on(t.reportId)],
);

/** The content of a report at each rowVersion: a stale save is answered with the fields changed since the client's. */
export const reportRevisions = pgTable(
  'report_revisions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    rowVersion: integer('row_version').notNull(),
    values: jsonb('values').$type<Record<string, string | boolean | null>>().notNull(),
    narratives: jsonb('narratives').$type<Record<string, string>>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.rowVersion] })],
);

/** Workflow history shown beside the report (the audit log keeps the tamper-evident copy). */
export const reportEvents = pgTable(
  'report_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    action: text('action').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    fromRowVersion: integer('from_row_version').notNull(),
    comment: text('comment'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at)],
);

/** Answers of idempotent transitions by (user, Idempotency-Key): a retried request gets the same answer. */
export const reportIdempotency = pgTable(
  'report_idempotency',
  {
    tenantId: tenantId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    action: text('action').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Content-addressed stored files (one row per distinct SHA-256 of the tenant). */
export const storedFiles = pgTable(
  'stored_files',
  {
    tenantId: tenantId(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] })],
);

/** Evidence for a criterion: a document reference (number and symbol, date, issuer, summary) and/or a file. */
export const reportEvidence = pgTable(
  'report_evidence',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id),
    criterionCode: text('criterion_code').notNull(),
    documentNumber: text('document_number'),
    documentDate: date('document_date', { mode: 'string' }),
    issuer: text('issuer'),
    summary: text('summary'),
    fileSha256: text('file_sha256'),
    fileName: text('file_name'),
    fileMediaType: text('file_media_type'),
    fileSize: integer('file_size'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('report_evidence_report_idx').on(t.reportId, t.criterionCode)],
);

/** A unit explicitly marked as not reporting for a period, with the reason (lets the district close its compilation). */
export const reportMissingMarks = pgTable(
  'report_missing_marks',
  {
    tenantId: tenantId(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    reason: text('reason').notNull(),
    markedBy: uuid('marked_by').references(() => users.id),
    markedAt: timestamp('marked_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.unitId] })],
);

/** A reviewing unit's compiled report for a period (district over its communes); closed when every unit is settled. */
export const reportCompilations = pgTable(
  'report_compilations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    status: text('status').notNull(),
    totals: jsonb('totals').notNull(),
    summary: jsonb('summary').notNull(),
    closedBy: uuid('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('report_compilations_period_unit_idx').on(t.periodId, t.unitId)],
);

/** An Excel import: progress (processed / total) that the client polls, then the outcome and every error. */
export const reportImportJobs = pgTable(
  'report_import_jobs',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    fileName: text('file_name').notNull(),
    status: text('status').notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    errors: jsonb('errors').$type<{ sheet: string; row: number; column: string; message: string }[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('report_import_jobs_period_idx').on(t.periodId)],
);
