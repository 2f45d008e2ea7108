import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import { expectedUnits } from '../../../core/reports/expected-units.js';
import { advancedStatus, defaultSchedule, periodsOfYear, scheduledStatus, type PeriodStatus } from '../../../core/reports/periods.js';
import { withDefaultReviewerRules } from '../../../core/reports/reviewers.js';
import type { AuthedContext, RequestContext, WriteContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { authorize, can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { Db, Tx } from '../../db/client.js';
import { criteriaSets, reportEvents, reportPeriods, reportRegimes, reports } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { freezeCriteriaVersion } from '../criteria/criteria.service.js';
import { closeDueItems, openDueItem } from '../inbox/inbox.service.js';
import { freezeRankingSnapshot, publishRankingSnapshot } from '../snapshots/snapshots.freeze.js';
import { findVersionInForce } from '../criteria/criteria.repository.js';
import { loadOrgTree } from '../units/org-on-date.js';
import { opensNow, reportRegimePolicy } from './report-regimes.policy.js';
import { findPeriod, findPeriods, findRegime, findRegimes, lockPeriod, type PeriodRow, type RegimeRow } from './report-regimes.repository.js';
import type { CreatePeriodsInput, CreateRegimeInput, PeriodView, RegimeView } from './report-regimes.schemas.js';

function presentRegime(row: RegimeRow, canManage: boolean): RegimeView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    content: row.content,
    criteriaSetId: row.criteriaSetId,
    movementId: row.movementId,
    reportingLevels: row.reportingLevels,
    rootUnitId: row.rootUnitId,
    receivingUnitName: row.receivingUnitName,
    frequency: row.frequency as RegimeView['frequency'],
    cutoffRule: row.cutoffRule as RegimeView['cutoffRule'],
    schedule: row.schedule,
    method: row.method,
    reviewerRules: row.reviewerRules,
    isDemo: row.isDemo,
    rowVersion: row.rowVersion,
    abilities: { canManage },
  };
}

function presentPeriod(period: PeriodRow, regime: RegimeRow, canManage: boolean): PeriodView {
  return {
    id: period.id,
    regimeId: regime.id,
    regimeName: regime.name,
    code: period.code,
    label: period.label,
    kind: period.kind,
    startDate: period.startDate,
    endDate: period.endDate,
    opensOn: period.opensOn,
    dueDate: period.dueDate,
    closesOn: period.closesOn,
    locksOn: period.locksOn,
    status: period.status as PeriodStatus,
    criteriaSetVersionId: period.criteriaSetVersionId,
    isDemo: period.isDemo,
    abilities: { canOpen: canManage && opensNow(period) },
  };
}

const canManage = (ctx: AuthedContext) => can(reportRegimePolicy, ctx, 'manage', null);

/** The actor, allowed to manage regimes and periods (403 otherwise). */
async function requireManager(ctx: RequestContext) {
  requireActor(ctx);
  await authorize(reportRegimePolicy, ctx, 'manage', null);
  return ctx.actor;
}

export async function listRegimes(ctx: RequestContext): Promise<RegimeView[]> {
  requireActor(ctx);
  const rows = await findRegimes(ctx.db, ctx.actor.tenantId);
  const manage = await canManage(ctx as AuthedContext);
  return rows.map((r) => presentRegime(r, manage));
}

