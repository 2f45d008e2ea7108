import { sql, type SQL } from 'drizzle-orm';
import type { CriteriaSetVersion, Criterion } from '../../../core/criteria/criteria.schemas.js';
import { todayInVietnam } from '../../../core/dates.js';
import { Dec } from '../../../core/decimal.js';
import { rankUnits } from '../../../core/ranking/ranking.js';
import { formatTarget } from '../../../core/scoring/index.js';
import type { RequestContext, Scope } from '../../auth/actor.js';
import { inScope, requireAccess, scopeFor, scopeWhere } from '../../auth/access.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { findVersionRow, loadOrgTree, subtreeOf, type OrgTree, type OrgUnit } from '../reports/reports.repository.js';
import { expectedUnits } from '../reports/reports.service.js';
import {
  countCriterionStatuses,
  findApprovedResults,
  findGroupMemberIds,
  findMovementPeriod,
  findPreviousPeriodId,
  findReportStates,
  findUnitHistory,
  movementExists,
  type PeriodRow,
} from './dashboards.repository.js';
import type { DashboardView, RankingView, ScorecardView } from './dashboards.schemas.js';

/** part / whole × 100 with two decimals; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): string | null {
  return whole === 0 ? null : new Dec(part).times(100).dividedBy(whole).toFixed(2);
}

const unitFilter = (units: Iterable<string>): SQL => scopeWhere(sql`r.unit_id`, { kind: 'units', unitIds: new Set(units) });

export function presentPeriod(p: PeriodRow) {
  return { id: p.period_id, code: p.period_code, label: p.period_label, startDate: p.start_date, endDate: p.end_date, dueDate: p.due_date, status: p.status };
}

async function loadPeriod(ctx: RequestContext, tenantId: string, movementId: string, periodId: string): Promise<PeriodRow> {
  const period = await findMovementPeriod(ctx.db, tenantId, movementId, periodId);
  if (!period) throw AppError.notFound();
  return period;
}

async function loadDefinition(db: DbOrTx, versionId: string): Promise<CriteriaSetVersion> {
  const row = await findVersionRow(db, versionId);
  if (!row) throw AppError.notFound();
  return row.definition as CriteriaSetVersion;
}

/** Units the actor may see whose parent on the period's tree they may not: the starting points of a drill-down. */
function topUnits(tree: OrgTree, scope: Scope): OrgUnit[] {
  return [...tree.byId.values()].filter((u) => inScope(scope, u.id) && (!u.parent_id || !inScope(scope, u.parent_id) || !tree.byId.has(u.parent_id)));
}

