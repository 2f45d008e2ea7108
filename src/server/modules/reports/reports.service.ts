// Reports: reading (one report, lists, the form) and drafts (opening, saving). Workflow transitions are in
// reports.transitions.ts, compilation in reports.compilation.ts, responses in reports.presenters.ts, who may do what in
// reports.policy.ts.
import { randomUUID } from 'node:crypto';
import { eq, inArray, type SQL } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { buildFormLayout } from '../../../core/reports/form.js';
import { reviewerUnitFor } from '../../../core/reports/reviewers.js';
import { checkReport, type EvidenceCount } from '../../../core/reports/validation.js';
import type { ReportStatus } from '../../../core/reports/workflow.js';
import { formatTarget } from '../../../core/scoring/index.js';
import type { AuthedContext, RequestContext, WriteContext } from '../../auth/actor.js';
import { requireAccess, requireActor, scopeFor, scopeWhere } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { reports } from '../../db/schema/index.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { asLevel, loadCriteriaDefinition } from '../criteria/criteria-definitions.js';
import { findPeriod, type PeriodRow, type RegimeRow } from '../report-regimes/report-regimes.repository.js';
import { loadReportScopes, reportAbilities, reportPolicy, reviewedByActorWhere, stateError, stateRefusal } from './reports.policy.js';
import { presentEvidence, presentIssue, presentReport } from './reports.presenters.js';
import {
  findEarlierReports,
  findEvents,
  findEvidenceOfReport,
  findReportByPeriodUnit,
  findReportContext,
  findReports,
  findRevision,
  insertReport,
  insertRevision,
  lockReport,
  updateReport,
  type EvidenceRow,
  type ReportNames,
  type ReportRow,
} from './reports.repository.js';
import { findUnitNames, findUnitOn, loadOrgTree } from '../units/org-on-date.js';
import type { OrgUnit } from '../../../core/org/tree.js';
import type { FormView, ReportView, SaveReportInput } from './reports.schemas.js';

type Values = Record<string, string | boolean | null>;

async function loadNames(db: DbOrTx, tenantId: string, report: Pick<ReportRow, 'unitId' | 'reviewerUnitId'>, period: PeriodRow): Promise<ReportNames> {
  const unit = await findUnitOn(db, tenantId, report.unitId, period.endDate);
  const ids = [report.unitId, ...(report.reviewerUnitId ? [report.reviewerUnitId] : [])];
  const names = await findUnitNames(db, tenantId, ids, period.endDate);
  return {
    unitName: unit?.name ?? names.get(report.unitId) ?? '?',
    unitCode: unit?.code ?? null,
    reviewerUnitName: report.reviewerUnitId ? (names.get(report.reviewerUnitId) ?? null) : null,
  };
}

/** Loads a report visible to the actor (report.read on its unit, else 404) with its period and regime. */
export async function loadVisibleReport(ctx: RequestContext, id: string) {
  requireActor(ctx);
  const found = await findReportContext(ctx.db, ctx.actor.tenantId, id);
  if (!found) throw AppError.notFound();
  await requireAccess(ctx, 'report.read', found.report.unitId);
  return { ...found, actor: ctx.actor };
}

export async function getReport(ctx: RequestContext, id: string): Promise<ReportView> {
  const { report, period, names } = await loadVisibleReport(ctx, id);
  return presentReport(report, period, names, await reportAbilities(ctx as AuthedContext, report, period));
}

