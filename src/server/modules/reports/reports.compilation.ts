// Reports: a period's compilation (each unit's status, totals, completeness), closing it, marking a unit missing.
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { Dec } from '../../../core/decimal.js';
import { compileTotals } from '../../../core/reports/aggregation.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { buildFormLayout } from '../../../core/reports/form.js';
import { timelinessOf } from '../../../core/reports/timeliness.js';
import { compilationStatusLabels, compilationStatusOf, isReportStatus, reportStatusLabels, type CompilationStatus, type ReportStatus } from '../../../core/reports/workflow.js';
import { compareVietnamese } from '../../../core/text.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { authorize, can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx } from '../../db/client.js';
import { criteriaEvaluations, reportCompilations, reportPeriods } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { findUnitNames } from '../units/org-on-date.js';
import { asLevel, loadCriteriaDefinition } from '../criteria/criteria-definitions.js';
import { closeDueItems } from '../inbox/inbox.service.js';
import { findPeriod, type PeriodRow, type RegimeRow } from '../report-regimes/report-regimes.repository.js';
import { unitReportsPolicy } from './reports.policy.js';
import { findCompilation, findMissingMarks, findReportByPeriodUnit, findReportsOfPeriod, insertCompilation, upsertMissingMark, type ReportRow } from './reports.repository.js';
import { loadOrgTree } from '../units/org-on-date.js';
import { subtreeOf } from '../../../core/org/tree.js';
import type { CompilationView } from './reports.schemas.js';

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
  const { set } = await loadCriteriaDefinition(db, period.criteriaSetVersionId);
  const levels = [...new Set(units.map((u) => asLevel(u.level)))];
  const usedCodes = new Set(levels.flatMap((l) => buildFormLayout(set, l).elements.map((e) => e.code)));
  const elements = set.dataElements.filter((e) => usedCodes.has(e.code));
  const totals = compileTotals(
    elements,
    approvedRows.map((r) => r.values),
  ).map((t) => {
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
  await authorize(unitReportsPolicy, authed, 'read', { unitId: unitId ?? null }, 'not_found');
  const { period, regime } = found;
  const built = await buildCompilation(ctx.db, authed.actor.tenantId, period, regime, unitId ?? null);
  const row = unitId ? await findCompilation(ctx.db, period.id, unitId) : null;
  const unitName = unitId ? ((await findUnitNames(ctx.db, authed.actor.tenantId, [unitId], period.endDate)).get(unitId) ?? '?') : null;
  const closedByName = row?.closedBy
    ? await ctx.db
        .execute(sql`select full_name from users where id = ${row.closedBy}::uuid`)
        .then((r) => (r as unknown as { rows: { full_name: string }[] }).rows[0]?.full_name ?? null)
    : null;
  return {
    period: { id: period.id, code: period.code, label: period.label, status: period.status, dueDate: period.dueDate, endDate: period.endDate },
    unit: unitId ? { id: unitId, name: unitName! } : null,
    compilation: { status: row?.status === 'closed' ? 'closed' : 'open', closedAt: row?.closedAt?.toISOString() ?? null, closedBy: closedByName },
    ...built,
    canClose: unitId !== undefined && row?.status !== 'closed' && (await can(unitReportsPolicy, authed, 'close', { unitId })),
  };
}

/**
 * Closes a district's compiled report for a period: refused (409) while any of its units is neither approved nor
 * explicitly marked missing; the details name each one.
 */
export async function closeCompilation(ctx: RequestContext, periodId: string, unitId: string): Promise<CompilationView> {
  requireActor(ctx);
  await authorize(unitReportsPolicy, ctx, 'close', { unitId }, 'not_found');
  const actor = ctx.actor;
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
      await tx
        .update(reportCompilations)
        .set({ status: 'closed', totals: built.totals, summary: { counts: built.counts, byLevel: built.byLevel }, closedBy: actor.userId, closedAt: new Date() })
        .where(eq(reportCompilations.id, existing.id));
    } else {
      await insertCompilation(tx, {
        id: randomUUID(),
        tenantId: actor.tenantId,
        periodId: period.id,
        unitId,
        status: 'closed',
        totals: built.totals,
        summary: { counts: built.counts, byLevel: built.byLevel },
        closedBy: actor.userId,
        closedAt: new Date(),
      });
    }
    await recordAudit(tx, ctx, {
      action: 'report_compilation.closed',
      entityType: 'report_compilation',
      entityId: `${period.id}:${unitId}`,
      unitId,
      after: { counts: built.counts, totals: built.totals },
    });
  });
  return getCompilation(ctx, periodId, unitId);
}

/** Marks a unit as not reporting for a period, with a reason (report.review on the unit); lets its district close. */
export async function markMissing(ctx: RequestContext, periodId: string, input: { unitId: string; reason: string }): Promise<{ ok: true }> {
  requireActor(ctx);
  await authorize(unitReportsPolicy, ctx, 'markMissing', { unitId: input.unitId }, 'not_found');
  const actor = ctx.actor;
  const found = await findPeriod(ctx.db, actor.tenantId, periodId);
  if (!found) throw AppError.notFound();
  const existing = await findReportByPeriodUnit(ctx.db, periodId, input.unitId);
  if (existing && existing.status !== 'draft') {
    throw new AppError('report_exists', 409, 'report.cannot_mark_missing', [{ path: 'body.unitId', message: '' }], {
      status: reportStatusLabels[existing.status as ReportStatus][ctx.locale],
    });
  }
  const reason = input.reason.normalize('NFC');
  await ctx.db.transaction(async (tx) => {
    await upsertMissingMark(tx, { tenantId: actor.tenantId, periodId, unitId: input.unitId, reason, markedBy: actor.userId });
    await closeDueItems(tx, { tenantId: actor.tenantId, subjectType: 'report_period', subjectId: periodId, unitId: input.unitId, kind: 'report_submit', resolution: 'cancelled' });
    await recordAudit(tx, ctx, { action: 'report.marked_missing', entityType: 'report_period', entityId: periodId, unitId: input.unitId, after: { reason } });
  });
  return { ok: true };
}