/** How a criterion's target is displayed (as the report form does). */
function targetText(c: Criterion, target: { comparator: string; threshold: string }, locale: RequestContext['locale']): string {
  const display = c.kind === 'ratio' || c.kind === 'value' ? c.display : 'number';
  return formatTarget(target as Parameters<typeof formatTarget>[0], display === 'ratio' ? 'number' : display, locale);
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/**
 * The standing agency's dashboard for a movement's period: per criterion and level, units met / not met / awaiting;
 * completeness and timeliness per level; drill-down by the organisation tree of the period's last day.
 * Only units in the actor's dashboard.read scope are counted; `unitId` narrows to that unit's subtree (404 outside).
 */
export async function getDashboard(ctx: RequestContext, movementId: string, query: { periodId: string; unitId?: string }): Promise<DashboardView> {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const period = await loadPeriod(ctx, actor.tenantId, movementId, query.periodId);
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  if (query.unitId) await requireAccess(ctx, 'dashboard.read', query.unitId);
  const [tree, definition] = await Promise.all([loadOrgTree(ctx.db, actor.tenantId, period.end_date), loadDefinition(ctx.db, period.criteria_set_version_id)]);
  const root = query.unitId ? tree.byId.get(query.unitId) : undefined;
  if (query.unitId && !root) throw AppError.notFound();

  let expected = expectedUnits(tree, { reportingLevels: period.reporting_levels, rootUnitId: period.root_unit_id }).filter((u) => inScope(scope, u.id));
  if (root) {
    const inside = new Set(subtreeOf(tree, root.id).map((u) => u.id));
    expected = expected.filter((u) => inside.has(u.id) && u.id !== root.id);
  }
  const expectedIds = expected.map((u) => u.id);
  const filter = unitFilter(expectedIds);
  // Two aggregates over indexed tables (reports by period, evaluations by id), read live.
  const [counts, states] = await Promise.all([countCriterionStatuses(ctx.db, period.period_id, filter), findReportStates(ctx.db, period.period_id, period.due_date, filter)]);

  const expectedByLevel = new Map<string, number>();
  for (const u of expected) expectedByLevel.set(u.level, (expectedByLevel.get(u.level) ?? 0) + 1);
  const stateByUnit = new Map(states.map((s) => [s.unit_id, s] as const));
  const approvedByLevel = new Map<string, number>();
  for (const u of expected) if (stateByUnit.get(u.id)?.approved) approvedByLevel.set(u.level, (approvedByLevel.get(u.level) ?? 0) + 1);
  const countOf = (level: string, code: string, status: string) => counts.find((c) => c.level === level && c.code === code && c.status === status)?.n ?? 0;

  const levels = [...expectedByLevel.keys()].sort();
  const criteria = definition.criteria.flatMap((c: Criterion) =>
    c.levels
      .filter((level) => expectedByLevel.has(level))
      .map((level) => {
        const met = countOf(level, c.code, 'met');
        const notMet = countOf(level, c.code, 'not_met');
        const notApplicable = countOf(level, c.code, 'not_applicable');
        const evaluated = met + notMet;
        const expectedCount = expectedByLevel.get(level)!;
        const target = c.targets.find((t) => t.level === level);
        return {
          code: c.code,
          title: c.title,
          contentArea: c.contentArea,
          level,
          target: target ? targetText(c, target, ctx.locale) : null,
          expected: expectedCount,
          evaluated,
          met,
          metPercent: percentOf(met, evaluated),
          notMet,
          notApplicable,
          // Units with no approved result yet, plus approved results still waiting for data or review.
          awaiting: expectedCount - evaluated - notApplicable,
        };
      }),
  );

  const today = todayInVietnam();
  const overdue = today > period.due_date;
  const completeness = levels.map((level) => {
    const ofLevel = expected.filter((u) => u.level === level);
    const submitted = ofLevel.filter((u) => stateByUnit.get(u.id)?.submitted).length;
    const onTime = ofLevel.filter((u) => stateByUnit.get(u.id)?.on_time).length;
    const approved = approvedByLevel.get(level) ?? 0;
    return {
      level,
      expected: ofLevel.length,
      submitted,
      approved,
      completenessPercent: percentOf(approved, ofLevel.length),
      onTime,
      late: submitted - onTime,
      overdue: overdue ? ofLevel.length - submitted : 0,
      timelinessPercent: percentOf(onTime, submitted),
    };
  });

  const children = (root ? (tree.children.get(root.id) ?? []).filter((u) => inScope(scope, u.id)) : topUnits(tree, scope)).sort(byName).map((u) => {
    const inside = new Set(subtreeOf(tree, u.id).map((x) => x.id));
    const units = expected.filter((x) => inside.has(x.id));
    const approved = units.filter((x) => stateByUnit.get(x.id)?.approved).length;
    return { unitId: u.id, code: u.code, name: u.name, level: u.level, expected: units.length, approved, completenessPercent: percentOf(approved, units.length), hasChildren: (tree.children.get(u.id) ?? []).length > 0 };
  });

  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: presentPeriod(period),
    unit: root ? { id: root.id, code: root.code, name: root.name, level: root.level, parentId: root.parent_id && inScope(scope, root.parent_id) ? root.parent_id : null } : null,
    criteria,
    completeness,
    children,
    generatedAt: new Date().toISOString(),
  };
}