/** Reports the actor may read, newest period first; `toReview` keeps those waiting for the actor's review. */
export async function listReports(
  ctx: RequestContext,
  query: { periodId?: string; unitId?: string; status?: ReportStatus; toReview?: 'true' | 'false'; limit: number; offset: number },
) {
  requireActor(ctx);
  const authed = ctx as AuthedContext;
  const readScope = await scopeFor(ctx.db, authed.actor, 'report.read');
  const where: SQL[] = [scopeWhere(reports.unitId, readScope)];
  if (query.periodId) where.push(eq(reports.periodId, query.periodId));
  if (query.unitId) where.push(eq(reports.unitId, query.unitId));
  if (query.status) where.push(eq(reports.status, query.status));
  await loadReportScopes(authed);
  if (query.toReview === 'true') {
    where.push(inArray(reports.status, ['submitted', 'resubmitted']));
    where.push(await reviewedByActorWhere(authed, reports.reviewerUnitId));
  }
  const rows = await findReports(ctx.db, authed.actor.tenantId, where, query.limit, query.offset);
  const unitIds = [...new Set(rows.flatMap((r) => [r.report.unitId, ...(r.report.reviewerUnitId ? [r.report.reviewerUnitId] : [])]))];
  const names = await findUnitNames(ctx.db, authed.actor.tenantId, unitIds, todayInVietnam());
  const abilities = await Promise.all(rows.map(({ report, period }) => reportAbilities(authed, report, period)));
  return rows.map(({ report, period }, i) => {
    const {
      values: _v,
      narratives: _n,
      warningComments: _w,
      returnComments: _r,
      judgements: _j,
      ...summary
    } = presentReport(
      report,
      period,
      { unitName: names.get(report.unitId) ?? '?', unitCode: null, reviewerUnitName: report.reviewerUnitId ? (names.get(report.reviewerUnitId) ?? null) : null },
      abilities[i]!,
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
  return { created: true, report: presentReport(row, period, await loadNames(ctx.db, actor.tenantId, row, period), await reportAbilities(authed, row, period)) };
}

/** Inserts a draft report with its first revision and audit record; concurrent creation returns the existing row. */
export async function createReportRow(
  db: DbOrTx,
  ctx: WriteContext,
  input: { period: PeriodRow; regime: RegimeRow; unit: Pick<OrgUnit, 'id' | 'level' | 'is_demo'>; reviewerUnitId: string | null; values?: Values },
): Promise<ReportRow> {
  // The report belongs to its period's tenant, whoever writes it.
  const tenantId = input.period.tenantId;
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
    await recordAudit(
      tx,
      ctx,
      { action: 'report.created', entityType: 'report', entityId: id, unitId: input.unit.id, after: { periodId: input.period.id, reviewerUnitId: input.reviewerUnitId } },
      tenantId,
    );
    return inserted;
  };
  // On a transaction handle this is a savepoint.
  return db.transaction(run);
}

// ---------------------------------------------------------------------------------------------
// Form
// ---------------------------------------------------------------------------------------------

/** Evidence per criterion (documents cited, files attached), as the submission check counts it. */
export function evidenceCounts(rows: readonly Pick<EvidenceRow, 'criterionCode' | 'documentNumber' | 'fileSha256'>[]): Record<string, EvidenceCount> {
  const out: Record<string, EvidenceCount> = {};
  for (const e of rows) {
    const c = (out[e.criterionCode] ??= { documents: 0, files: 0 });
    if (e.documentNumber) c.documents++;
    if (e.fileSha256) c.files++;
  }
  return out;
}

/** Numeric history per element from earlier reports (decimal strings only). */
export function historyOf(earlier: readonly { values: Values }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of earlier) {
    for (const [code, v] of Object.entries(r.values)) if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) (out[code] ??= []).push(v);
  }
  return out;
}

/**
 * The report form: the unit's applicable criteria version as data elements grouped by content area, each with unit
 * of measure, help, the previous period's value, the current value, return comment and warning; evidence per
 * criterion; what submitting now would refuse.
 */
