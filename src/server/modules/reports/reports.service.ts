import { compareVietnamese } from '../../../core/text.js';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { criteriaSetVersionSchema, unitLevels, type CriteriaSetVersion, type UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { todayInVietnam } from '../../../core/dates.js';
import { Dec } from '../../../core/decimal.js';
import { compileCriteriaSet, scoreUnit, formatTarget, type CompiledCriteriaSet } from '../../../core/scoring/index.js';
import { addDays } from '../../../core/reports/periods.js';
import { timelinessOf } from '../../../core/reports/timeliness.js';
import { buildFormLayout, checkReport, type EvidenceCount, type ReportIssue } from '../../../core/reports/index.js';
import {
  compilationStatusLabels,
  compilationStatusOf,
  isEditable,
  isReportStatus,
  nextStatus,
  reportStatusLabels,
  type CompilationStatus,
  type ReportAction,
  type ReportStatus,
} from '../../../core/reports/workflow.js';
import { compileTotals } from '../../../core/reports/aggregation.js';
import type { Locale } from '../../../core/i18n/messages.js';
import type { AuthedContext, RequestContext, Scope } from '../../auth/actor.js';
import { inScope, requireAccess, requireActor, scopeFor, scopeWhere } from '../../auth/access.js';
import { auditStatement, recordAudit } from '../../audit/audit.js';
import { executeTogether, type DbOrTx, type Statement, type Tx } from '../../db/client.js';
import { criteriaEvaluations, reportCompilations, reportPeriods, reports } from '../../db/schema/index.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { closeDueItems, closeDueItemsStatement, openDueItemStatements } from '../inbox/inbox.service.js';
import { findUnitNames } from '../auth/auth.repository.js';
import {
  ancestorsOf,
  idempotentInsertStatement,
  eventInsertStatement,
  revisionInsertStatement,
  reportUpdateStatement,
  lockReportForTransition,
  findSubmitInputs,
  findReportContext,
  findCompilation,
  findEarlierReports,
  findEvents,
  findEvidenceOfReport,
  findLastEvent,
  findMissingMarks,
  findPeriod,
  findReportByPeriodUnit,
  findReports,
  findReportsOfPeriod,
  findRevision,
  findStandingAgencyUnit,
  findUnitOn,
  findVersionRow,
  insertCompilation,
  insertReport,
  insertRevision,
  loadOrgTree,
  lockReport,
  subtreeOf,
  updateReport,
  upsertMissingMark,
  type EvidenceRow,
  type OrgTree,
  type OrgUnit,
  type PeriodRow,
  type RegimeRow,
  type ReportRow,
} from './reports.repository.js';
import type { CompilationView, EvidenceView, FormView, ReportView, SaveReportInput, TransitionInput } from './reports.schemas.js';

/** Who writes: a signed-in actor, or the system (scheduler, seed) naming itself. */
export type WriteContext = Pick<RequestContext, 'actor' | 'requestId'> & { actorName?: string };

type Values = Record<string, string | boolean | null>;

// ---------------------------------------------------------------------------------------------
// Criteria definitions (frozen versions never change, so their compiled form is cached)
// ---------------------------------------------------------------------------------------------

const compiledCache = new Map<string, { set: CriteriaSetVersion; compiled: CompiledCriteriaSet }>();

/** The definition of a criteria version, compiled once per frozen version. */
export async function loadDefinition(db: DbOrTx, versionId: string): Promise<{ set: CriteriaSetVersion; compiled: CompiledCriteriaSet }> {
  const cached = compiledCache.get(versionId);
  if (cached) return cached;
  const row = await findVersionRow(db, versionId);
  if (!row) throw AppError.notFound();
  const parsed = criteriaSetVersionSchema.safeParse(row.definition);
  const set = parsed.success ? parsed.data : (row.definition as CriteriaSetVersion);
  const compiled = compileCriteriaSet(set);
  if (!compiled.ok) throw new AppError('invalid_criteria', 409, 'report.criteria_invalid');
  const entry = { set, compiled: compiled.compiled };
  if (row.status === 'frozen') compiledCache.set(versionId, entry);
  return entry;
}

export function asLevel(level: string): UnitLevel {
  return (unitLevels as readonly string[]).includes(level) ? (level as UnitLevel) : 'other';
}

// ---------------------------------------------------------------------------------------------
// Reviewer, expected units
// ---------------------------------------------------------------------------------------------

/** Default reviewer rule: commune → its district-level parent on the period's date; others → the standing agency. */
export function reviewerRuleFor(regime: Pick<RegimeRow, 'reviewerRules'>, level: string): string {
  return regime.reviewerRules[level] ?? (level === 'commune' ? 'parent_district' : 'standing_agency');
}

/**
 * The reviewing unit of a unit for a period, from the organisation tree on the period's last day. Null means the
 * standing agency (tenant-wide report.review). After 1 July 2025 there are no districts: a commune's nearest
 * district-level ancestor does not exist and it goes to the province level.
 */
export function reviewerUnitFor(tree: OrgTree, regime: Pick<RegimeRow, 'reviewerRules'>, unit: Pick<OrgUnit, 'id' | 'level'>): string | null {
  const rule = reviewerRuleFor(regime, unit.level);
  if (rule !== 'parent_district') return null;
  return ancestorsOf(tree, unit.id).find((a) => a.level === 'district')?.id ?? null;
}

/** Units that must report in a period: levels of the regime, under its root if any, in force on the last day. */
export function expectedUnits(tree: OrgTree, regime: { readonly reportingLevels: readonly string[]; readonly rootUnitId: string | null }): OrgUnit[] {
  const pool = regime.rootUnitId ? subtreeOf(tree, regime.rootUnitId) : [...tree.byId.values()];
  return pool.filter((u) => regime.reportingLevels.includes(u.level));
}

// ---------------------------------------------------------------------------------------------
// Abilities and presentation
// ---------------------------------------------------------------------------------------------

type Scopes = { submit: Scope; review: Scope; unlock: Scope };

async function loadScopes(ctx: AuthedContext): Promise<Scopes> {
  const [submit, review, unlock] = await Promise.all([
    scopeFor(ctx.db, ctx.actor, 'report.submit'),
    scopeFor(ctx.db, ctx.actor, 'report.review'),
    scopeFor(ctx.db, ctx.actor, 'report.unlock'),
  ]);
  return { submit, review, unlock };
}

function canReviewReport(scopes: Scopes, report: Pick<ReportRow, 'reviewerUnitId'>): boolean {
  return report.reviewerUnitId ? inScope(scopes.review, report.reviewerUnitId) : scopes.review.kind === 'all';
}

/** Whether the unit may still write to the report in this period (open, or closed but sent back). */
function periodAcceptsWork(period: PeriodRow, status: ReportStatus): boolean {
  return period.status === 'open' || (period.status === 'closed' && status === 'returned');
}

function abilitiesOf(scopes: Scopes, report: ReportRow, period: PeriodRow) {
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

type Names = { unitName: string; unitCode: string | null; reviewerUnitName: string | null };

function presentReport(report: ReportRow, period: PeriodRow, names: Names, abilities: ReportView['abilities']): ReportView {
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

async function loadNames(db: DbOrTx, tenantId: string, report: Pick<ReportRow, 'unitId' | 'reviewerUnitId'>, period: PeriodRow): Promise<Names> {
  const unit = await findUnitOn(db, tenantId, report.unitId, period.endDate);
  const ids = [report.unitId, ...(report.reviewerUnitId ? [report.reviewerUnitId] : [])];
  const names = await findUnitNames(db, ids, period.endDate);
  return {
    unitName: unit?.name ?? names.get(report.unitId) ?? '?',
    unitCode: unit?.code ?? null,
    reviewerUnitName: report.reviewerUnitId ? (names.get(report.reviewerUnitId) ?? null) : null,
  };
}

/** Loads a report visible to the actor (report.read on its unit, else 404) with its period and regime. */
async function loadVisibleReport(ctx: RequestContext, id: string) {
  requireActor(ctx);
  const found = await findReportContext(ctx.db, ctx.actor.tenantId, id);
  if (!found) throw AppError.notFound();
  await requireAccess(ctx, 'report.read', found.report.unitId);
  return { ...found, actor: ctx.actor };
}

export async function getReport(ctx: RequestContext, id: string): Promise<ReportView> {
  const { report, period, names } = await loadVisibleReport(ctx, id);
  const scopes = await loadScopes(ctx as AuthedContext);
  return presentReport(report, period, names, abilitiesOf(scopes, report, period));
}

/** Reports the actor may read, newest period first; `toReview` keeps those waiting for the actor's review. */
export async function listReports(ctx: RequestContext, query: { periodId?: string; unitId?: string; status?: ReportStatus; toReview?: 'true' | 'false'; limit: number; offset: number }) {
  requireActor(ctx);
  const authed = ctx as AuthedContext;
  const readScope = await scopeFor(ctx.db, authed.actor, 'report.read');
  const where: SQL[] = [scopeWhere(reports.unitId, readScope)];
  if (query.periodId) where.push(eq(reports.periodId, query.periodId));
  if (query.unitId) where.push(eq(reports.unitId, query.unitId));
  if (query.status) where.push(eq(reports.status, query.status));
  const scopes = await loadScopes(authed);
  if (query.toReview === 'true') {
    where.push(inArray(reports.status, ['submitted', 'resubmitted']));
    // Tenant-wide reviewers (the standing agency) queue what no district reviews; others, what their units review.
    const reviewWhere = scopes.review.kind === 'all' ? sql`${reports.reviewerUnitId} is null` : sql`(${reports.reviewerUnitId} is not null and ${scopeWhere(reports.reviewerUnitId, scopes.review)})`;
    where.push(reviewWhere);
  }
  const rows = await findReports(ctx.db, authed.actor.tenantId, where, query.limit, query.offset);
  const unitIds = [...new Set(rows.flatMap((r) => [r.report.unitId, ...(r.report.reviewerUnitId ? [r.report.reviewerUnitId] : [])]))];
  const names = await findUnitNames(ctx.db, unitIds, todayInVietnam());
  return rows.map(({ report, period }) => {
    const { values: _v, narratives: _n, warningComments: _w, returnComments: _r, judgements: _j, ...summary } = presentReport(
      report,
      period,
      { unitName: names.get(report.unitId) ?? '?', unitCode: null, reviewerUnitName: report.reviewerUnitId ? (names.get(report.reviewerUnitId) ?? null) : null },
      abilitiesOf(scopes, report, period),
    );
    return summary;
  });
}

// ---------------------------------------------------------------------------------------------
// Creating a report
// ---------------------------------------------------------------------------------------------

/**
 * The unit's report for the period, created as a draft on first use (report.submit on the unit; the period must be
 * open). Answers `created: false` with the existing report when there is one.
 */
export async function openReport(ctx: RequestContext, input: { periodId: string; unitId: string }): Promise<{ created: boolean; report: ReportView }> {
  const actor = await requireAccess(ctx, 'report.submit', input.unitId);
  const authed = ctx as AuthedContext;
  const found = await findPeriod(ctx.db, actor.tenantId, input.periodId);
  if (!found) throw AppError.notFound();
  const { period, regime } = found;
  const existing = await findReportByPeriodUnit(ctx.db, period.id, input.unitId);
  if (existing) return { created: false, report: await getReport(ctx, existing.id) };
  if (period.status !== 'open') throw new AppError('period_not_open', 409, 'report.period_not_open', [], { period: period.label, status: period.status });
  const tree = await loadOrgTree(ctx.db, actor.tenantId, period.endDate);
  const unit = tree.byId.get(input.unitId);
  if (!unit || !expectedUnits(tree, regime).some((u) => u.id === unit.id)) {
    throw AppError.unprocessable('unit_not_reporting', 'report.unit_not_reporting', { period: period.label }, 'body.unitId');
  }
  const row = await createReportRow(ctx.db, authed, { period, regime, unit, reviewerUnitId: reviewerUnitFor(tree, regime, unit) });
  const scopes = await loadScopes(authed);
  return { created: true, report: presentReport(row, period, await loadNames(ctx.db, actor.tenantId, row, period), abilitiesOf(scopes, row, period)) };
}

/** Inserts a draft report with its first revision and audit record; concurrent creation returns the existing row. */
export async function createReportRow(
  db: DbOrTx,
  ctx: WriteContext & { actor: { tenantId: string; userId: string } | null },
  input: { period: PeriodRow; regime: RegimeRow; unit: Pick<OrgUnit, 'id' | 'level' | 'is_demo'>; reviewerUnitId: string | null; values?: Values; tenantId?: string },
): Promise<ReportRow> {
  const tenantId = input.tenantId ?? ctx.actor!.tenantId;
  const run = async (tx: Tx) => {
    const id = randomUUID();
    const inserted = await insertReport(tx, {
      id,
      tenantId,
      periodId: input.period.id,
      unitId: input.unit.id,
      criteriaSetVersionId: input.period.criteriaSetVersionId,
      level: input.unit.level,
      reviewerUnitId: input.reviewerUnitId,
      status: 'draft',
      values: input.values ?? {},
      isDemo: input.period.isDemo || input.unit.is_demo,
      createdBy: ctx.actor?.userId ?? null,
      updatedBy: ctx.actor?.userId ?? null,
    });
    if (!inserted) return (await findReportByPeriodUnit(tx, input.period.id, input.unit.id))!;
    await insertRevision(tx, { reportId: id, rowVersion: 1, values: inserted.values, narratives: {}, savedBy: ctx.actor?.userId ?? null });
    await recordAudit(tx, ctx, { action: 'report.created', entityType: 'report', entityId: id, unitId: input.unit.id, after: { periodId: input.period.id, reviewerUnitId: input.reviewerUnitId } }, tenantId);
    return inserted;
  };
  // On a transaction handle this is a savepoint.
  return db.transaction(run);
}

// ---------------------------------------------------------------------------------------------
// Form
// ---------------------------------------------------------------------------------------------

function evidenceCounts(rows: readonly Pick<EvidenceRow, 'criterionCode' | 'documentNumber' | 'fileSha256'>[]): Record<string, EvidenceCount> {
  const out: Record<string, EvidenceCount> = {};
  for (const e of rows) {
    const c = (out[e.criterionCode] ??= { documents: 0, files: 0 });
    if (e.documentNumber) c.documents++;
    if (e.fileSha256) c.files++;
  }
  return out;
}

/** Numeric history per element from earlier reports (decimal strings only). */
function historyOf(earlier: readonly { values: Values }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of earlier) {
    for (const [code, v] of Object.entries(r.values)) if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) (out[code] ??= []).push(v);
  }
  return out;
}

function issue(i: ReportIssue, locale: Locale) {
  return { path: i.path, code: i.code, message: locale === 'en' ? i.messageEn : i.message };
}

export function presentEvidence(e: EvidenceRow): EvidenceView {
  return {
    id: e.id,
    criterionCode: e.criterionCode,
    documentNumber: e.documentNumber,
    documentDate: e.documentDate,
    issuer: e.issuer,
    summary: e.summary,
    file: e.fileSha256
      ? { name: e.fileName ?? 'tep', mediaType: e.fileMediaType ?? 'application/octet-stream', size: e.fileSize ?? 0, sha256: e.fileSha256, downloadUrl: `/api/evidence/${e.id}/download` }
      : null,
    createdAt: e.createdAt.toISOString(),
  };
}

/**
 * The report form: the unit's applicable criteria version as data elements grouped by content area, each with unit
 * of measure, help, the previous period's value, the current value, return comment and warning; evidence per
 * criterion; what submitting now would refuse.
 */
export async function getReportForm(ctx: RequestContext, id: string): Promise<FormView> {
  const { report, period, regime, names } = await loadVisibleReport(ctx, id);
  const level = asLevel(report.level);
  const [{ set }, evidence, earlier, events, scopes] = await Promise.all([
    loadDefinition(ctx.db, report.criteriaSetVersionId),
    findEvidenceOfReport(ctx.db, report.id),
    findEarlierReports(ctx.db, regime.id, report.unitId, period.startDate),
    findEvents(ctx.db, report.id),
    loadScopes(ctx as AuthedContext),
  ]);
  const layout = buildFormLayout(set, level);
  const check = checkReport({ set, level, values: report.values, evidence: evidenceCounts(evidence), warningComments: report.warningComments, history: historyOf(earlier), forSubmit: true });
  const previous = earlier.at(-1) ?? null;
  const comments = report.returnComments;
  const byPath = (path: string) => check.errors.filter((e) => e.path === path).map((e) => issue(e, ctx.locale));
  return {
    report: presentReport(report, period, names, abilitiesOf(scopes, report, period)),
    areas: layout.areas.map(({ area, elements, criteria }) => ({
      code: area.code,
      title: area.title,
      order: area.order,
      narrative: report.narratives[area.code] ?? '',
      narrativeReturnComment: comments[`narratives.${area.code}`] ?? null,
      elements: elements.map((e) => {
        const warning = check.warnings.find((w) => w.path === `values.${e.code}`);
        return {
          ...e,
          previousValue: previous ? (previous.values[e.code] ?? null) : null,
          previousPeriodLabel: previous?.label ?? null,
          value: report.values[e.code] ?? null,
          returnComment: comments[`values.${e.code}`] ?? null,
          warning: warning ? { ...issue(warning, ctx.locale), score: warning.score } : null,
          warningComment: report.warningComments[e.code] ?? null,
          errors: [...byPath(`values.${e.code}`), ...byPath(`warningComments.${e.code}`)],
        };
      }),
      criteria: criteria.map((c) => {
        const target = c.targets.find((t) => t.level === level);
        const display = c.kind === 'ratio' ? c.display : c.kind === 'value' ? c.display : 'number';
        return {
          code: c.code,
          title: c.title,
          kind: c.kind,
          help: c.help ?? null,
          evidenceRequirement: c.evidence,
          target: target ? formatTarget(target, display === 'ratio' ? 'number' : display, ctx.locale) : null,
          evidence: evidence.filter((e) => e.criterionCode === c.code).map(presentEvidence),
          returnComment: comments[`evidence.${c.code}`] ?? comments[`criteria.${c.code}`] ?? null,
        };
      }),
    })),
    returnComment: comments.report ?? null,
    submitErrors: check.errors.map((e) => issue(e, ctx.locale)),
    warnings: check.warnings.map((w) => ({ ...issue(w, ctx.locale), score: w.score })),
    events: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment, actorName: e.actorName, at: e.at.toISOString() })),
  };
}