/** Every criterion of a unit's approved result for a period with value, target, status, explanation and history. */
export async function getScorecard(ctx: RequestContext, unitId: string, query: { movementId: string; periodId?: string }): Promise<ScorecardView> {
  const actor = await requireAccess(ctx, 'dashboard.read', unitId);
  if (!(await movementExists(ctx.db, actor.tenantId, query.movementId))) throw AppError.notFound();
  if (query.periodId) await loadPeriod(ctx, actor.tenantId, query.movementId, query.periodId);
  const history = await findUnitHistory(ctx.db, actor.tenantId, unitId, query.movementId);
  const current = query.periodId ? history.find((h) => h.period_id === query.periodId) : history.at(-1);
  if (!current) return { unitId, movementId: query.movementId, period: null, totals: null, criteria: [], periods: history.map(historyPeriod) };
  const definition = await loadDefinition(ctx.db, current.criteria_set_version_id);
  const titles = new Map(definition.criteria.map((c) => [c.code, c] as const));
  const criteria = current.result.criteria
    .filter((c) => c.status !== 'not_applicable' || titles.get(c.code)?.levels.includes(current.level as never))
    .map((c) => {
      const def = titles.get(c.code);
      return {
        code: c.code,
        title: def?.title ?? c.code,
        status: c.status,
        value: c.displayValue,
        target: c.target && def ? targetText(def, c.target, ctx.locale) : null,
        points: c.points,
        maxPoints: c.maxPoints,
        explanation: c.explanation,
        history: history.map((h) => {
          const x = h.result.criteria.find((y) => y.code === c.code);
          return { periodId: h.period_id, periodLabel: h.period_label, status: x?.status ?? null, value: x?.displayValue ?? null };
        }),
      };
    });
  return {
    unitId,
    movementId: query.movementId,
    period: { id: current.period_id, code: current.period_code, label: current.period_label },
    totals: { totalPoints: current.result.totalPoints, maxPoints: current.result.maxPoints, shareMet: current.result.shareMet, classification: current.result.classification?.label ?? null },
    criteria,
    periods: history.map(historyPeriod),
  };
}

function historyPeriod(h: { period_id: string; period_code: string; period_label: string; result: { totalPoints: string } }) {
  return { id: h.period_id, code: h.period_code, label: h.period_label, totalPoints: h.result.totalPoints };
}

/**
 * Ranks the approved results of a period at a level among the given units (the caller's scope, a cluster), with
 * movement against the regime's previous period ranked over the same units.
 */
export async function computeRanking(
  db: DbOrTx,
  tenantId: string,
  period: PeriodRow,
  level: string,
  allowed: (unitId: string) => boolean,
  options: { publishedOnly: boolean },
) {
  const tree = await loadOrgTree(db, tenantId, period.end_date);
  const previousId = await findPreviousPeriodId(db, period.regime_id, period.start_date, options.publishedOnly);
  const [rows, previousRows] = await Promise.all([
    findApprovedResults(db, period.period_id, level, sql`true`),
    previousId ? findApprovedResults(db, previousId, level, sql`true`) : Promise.resolve([]),
  ]);
  const nameOf = (id: string) => tree.byId.get(id)?.name ?? id;
  const entries = (list: typeof rows) => list.filter((r) => allowed(r.unit_id)).map((r) => ({ unitId: r.unit_id, name: nameOf(r.unit_id), totalPoints: r.total_points ?? '0', shareMet: r.share_met }));
  const previous = new Map(rankUnits(entries(previousRows)).map((r) => [r.unitId, r.rank] as const));
  const classification = new Map(rows.map((r) => [r.unit_id, r.classification] as const));
  return rankUnits(entries(rows), previous).map((r) => ({
    rank: r.rank,
    unitId: r.unitId,
    code: tree.byId.get(r.unitId)?.code ?? null,
    name: r.name,
    totalPoints: r.totalPoints,
    shareMet: r.shareMet,
    classification: classification.get(r.unitId) ?? null,
    tieExplanation: r.tieExplanation,
    previousRank: r.previousRank,
    movement: r.movement,
  }));
}

/** Rankings within a level (and optionally a cluster) among the units the actor may see. */
export async function getRankings(ctx: RequestContext, movementId: string, query: { periodId: string; level: string; groupId?: string }): Promise<RankingView> {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const period = await loadPeriod(ctx, actor.tenantId, movementId, query.periodId);
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  const group = query.groupId ? await findGroupMemberIds(ctx.db, actor.tenantId, query.groupId, period.end_date) : null;
  if (query.groupId && !group) throw AppError.notFound();
  const rows = await computeRanking(ctx.db, actor.tenantId, period, query.level, (id) => inScope(scope, id) && (!group || group.unitIds.has(id)), { publishedOnly: false });
  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: presentPeriod(period),
    level: query.level,
    group: group && query.groupId ? { id: query.groupId, name: group.name } : null,
    rows,
  };
}