export async function getReportForm(ctx: RequestContext, id: string): Promise<FormView> {
  const { report, period, regime, names } = await loadVisibleReport(ctx, id);
  const level = asLevel(report.level);
  const [{ set }, evidence, earlier, events, abilities] = await Promise.all([
    loadCriteriaDefinition(ctx.db, report.criteriaSetVersionId),
    findEvidenceOfReport(ctx.db, report.id),
    findEarlierReports(ctx.db, regime.id, report.unitId, period.startDate),
    findEvents(ctx.db, report.id),
    reportAbilities(ctx as AuthedContext, report, period),
  ]);
  const layout = buildFormLayout(set, level);
  const check = checkReport({
    set,
    level,
    values: report.values,
    evidence: evidenceCounts(evidence),
    warningComments: report.warningComments,
    history: historyOf(earlier),
    forSubmit: true,
  });
  const previous = earlier.at(-1) ?? null;
  const comments = report.returnComments;
  const byPath = (path: string) => check.errors.filter((e) => e.path === path).map((e) => presentIssue(e, ctx.locale));
  return {
    report: presentReport(report, period, names, abilities),
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
          warning: warning ? { ...presentIssue(warning, ctx.locale), score: warning.score } : null,
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
    submitErrors: check.errors.map((e) => presentIssue(e, ctx.locale)),
    warnings: check.warnings.map((w) => ({ ...presentIssue(w, ctx.locale), score: w.score })),
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
  for (const key of new Set([...Object.keys(before.narratives), ...Object.keys(after.narratives)]))
    if (!same(before.narratives[key], after.narratives[key])) paths.push(`narratives.${key}`);
  return paths.sort();
}

function display(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(trống)';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** 409 with the fields changed since the revision the client based its edit on. */
export async function staleError(tx: Tx, report: ReportRow, clientRowVersion: number): Promise<AppError> {
  const base = await findRevision(tx, report.id, clientRowVersion);
  const current = { values: report.values, narratives: report.narratives };
  const paths = base ? changedFields({ values: base.values, narratives: base.narratives }, current) : [];
  const details: ErrorDetail[] = paths.map((path) => {
    const [kind, key] = path.split('.') as ['values' | 'narratives', string];
    const before = base ? base[kind][key] : undefined;
    const now = current[kind][key];
    return { path, message: '', messageKey: 'report.field_changed', params: { before: display(before), after: display(now) } };
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
  await loadReportScopes(authed);
  await authorize(reportPolicy, authed, 'edit', visible);
  const { set } = await loadCriteriaDefinition(ctx.db, visible.criteriaSetVersionId);
  const validAreas = new Set(set.contentAreas.map((a) => a.code));
  for (const key of Object.keys(input.narratives ?? {})) {
    if (!validAreas.has(key)) throw AppError.validation([{ path: `body.narratives.${key}`, message: '', messageKey: 'report.narrative_area_unknown', params: { area: key } }]);
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockReport(tx, id);
    if (!row) throw AppError.notFound();
    if (row.rowVersion !== input.rowVersion) throw await staleError(tx, row, input.rowVersion);
    const status = row.status as ReportStatus;
    const refusal = stateRefusal('edit', status, period);
    if (refusal) throw stateError(refusal, { action: 'edit', status, period, locale: ctx.locale });
    const values: Values = { ...row.values, ...(input.values ?? {}) };
    const narratives = { ...row.narratives, ...(input.narratives ?? {}) };
    const warningComments = { ...row.warningComments, ...(input.warningComments ?? {}) };
    for (const [k, v] of Object.entries(narratives)) if (v === '') delete narratives[k];
    for (const [k, v] of Object.entries(warningComments)) if (v.trim() === '') delete warningComments[k];
    const check = checkReport({ set, level: asLevel(row.level), values, forSubmit: false });
    if (check.errors.length > 0) {
      throw AppError.validation(
        check.errors.map((e) => ({ path: e.path.replace(/^values\./, 'body.values.'), message: ctx.locale === 'en' ? e.messageEn : e.message })),
        'report.invalid_values',
      );
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
  return presentReport(updated, period, names, await reportAbilities(authed, updated, period));
}

function pick(values: Values, paths: string[], prefix: string): Values {
  const out: Values = {};
  for (const p of paths) if (p.startsWith(`${prefix}.`)) out[p.slice(prefix.length + 1)] = values[p.slice(prefix.length + 1)] ?? null;
  return out;
}