// ---------------------------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------------------------

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields that differ between two contents of a report, as paths (values.x, narratives.y). */
export function changedFields(before: { values: Values; narratives: Record<string, string> }, after: { values: Values; narratives: Record<string, string> }): string[] {
  const paths: string[] = [];
  for (const key of new Set([...Object.keys(before.values), ...Object.keys(after.values)])) if (!same(before.values[key], after.values[key])) paths.push(`values.${key}`);
  for (const key of new Set([...Object.keys(before.narratives), ...Object.keys(after.narratives)])) if (!same(before.narratives[key], after.narratives[key])) paths.push(`narratives.${key}`);
  return paths.sort();
}

function display(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** 409 with the fields changed since the revision the client based its edit on. */
async function staleError(tx: Tx, report: ReportRow, clientRowVersion: number): Promise<AppError> {
  const base = await findRevision(tx, report.id, clientRowVersion);
  const current = { values: report.values, narratives: report.narratives };
  const paths = base ? changedFields({ values: base.values, narratives: base.narratives }, current) : [];
  const details: ErrorDetail[] = paths.map((path) => {
    const [kind, key] = path.split('.') as ['values' | 'narratives', string];
    const before = base ? base[kind][key] : undefined;
    const now = current[kind][key];
    return { path, message: `Đã được sửa từ ${display(before)} thành ${display(now)}` };
  });
  if (details.length === 0) details.push({ path: 'body.rowVersion', message: '' });
  return new AppError('conflict', 409, 'report.stale', details, { rowVersion: report.rowVersion });
}

/**
 * Saves values, narratives and warning comments (only the fields sent change). Optimistic concurrency: the client
 * sends the rowVersion it read; a stale one answers 409 naming the fields changed since, nothing is written.
 */
export async function saveReport(ctx: RequestContext, id: string, input: SaveReportInput): Promise<ReportView> {
  const { report: visible, period, names } = await loadVisibleReport(ctx, id);
  const authed = ctx as AuthedContext;
  const scopes = await loadScopes(authed);
  if (!inScope(scopes.submit, visible.unitId)) throw new AppError('forbidden', 403, 'error.forbidden_action');
  const { set } = await loadDefinition(ctx.db, visible.criteriaSetVersionId);
  const validAreas = new Set(set.contentAreas.map((a) => a.code));
  for (const key of Object.keys(input.narratives ?? {})) {
    if (!validAreas.has(key)) throw AppError.validation([{ path: `body.narratives.${key}`, message: `Không có lĩnh vực '${key}' trong bộ tiêu chí` }]);
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockReport(tx, id);
    if (!row) throw AppError.notFound();
    if (row.rowVersion !== input.rowVersion) throw await staleError(tx, row, input.rowVersion);
    const status = row.status as ReportStatus;
    if (!isEditable(status) || !periodAcceptsWork(period, status)) {
      throw new AppError('not_editable', 409, 'report.not_editable', [], { status: reportStatusLabels[status][ctx.locale] });
    }
    const values: Values = { ...row.values, ...(input.values ?? {}) };
    const narratives = { ...row.narratives, ...(input.narratives ?? {}) };
    const warningComments = { ...row.warningComments, ...(input.warningComments ?? {}) };
    for (const [k, v] of Object.entries(narratives)) if (v === '') delete narratives[k];
    for (const [k, v] of Object.entries(warningComments)) if (v.trim() === '') delete warningComments[k];
    const check = checkReport({ set, level: asLevel(row.level), values, forSubmit: false });
    if (check.errors.length > 0) {
      throw AppError.validation(check.errors.map((e) => ({ path: e.path.replace(/^values\./, 'body.values.'), message: ctx.locale === 'en' ? e.messageEn : e.message })), 'report.invalid_values');
    }
    const changes = changedFields({ values: row.values, narratives: row.narratives }, { values, narratives });
    const next = await updateReport(tx, id, { values, narratives, warningComments, rowVersion: row.rowVersion + 1, updatedBy: authed.actor.userId, updatedAt: new Date() });
    await insertRevision(tx, { reportId: id, rowVersion: next.rowVersion, values, narratives, savedBy: authed.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'report.saved',
      entityType: 'report',
      entityId: id,
      unitId: row.unitId,
      before: { rowVersion: row.rowVersion, values: pick(row.values, changes, 'values') },
      after: { rowVersion: next.rowVersion, values: pick(values, changes, 'values'), changed: changes },
    });
    return next;
  });
  return presentReport(updated, period, names, abilitiesOf(scopes, updated, period));
}