export async function getRegime(ctx: RequestContext, id: string): Promise<RegimeView> {
  requireActor(ctx);
  const row = await findRegime(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  return presentRegime(row, await canManage(ctx as AuthedContext));
}

/** Creates a report regime (movement.manage), with the default reviewer rules under the ones given (core/reports/reviewers). */
export async function createRegime(ctx: RequestContext, input: CreateRegimeInput, options: { isDemo?: boolean } = {}): Promise<RegimeView> {
  const actor = await requireManager(ctx);
  return presentRegime(await insertRegime(ctx.db, ctx, actor.tenantId, input, options), true);
}

/** Inserts a regime with its audit record (also used by the demo seed inside its transaction). */
export async function insertRegime(db: Db | Tx, ctx: WriteContext, tenantId: string, input: CreateRegimeInput, options: { isDemo?: boolean } = {}): Promise<RegimeRow> {
  return db.transaction(async (tx) => {
    const [set] = await tx
      .select()
      .from(criteriaSets)
      .where(and(eq(criteriaSets.tenantId, tenantId), eq(criteriaSets.id, input.criteriaSetId)));
    if (!set) throw AppError.unprocessable('criteria_set_not_found', 'regime.criteria_set_not_found', {}, 'body.criteriaSetId');
    const [taken] = await tx
      .select({ id: reportRegimes.id })
      .from(reportRegimes)
      .where(and(eq(reportRegimes.tenantId, tenantId), eq(reportRegimes.code, input.code)));
    if (taken) throw new AppError('code_taken', 409, 'regime.code_taken', [{ path: 'body.code', message: '' }], { code: input.code });
    const [row] = await tx
      .insert(reportRegimes)
      .values({
        id: randomUUID(),
        tenantId,
        movementId: input.movementId ?? set.movementId,
        criteriaSetId: set.id,
        code: input.code,
        name: input.name.normalize('NFC'),
        content: input.content.normalize('NFC'),
        reportingLevels: input.reportingLevels,
        rootUnitId: input.rootUnitId ?? null,
        receivingUnitName: input.receivingUnitName.normalize('NFC'),
        frequency: input.frequency,
        cutoffRule: input.cutoffRule,
        schedule: input.schedule ?? defaultSchedule,
        method: input.method.normalize('NFC'),
        reviewerRules: withDefaultReviewerRules(input.reviewerRules),
        isDemo: options.isDemo ?? false,
      })
      .returning();
    await recordAudit(
      tx,
      ctx,
      { action: 'report_regime.created', entityType: 'report_regime', entityId: row!.id, after: { code: row!.code, name: row!.name, frequency: row!.frequency } },
      tenantId,
    );
    return row!;
  });
}

/**
 * Creates the periods of a year (by the regime's frequency and cut-off rule) or one custom period; each period
 * records the criteria version in force on its last day. Existing codes are refused.
 */
export async function createPeriods(ctx: RequestContext, regimeId: string, input: CreatePeriodsInput): Promise<PeriodView[]> {
  const actor = await requireManager(ctx);
  const regime = await findRegime(ctx.db, actor.tenantId, regimeId);
  if (!regime) throw AppError.notFound();
  const rows = await insertPeriods(ctx.db, ctx, regime, input);
  return rows.map((p) => presentPeriod(p, regime, true));
}

export async function insertPeriods(db: Db | Tx, ctx: WriteContext, regime: RegimeRow, input: CreatePeriodsInput, options: { isDemo?: boolean } = {}): Promise<PeriodRow[]> {
  let specs: { code: string; label: string; kind: string; startDate: string; endDate: string; opensOn: string; dueDate: string; closesOn: string; locksOn: string }[];
  if ('year' in input) {
    if (regime.frequency === 'custom') throw AppError.validation([{ path: 'body.year', message: '', messageKey: 'regime.custom_periods_by_hand' }]);
    specs = periodsOfYear(regime.frequency as 'month' | 'quarter' | 'half_year' | 'year', regime.cutoffRule as 'decree_09' | 'calendar', input.year, regime.schedule);
  } else {
    const c = input.custom;
    if (!(c.startDate <= c.endDate && c.opensOn <= c.dueDate && c.dueDate <= c.closesOn && c.closesOn <= c.locksOn)) {
      throw AppError.unprocessable('date_order', 'period.date_order', {}, 'body.custom');
    }
    specs = [{ ...c, kind: 'custom' }];
  }
  return db.transaction(async (tx) => {
    const out: PeriodRow[] = [];
    for (const spec of specs) {
      const [exists] = await tx
        .select({ id: reportPeriods.id })
        .from(reportPeriods)
        .where(and(eq(reportPeriods.regimeId, regime.id), eq(reportPeriods.code, spec.code)));
      if (exists) throw new AppError('period_exists', 409, 'period.exists', [], { code: spec.code });
      const version = await findVersionInForce(tx, regime.criteriaSetId, spec.endDate);
      if (!version) throw AppError.unprocessable('no_version', 'period.no_version', { date: spec.endDate });
      const [row] = await tx
        .insert(reportPeriods)
        .values({
          id: randomUUID(),
          tenantId: regime.tenantId,
          regimeId: regime.id,
          ...spec,
          status: 'scheduled',
          criteriaSetVersionId: version.id,
          isDemo: options.isDemo ?? regime.isDemo,
        })
        .returning();
      out.push(row!);
    }
    await recordAudit(tx, ctx, { action: 'report_period.created', entityType: 'report_regime', entityId: regime.id, after: { codes: out.map((p) => p.code) } }, regime.tenantId);
    return out;
  });
}

/** Periods (newest first); statuses are first brought up to date with the schedule. */
export async function listPeriods(ctx: RequestContext, query: { regimeId?: string; status?: PeriodStatus }): Promise<PeriodView[]> {
  requireActor(ctx);
  await syncPeriodSchedule(ctx.db, ctx.actor.tenantId);
  const filter: SQL[] = [];
  if (query.regimeId) filter.push(eq(reportPeriods.regimeId, query.regimeId));
  if (query.status) filter.push(eq(reportPeriods.status, query.status));
  const rows = await findPeriods(ctx.db, ctx.actor.tenantId, filter);
  const manage = await canManage(ctx as AuthedContext);
  return rows.map((r) => presentPeriod(r.period, r.regime, manage));
}

export async function getPeriod(ctx: RequestContext, id: string): Promise<PeriodView> {
  requireActor(ctx);
  await syncPeriodSchedule(ctx.db, ctx.actor.tenantId);
  const found = await findPeriod(ctx.db, ctx.actor.tenantId, id);
  if (!found) throw AppError.notFound();
  return presentPeriod(found.period, found.regime, await canManage(ctx as AuthedContext));
}

/** Opens a scheduled period now, before its date (movement.manage). */
export async function openPeriodNow(ctx: RequestContext, id: string): Promise<PeriodView> {
  const actor = await requireManager(ctx);
  const found = await findPeriod(ctx.db, actor.tenantId, id);
  if (!found) throw AppError.notFound();
  await ctx.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, id);
    if (!period || !opensNow(period)) throw new AppError('not_scheduled', 409, 'period.not_scheduled');
    await applyPeriodStatus(tx, ctx, found.regime, period, 'open');
  });
  return getPeriod(ctx, id);
}

/**
 * Moves one period forward to a status, with the side effects of each step: opening freezes the criteria version
 * (the first period using it) and puts "submit the report" in every reporting unit's inbox; locking locks the
 * approved reports and cancels the unmet submit obligations.
 */
export async function applyPeriodStatus(tx: Tx, ctx: WriteContext, regime: RegimeRow, period: PeriodRow, target: PeriodStatus): Promise<void> {
  const order: PeriodStatus[] = ['scheduled', 'open', 'closed', 'locked'];
  const from = order.indexOf(period.status as PeriodStatus);
  const to = order.indexOf(target);
  if (to <= from) return;
  const now = new Date();
  if (from < 1 && to >= 1) {
    // A criteria version freezes when the first reporting period using it opens.
    await freezeCriteriaVersion(tx, ctx, period.criteriaSetVersionId, `Mở kỳ báo cáo ${period.label} (${regime.name})`);
    const tree = await loadOrgTree(tx, period.tenantId, period.endDate);
    for (const unit of expectedUnits(tree, regime)) {
      await openDueItem(tx, {
        tenantId: period.tenantId,
        unitId: unit.id,
        movementId: regime.movementId,
        kind: 'report_submit',
        subjectType: 'report_period',
        subjectId: period.id,
        title: `Nộp báo cáo ${period.label} — ${regime.name}`,
        titleEn: `Submit the ${period.code} report — ${regime.code}`,
        link: `/bao-cao?ky=${period.id}`,
        dueDate: period.dueDate,
        details: { periodId: period.id, regimeId: regime.id },
      });
    }
  }
  if (to >= 3) {
    const approved = await tx
      .select({ id: reports.id, rowVersion: reports.rowVersion })
      .from(reports)
      .where(and(eq(reports.periodId, period.id), eq(reports.status, 'approved')));
    if (approved.length > 0) {
      await tx
        .update(reports)
        .set({ status: 'locked', lockedAt: now, rowVersion: sql`${reports.rowVersion} + 1`, updatedAt: now })
        .where(
          inArray(
            reports.id,
            approved.map((r) => r.id),
          ),
        );
      await tx.insert(reportEvents).values(
        approved.map((r) => ({
          id: randomUUID(),
          tenantId: period.tenantId,
          reportId: r.id,
          action: 'lock',
          fromStatus: 'approved',
          toStatus: 'locked',
          fromRowVersion: r.rowVersion,
          comment: `Khoá theo lịch kỳ ${period.label}`,
          actorUserId: null,
          actorName: ctx.actorName ?? ctx.actor?.username ?? null,
        })),
      );
    }
    await closeDueItems(tx, { tenantId: period.tenantId, subjectType: 'report_period', subjectId: period.id, kind: 'report_submit', resolution: 'cancelled' });
  }
  // The ranking freezes when the period closes and is published when it locks, in this transaction (decision 0013).
  if (from < 2 && to >= 2) await freezeRankingSnapshot(tx, ctx, period.id, ctx.actor ? 'manual' : 'schedule');
  if (to >= 3) await publishRankingSnapshot(tx, ctx, period.id, 'schedule');
  await tx
    .update(reportPeriods)
    .set({
      status: target,
      rowVersion: period.rowVersion + 1,
      ...(from < 1 && to >= 1 ? { openedAt: now } : {}),
      ...(from < 2 && to >= 2 ? { closedAt: now } : {}),
      ...(to >= 3 ? { lockedAt: now } : {}),
    })
    .where(eq(reportPeriods.id, period.id));
  await recordAudit(
    tx,
    ctx,
    { action: `report_period.${target}`, entityType: 'report_period', entityId: period.id, before: { status: period.status }, after: { status: target } },
    period.tenantId,
  );
}