function pick(values: Values, paths: string[], prefix: string): Values {
  const out: Values = {};
  for (const p of paths) if (p.startsWith(`${prefix}.`)) out[p.slice(prefix.length + 1)] = values[p.slice(prefix.length + 1)] ?? null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workflow transitions
// ---------------------------------------------------------------------------------------------

const inboxLink = (reportId: string) => `/reports/${reportId}`;

/**
 * Applies a workflow action. The transition, its event, its audit record, the inbox changes and (on approval) the
 * stored evaluation commit together. Idempotent: with an Idempotency-Key the first answer is stored and replayed;
 * without one, a retry carrying the rowVersion the action was applied from gets the current report, not a 409.
 */
export async function transitionReport(ctx: RequestContext, id: string, action: ReportAction, input: TransitionInput, idempotencyKey?: string): Promise<ReportView> {
  const { report: visible, period, regime, names } = await loadVisibleReport(ctx, id);
  const authed = ctx as AuthedContext;
  const actor = authed.actor;
  const scopes = await loadScopes(authed);
  const allowed =
    action === 'submit' ? inScope(scopes.submit, visible.unitId) : action === 'unlock' ? inScope(scopes.unlock, visible.unitId) : canReviewReport(scopes, visible);
  if (!allowed) throw new AppError('forbidden', 403, 'error.forbidden_action');
  if (idempotencyKey !== undefined && !/^[\w.:-]{8,128}$/.test(idempotencyKey)) {
    throw AppError.validation([{ path: 'headers.idempotency-key', message: 'Khoá chống lặp phải gồm 8-128 ký tự chữ, số, . : _ -' }]);
  }
  const comment = input.comment?.trim() || null;
  const reason = input.reason?.trim() || null;
  if (action === 'return' && !comment && Object.values(input.fieldComments ?? {}).every((c) => !c.trim())) {
    throw AppError.validation([{ path: 'body.comment', message: 'Cần nhận xét chung hoặc nhận xét cho từng trường khi trả lại' }], 'report.comment_required');
  }
  if (action === 'unlock' && !reason) throw AppError.validation([{ path: 'body.reason', message: 'Cần ghi lý do mở khoá' }], 'report.reason_required');
  const { set, compiled } = await loadDefinition(ctx.db, visible.criteriaSetVersionId);
  const today = todayInVietnam();

  type Outcome = { kind: 'replay'; view: ReportView } | { kind: 'done'; view: ReportView } | { kind: 'current'; row: ReportRow };
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    // The row lock serialises transitions of the report (and its inbox items); the stored response of a retried
    // request is read in the same round trip.
    const locked = await lockReportForTransition(tx, id, idempotencyKey ? { userId: actor.userId, key: idempotencyKey } : null);
    if (!locked) throw AppError.notFound();
    const row = locked.row;
    if (idempotencyKey) {
      const prior = locked.prior;
      if (prior) {
        if (prior.reportId !== id || prior.action !== action) throw new AppError('idempotency_key_reused', 422, 'report.idempotency_key_reused', [{ path: 'headers.idempotency-key', message: '' }]);
        return { kind: 'replay', view: prior.response as ReportView };
      }
    }
    if (row.rowVersion !== input.rowVersion) {
      const last = await findLastEvent(tx, id);
      if (last && last.action === action && last.fromRowVersion === input.rowVersion && last.actorUserId === actor.userId) return { kind: 'current', row };
      throw await staleError(tx, row, input.rowVersion);
    }
    const from = row.status as ReportStatus;
    const to = nextStatus(from, action);
    if (!to) {
      throw new AppError('transition_not_allowed', 409, 'report.transition_not_allowed', [], { status: reportStatusLabels[from][ctx.locale], action });
    }
    if (action === 'submit' && !periodAcceptsWork(period, from)) throw new AppError('period_not_open', 409, 'report.period_not_open', [], { period: period.label, status: period.status });
    if ((action === 'return' || action === 'approve') && period.status === 'locked') throw new AppError('period_locked', 409, 'report.period_locked', [], { period: period.label });

    const now = new Date();
    const level = asLevel(row.level);
    const changes: Partial<typeof reports.$inferInsert> = { status: to, rowVersion: row.rowVersion + 1, updatedAt: now, updatedBy: actor.userId };
    let evaluation: { id: string; totalPoints: string; classification: string | null } | null = null;
    switch (action) {
      case 'submit': {
        const { evidence, earlier } = await findSubmitInputs(tx, { reportId: id, regimeId: regime.id, unitId: row.unitId, beforeDate: period.startDate });
        const check = checkReport({ set, level, values: row.values, evidence: evidenceCounts(evidence), warningComments: row.warningComments, history: historyOf(earlier), forSubmit: true });
        if (check.errors.length > 0) {
          throw new AppError('report_invalid', 422, 'report.cannot_submit', check.errors.map((e) => ({ path: e.path, message: ctx.locale === 'en' ? e.messageEn : e.message })), { count: check.errors.length });
        }
        changes.submittedAt = now;
        changes.firstSubmittedAt = row.firstSubmittedAt ?? now;
        break;
      }
      case 'return': {
        const fieldComments = Object.fromEntries(Object.entries(input.fieldComments ?? {}).filter(([, c]) => c.trim()));
        changes.returnComments = { ...fieldComments, ...(comment ? { report: comment } : {}) };
        break;
      }
      case 'approve': {
        const judgements = { ...row.judgements, ...(input.judgements ?? {}) };
        for (const [code, level_] of Object.entries(input.judgements ?? {})) {
          const c = set.criteria.find((x) => x.code === code);
          if (!c || c.kind !== 'qualitative' || !c.scale.some((s) => s.code === level_)) {
            throw AppError.validation([{ path: `body.judgements.${code}`, message: 'Tiêu chí hoặc mức đánh giá không có trong bộ tiêu chí' }]);
          }
        }
        const result = scoreUnit({ set: compiled, level, values: row.values, judgements });
        const evaluationId = randomUUID();
        await tx.insert(criteriaEvaluations).values({
          id: evaluationId,
          tenantId: row.tenantId,
          criteriaSetVersionId: row.criteriaSetVersionId,
          unitId: row.unitId,
          periodLabel: period.label,
          level,
          input: { values: row.values, judgements, reportId: row.id, periodId: period.id },
          result,
          evaluatedBy: actor.userId,
        });
        evaluation = { id: evaluationId, totalPoints: result.totalPoints, classification: result.classification?.code ?? null };
        changes.judgements = judgements;
        changes.evaluationId = evaluationId;
        changes.approvedAt = now;
        changes.returnComments = {};
        break;
      }
      case 'lock':
        changes.lockedAt = now;
        break;
      case 'unlock':
        changes.returnComments = { report: reason! };
        changes.lockedAt = null;
        changes.approvedAt = null;
        break;
    }
    // The row as the update leaves it (no trigger or default changes these columns), so every write of the transition
    // can go to the database in one statement.
    const next: ReportRow = { ...row, ...changes } as ReportRow;
    const view = presentReport(next, period, names, abilitiesOf(scopes, next, period));
    const reviewer = action === 'submit' && !next.reviewerUnitId ? await findStandingAgencyUnit(tx, regime.movementId, today) : next.reviewerUnitId;
    await executeTogether(tx, [
      reportUpdateStatement(id, changes),
      revisionInsertStatement({ reportId: id, rowVersion: next.rowVersion, values: next.values, narratives: next.narratives, savedBy: actor.userId }),
      eventInsertStatement({
        id: randomUUID(),
        tenantId: row.tenantId,
        reportId: id,
        action,
        fromStatus: from,
        toStatus: to,
        fromRowVersion: row.rowVersion,
        comment: comment ?? reason,
        details: { ...(action === 'return' ? { fieldComments: input.fieldComments ?? {} } : {}), ...(evaluation ? { evaluation } : {}) },
        actorUserId: actor.userId,
        actorName: actor.fullName,
      }),
      ...inboxStatements({ row: next, period, regime, reviewer, unitName: names.unitName, action, today }),
      ...(idempotencyKey ? [idempotentInsertStatement({ tenantId: row.tenantId, userId: actor.userId, key: idempotencyKey, reportId: id, action, statusCode: 200, response: view })] : []),
      auditStatement(ctx, {
        action: `report.${action === 'submit' && from === 'returned' ? 'resubmit' : action}`,
        entityType: 'report',
        entityId: id,
        unitId: row.unitId,
        before: { status: from, rowVersion: row.rowVersion },
        after: { status: to, rowVersion: next.rowVersion, comment: comment ?? reason, ...(evaluation ? { evaluation } : {}), ...(action === 'return' ? { fieldComments: input.fieldComments ?? {} } : {}) },
      }),
    ]);
    return { kind: 'done', view };
  });
  if (outcome.kind !== 'current') return outcome.view;
  return presentReport(outcome.row, period, names, abilitiesOf(scopes, outcome.row, period));
}