/**
 * Brings every period of the tenant up to its schedule (open → closed → locked on their dates). Runs on reads of
 * periods and can be called by a job; periods only move forward, and concurrent callers serialise on the row lock.
 */
export async function syncPeriodSchedule(db: Db, tenantId: string, today = todayInVietnam()): Promise<number> {
  const due = await db
    .select({ period: reportPeriods, regime: reportRegimes })
    .from(reportPeriods)
    .innerJoin(reportRegimes, eq(reportRegimes.id, reportPeriods.regimeId))
    .where(
      and(
        eq(reportPeriods.tenantId, tenantId),
        sql`(${reportPeriods.status} = 'scheduled' and ${reportPeriods.opensOn} <= ${today}::date
          or ${reportPeriods.status} = 'open' and ${reportPeriods.closesOn} <= ${today}::date
          or ${reportPeriods.status} = 'closed' and ${reportPeriods.locksOn} <= ${today}::date)`,
      ),
    );
  let changed = 0;
  for (const { period, regime } of due) {
    const target = advancedStatus(period.status as PeriodStatus, scheduledStatus(period, today));
    await db.transaction(async (tx) => {
      const locked = await lockPeriod(tx, period.id);
      if (!locked || locked.status === target) return;
      await applyPeriodStatus(tx, { actor: null, requestId: 'scheduler', actorName: 'scheduler' }, regime, locked, target);
      changed++;
    });
  }
  return changed;
}