/**
 * Closes the obligation just met and opens the next one (who must act), as statements sent with the transition's
 * other writes. `reviewer` is the report's reviewing unit, or the standing agency's unit for a report it reviews.
 */
function inboxStatements(
  input: { row: ReportRow; period: PeriodRow; regime: RegimeRow; reviewer: string | null; unitName: string; action: ReportAction; today: string },
): Statement[] {
  const { row, period, regime, reviewer, action, today } = input;
  const tenantId = row.tenantId;
  const subject = { tenantId, subjectType: 'report', subjectId: row.id };
  switch (action) {
    case 'submit':
      return [
        closeDueItemsStatement({ tenantId, subjectType: 'report_period', subjectId: period.id, unitId: row.unitId, kind: 'report_submit', resolution: 'done' }),
        closeDueItemsStatement({ ...subject, kind: 'report_resubmit', resolution: 'done' }),
        ...(reviewer
          ? openDueItemStatements({
              tenantId,
              unitId: reviewer,
              movementId: regime.movementId,
              kind: 'report_review',
              subjectType: 'report',
              subjectId: row.id,
              title: `Duyệt báo cáo ${period.label} của ${input.unitName}`,
              titleEn: `Review the ${period.code} report of ${input.unitName}`,
              link: inboxLink(row.id),
              dueDate: addDays(today > period.dueDate ? today : period.dueDate, 10),
              details: { reportId: row.id, periodId: period.id },
            })
          : []),
      ];
    case 'return':
    case 'unlock':
      return [
        closeDueItemsStatement({ ...subject, kind: 'report_review', resolution: 'done' }),
        ...openDueItemStatements({
          tenantId,
          unitId: row.unitId,
          movementId: regime.movementId,
          kind: 'report_resubmit',
          subjectType: 'report',
          subjectId: row.id,
          title: `Sửa và nộp lại báo cáo ${period.label} (${action === 'return' ? 'bị trả lại' : 'được mở khoá'})`,
          titleEn: `Fix and resubmit the ${period.code} report (${action === 'return' ? 'returned' : 'unlocked'})`,
          link: inboxLink(row.id),
          dueDate: addDays(today, 7),
          details: { reportId: row.id, periodId: period.id },
        }),
      ];
    case 'approve':
      return [closeDueItemsStatement({ ...subject, kind: 'report_review', resolution: 'done' })];
    case 'lock':
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation, completeness, missing marks
// ---------------------------------------------------------------------------------------------

function percent(part: number, whole: number): string {
  return whole === 0 ? '0.00' : new Dec(part).times(100).dividedBy(whole).toFixed(2);
}

type CompilationRow = CompilationView['units'][number];

async function buildCompilation(db: DbOrTx, tenantId: string, period: PeriodRow, regime: RegimeRow, rootUnitId: string | null) {
  const today = todayInVietnam();
  const tree = await loadOrgTree(db, tenantId, period.endDate);
  let expected = expectedUnits(tree, regime);
  if (rootUnitId) {
    const inside = new Set(subtreeOf(tree, rootUnitId).map((u) => u.id));
    expected = expected.filter((u) => inside.has(u.id) && u.id !== rootUnitId);
  }
  // Sequential: db may be a transaction (closing a compilation), one connection.
  const rows = await findReportsOfPeriod(db, period.id);
  const marks = await findMissingMarks(db, period.id);
  const byUnit = new Map(rows.map((r) => [r.unitId, r] as const));
  const markByUnit = new Map(marks.map((m) => [m.unitId, m] as const));
  const evaluationIds = rows.map((r) => r.evaluationId).filter((v): v is string => v !== null);
  const evaluations = evaluationIds.length
    ? await db.select({ id: criteriaEvaluations.id, result: criteriaEvaluations.result }).from(criteriaEvaluations).where(inArray(criteriaEvaluations.id, evaluationIds))
    : [];
  const evalById = new Map(evaluations.map((e) => [e.id, e.result as { totalPoints?: string; classification?: { label?: string } | null }] as const));
  const units: CompilationRow[] = expected.map((u) => {
    const r = byUnit.get(u.id) ?? null;
    const status = r && isReportStatus(r.status) ? r.status : null;
    const submittedOn = r?.firstSubmittedAt ? todayInVietnam(r.firstSubmittedAt) : null;
    const t = timelinessOf({ dueDate: period.dueDate, submittedOn, today });
    const mark = markByUnit.get(u.id);
    const ev = r?.evaluationId ? evalById.get(r.evaluationId) : undefined;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      level: u.level,
      parentName: u.parent_id ? (tree.byId.get(u.parent_id)?.name ?? null) : null,
      status: compilationStatusOf({ status, markedMissing: mark !== undefined, overdue: t.kind === 'overdue' }),
      reportId: r?.id ?? null,
      reportStatus: status,
      submittedAt: r?.firstSubmittedAt?.toISOString() ?? null,
      daysLate: 'daysLate' in t ? t.daysLate : 0,
      missingReason: mark?.reason ?? null,
      totalPoints: ev?.totalPoints ?? null,
      classification: ev?.classification?.label ?? null,
    };
  });
  units.sort((a, b) => compareVietnamese(a.parentName ?? '', b.parentName ?? '') || compareVietnamese(a.name, b.name));
  const counts: Record<string, number> = { expected: units.length };
  for (const s of Object.keys(compilationStatusLabels) as CompilationStatus[]) counts[s] = units.filter((u) => u.status === s).length;
  const byLevel = [...new Set(units.map((u) => u.level))].map((level) => {
    const list = units.filter((u) => u.level === level);
    const reportsOf = list.map((u) => byUnit.get(u.unitId)).filter((r): r is ReportRow => r !== undefined);
    const submitted = reportsOf.filter((r) => r.firstSubmittedAt !== null).length;
    const onTime = reportsOf.filter((r) => r.firstSubmittedAt !== null && todayInVietnam(r.firstSubmittedAt) <= period.dueDate).length;
    const approved = list.filter((u) => u.status === 'approved').length;
    // A unit excused with a reason (marked missing) is not counted late.
    const late = list.filter((u) => u.status !== 'missing' && u.daysLate > 0).length;
    return {
      level,
      expected: list.length,
      submitted,
      approved,
      missing: list.filter((u) => u.status === 'missing').length,
      onTime,
      late,
      completeness: percent(approved, list.length),
      timeliness: percent(onTime, list.length),
    };
  });
  const approvedRows = units.filter((u) => u.status === 'approved').map((u) => byUnit.get(u.unitId)!);
  const { set } = await loadDefinition(db, period.criteriaSetVersionId);
  const levels = [...new Set(units.map((u) => asLevel(u.level)))];
  const usedCodes = new Set(levels.flatMap((l) => buildFormLayout(set, l).elements.map((e) => e.code)));
  const elements = set.dataElements.filter((e) => usedCodes.has(e.code));
  const totals = compileTotals(elements, approvedRows.map((r) => r.values)).map((t) => {
    const e = elements.find((x) => x.code === t.code)!;
    return { ...t, name: e.name, unitOfMeasure: e.unitOfMeasure ?? null };
  });
  return { units, counts, byLevel, totals };
}

/**
 * A district's (or, without unitId, the province's) view of a period: each unit's status (not started, draft,
 * submitted, returned, approved, late, missing), compiled totals over approved reports, completeness and timeliness
 * per level. Needs report.read on the district, or tenant-wide for the province.
 */
export async function getCompilation(ctx: RequestContext, periodId: string, unitId?: string): Promise<CompilationView> {
  requireActor(ctx);
  const authed = ctx as AuthedContext;
  const found = await findPeriod(ctx.db, authed.actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  if (unitId) await requireAccess(ctx, 'report.read', unitId);
  else if ((await scopeFor(ctx.db, authed.actor, 'report.read')).kind !== 'all') throw AppError.notFound();
  const { period, regime } = found;
  const built = await buildCompilation(ctx.db, authed.actor.tenantId, period, regime, unitId ?? null);
  const row = unitId ? await findCompilation(ctx.db, period.id, unitId) : null;
  const unitName = unitId ? ((await findUnitNames(ctx.db, [unitId], period.endDate)).get(unitId) ?? '?') : null;
  const scopes = await loadScopes(authed);
  const closedByName = row?.closedBy ? await ctx.db.execute(sql`select full_name from users where id = ${row.closedBy}::uuid`).then((r) => ((r as unknown as { rows: { full_name: string }[] }).rows[0]?.full_name ?? null)) : null;
  return {
    period: { id: period.id, code: period.code, label: period.label, status: period.status, dueDate: period.dueDate, endDate: period.endDate },
    unit: unitId ? { id: unitId, name: unitName! } : null,
    compilation: { status: row?.status === 'closed' ? 'closed' : 'open', closedAt: row?.closedAt?.toISOString() ?? null, closedBy: closedByName },
    ...built,
    canClose: unitId !== undefined && row?.status !== 'closed' && inScope(scopes.review, unitId),
  };
}

/**
 * Closes a district's compiled report for a period: refused (409) while any of its units is neither approved nor
 * explicitly marked missing; the details name each one.
 */
export async function closeCompilation(ctx: RequestContext, periodId: string, unitId: string): Promise<CompilationView> {
  const actor = await requireAccess(ctx, 'report.review', unitId);
  const found = await findPeriod(ctx.db, actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  const { period, regime } = found;
  await ctx.db.transaction(async (tx) => {
    // Serialise closing with the reports of the period.
    await tx.select({ id: reportPeriods.id }).from(reportPeriods).where(eq(reportPeriods.id, period.id)).for('update');
    const existing = await findCompilation(tx, period.id, unitId);
    if (existing?.status === 'closed') throw new AppError('compilation_closed', 409, 'report.compilation_closed');
    const built = await buildCompilation(tx, actor.tenantId, period, regime, unitId);
    const unsettled = built.units.filter((u) => u.status !== 'approved' && u.status !== 'missing');
    if (unsettled.length > 0) {
      throw new AppError(
        'compilation_unsettled',
        409,
        'report.compilation_unsettled',
        unsettled.map((u) => ({ path: `units.${u.unitId}`, message: `${u.name}: ${compilationStatusLabels[u.status][ctx.locale]}` })),
        { count: unsettled.length },
      );
    }
    if (existing) {
      await tx.update(reportCompilations).set({ status: 'closed', totals: built.totals, summary: { counts: built.counts, byLevel: built.byLevel }, closedBy: actor.userId, closedAt: new Date() }).where(eq(reportCompilations.id, existing.id));
    } else {
      await insertCompilation(tx, { id: randomUUID(), tenantId: actor.tenantId, periodId: period.id, unitId, status: 'closed', totals: built.totals, summary: { counts: built.counts, byLevel: built.byLevel }, closedBy: actor.userId, closedAt: new Date() });
    }
    await recordAudit(tx, ctx, { action: 'report_compilation.closed', entityType: 'report_compilation', entityId: `${period.id}:${unitId}`, unitId, after: { counts: built.counts, totals: built.totals } });
  });
  return getCompilation(ctx, periodId, unitId);
}

/** Marks a unit as not reporting for a period, with a reason (report.review on the unit); lets its district close. */
export async function markMissing(ctx: RequestContext, periodId: string, input: { unitId: string; reason: string }): Promise<{ ok: true }> {
  const actor = await requireAccess(ctx, 'report.review', input.unitId);
  const found = await findPeriod(ctx.db, actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  const existing = await findReportByPeriodUnit(ctx.db, periodId, input.unitId);
  if (existing && existing.status !== 'draft') {
    throw new AppError('report_exists', 409, 'report.cannot_mark_missing', [{ path: 'body.unitId', message: '' }], { status: reportStatusLabels[existing.status as ReportStatus][ctx.locale] });
  }
  const reason = input.reason.normalize('NFC');
  await ctx.db.transaction(async (tx) => {
    await upsertMissingMark(tx, { tenantId: actor.tenantId, periodId, unitId: input.unitId, reason, markedBy: actor.userId });
    await closeDueItems(tx, { tenantId: actor.tenantId, subjectType: 'report_period', subjectId: periodId, unitId: input.unitId, kind: 'report_submit', resolution: 'cancelled' });
    await recordAudit(tx, ctx, { action: 'report.marked_missing', entityType: 'report_period', entityId: periodId, unitId: input.unitId, after: { reason } });
  });
  return { ok: true };
}
