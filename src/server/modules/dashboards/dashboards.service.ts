import { compareVietnamese } from '../../../core/text.js';
import { sql } from 'drizzle-orm';
import type { CriteriaSetVersion, Criterion } from '../../../core/criteria/criteria.schemas.js';
import { daysBetween, todayInVietnam } from '../../../core/dates.js';
import { Dec } from '../../../core/decimal.js';
import { describeTies, rankUnits } from '../../../core/ranking/ranking.js';
import { formatTarget } from '../../../core/scoring/index.js';
import type { RequestContext } from '../../auth/actor.js';
import { inScope, requireAccess, scopeFor, scopeWhere } from '../../auth/access.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { findUnitOn, loadOrgTree } from '../units/org-on-date.js';
import { loadCriteriaDefinition } from '../criteria/criteria-definitions.js';
import { computeDiligence } from '../../../core/diligence/diligence.js';
import {
  countCriterionBuckets,
  countDiligence,
  countTrendCompleteness,
  countTrendCriteria,
  findApprovedResults,
  findGroupName,
  findLineageHistory,
  findLineagePredecessors,
  findReportEvidence,
  findTrendPeriods,
  findGroupMemberIds,
  findMovementPeriod,
  findPreviousPeriodId,
  findUnsubmitted,
  movementExists,
  tallyDashboard,
  type BucketCountRow,
  type DashboardTallyRow,
  type PeriodRow,
} from './dashboards.repository.js';
import { dashboardFrame } from './dashboards.frame.js';
import { distributionBuckets, type DashboardView, type OverdueView, type RankingView, type ScorecardView, type TrendView } from './dashboards.schemas.js';

/** part / whole × 100 with two decimals; null when there is nothing to divide by. */
export function percentOf(part: number, whole: number): string | null {
  return whole === 0 ? null : new Dec(part).times(100).dividedBy(whole).toFixed(2);
}

export function presentPeriod(p: PeriodRow) {
  return { id: p.period_id, code: p.period_code, label: p.period_label, startDate: p.start_date, endDate: p.end_date, dueDate: p.due_date, status: p.status };
}

async function loadPeriod(ctx: RequestContext, tenantId: string, movementId: string, periodId: string): Promise<PeriodRow> {
  const period = await findMovementPeriod(ctx.db, tenantId, movementId, periodId);
  if (!period) throw AppError.notFound();
  return period;
}

/** The criteria version's definition, through the criteria area's loader (read and compiled once per frozen version). */
async function loadDefinition(db: DbOrTx, versionId: string): Promise<CriteriaSetVersion> {
  return (await loadCriteriaDefinition(db, versionId)).set;
}

/** How a criterion's target is displayed (as the report form does). */
function targetText(c: Criterion, target: { comparator: string; threshold: string }, locale: RequestContext['locale']): string {
  const display = c.kind === 'ratio' || c.kind === 'value' ? c.display : 'number';
  return formatTarget(target as Parameters<typeof formatTarget>[0], display === 'ratio' ? 'number' : display, locale);
}

type DashboardQuery = { periodId: string; unitId?: string; groupId?: string };

/**
 * What a dashboard view counts: the period, the caller's scope, the drilled unit (404 outside the scope or the
 * period's tree), the cluster (404 if not the tenant's) and the frame of expected units on the period's tree.
 */
async function resolveView(ctx: RequestContext, movementId: string, query: DashboardQuery) {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const period = await loadPeriod(ctx, actor.tenantId, movementId, query.periodId);
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  if (query.unitId) await requireAccess(ctx, 'dashboard.read', query.unitId);
  const [tree, groupName] = await Promise.all([
    loadOrgTree(ctx.db, actor.tenantId, period.end_date),
    query.groupId ? findGroupName(ctx.db, actor.tenantId, query.groupId) : Promise.resolve(null),
  ]);
  const root = query.unitId ? tree.byId.get(query.unitId) : undefined;
  if (query.unitId && !root) throw AppError.notFound();
  if (query.groupId && groupName === null) throw AppError.notFound();
  const group = query.groupId && groupName !== null ? { id: query.groupId, name: groupName } : null;
  const frame = dashboardFrame(tree, { reportingLevels: period.reporting_levels, rootUnitId: period.root_unit_id }, scope, root);
  return { actor, period, scope, tree, root, group, frame };
}

/**
 * The standing agency's dashboard for a movement's period: per criterion and level, units met / not met / awaiting
 * and the distribution of values relative to the target; completeness and timeliness per level; how many units are
 * overdue (the list itself: `listOverdue`); drill-down by the organisation tree of the period's last day and by
 * cluster. Only units in the actor's dashboard.read scope are counted; `unitId` narrows to that unit's subtree (404
 * outside), `groupId` to a cluster's members on the period's last day.
 * Every figure is a SQL aggregate over live indexed tables (report states, criterion results kept in the approving
 * transaction), computed over the view's frame of units: an approval shows on the next request.
 */
export async function getDashboard(ctx: RequestContext, movementId: string, query: DashboardQuery): Promise<DashboardView> {
  const { actor, period, scope, tree, root, group, frame } = await resolveView(ctx, movementId, query);
  const at = { periodId: period.period_id, date: period.end_date, groupId: group?.id ?? null, unitIds: frame.arrays.unitIds };
  // The whole tenant's view counts the period's criterion results unfiltered, in parallel with the tally (filtering
  // by thousands of units costs the database more than the count); the counts are kept only when the frame holds
  // every approved report of the period, else they are counted again over the frame's units.
  const wholeTenant = scope.kind === 'all' && !root && !group;
  const [definition, tallies, unfiltered] = await Promise.all([
    loadDefinition(ctx.db, period.criteria_set_version_id),
    tallyDashboard(ctx.db, { tenantId: actor.tenantId, periodId: period.period_id, dueDate: period.due_date, date: period.end_date, groupId: at.groupId, frame: frame.arrays }),
    countCriterionBuckets(ctx.db, wholeTenant ? { ...at, unitIds: null } : at),
  ]);

  // Per level and per drill-down row, from the tallies of (level, nearest row).
  type Tally = { expected: number; submitted: number; approved: number; onTime: number };
  const empty = (): Tally => ({ expected: 0, submitted: 0, approved: 0, onTime: 0 });
  const add = (t: Tally, r: DashboardTallyRow) => {
    t.expected += r.expected;
    t.submitted += r.submitted;
    t.approved += r.approved;
    t.onTime += r.on_time;
  };
  const byLevel = new Map<string, Tally>();
  const byRow = frame.rows.map(empty);
  const groupRows: DashboardTallyRow[] = [];
  let periodApproved = 0;
  for (const r of tallies) {
    if (r.kind === 'group') {
      groupRows.push(r);
      continue;
    }
    if (r.kind === 'period') {
      periodApproved = r.approved;
      continue;
    }
    const level = frame.levels[r.level!]!;
    if (!byLevel.has(level)) byLevel.set(level, empty());
    add(byLevel.get(level)!, r);
    if (r.row! >= 0) for (const towards of frame.countsTowards[r.row!]!) add(byRow[towards]!, r);
  }
  const levels = [...byLevel.keys()].filter((l) => byLevel.get(l)!.expected > 0).sort();
  const frameApproved = [...byLevel.values()].reduce((n, t) => n + t.approved, 0);
  const buckets = wholeTenant && frameApproved !== periodApproved ? await countCriterionBuckets(ctx.db, at) : unfiltered;

  const bucketIndex = new Map<string, BucketCountRow[]>();
  for (const b of buckets) {
    const key = `${b.level}|${b.code}`;
    const list = bucketIndex.get(key);
    if (list) list.push(b);
    else bucketIndex.set(key, [b]);
  }
  const rowsOf = (level: string, code: string) => bucketIndex.get(`${level}|${code}`) ?? [];
  const countOf = (level: string, code: string, status: string) => rowsOf(level, code).reduce((n, c) => (c.status === status ? n + c.n : n), 0);

  const pairs = definition.criteria.flatMap((c: Criterion) => c.levels.filter((level) => levels.includes(level)).map((level) => ({ c, level })));
  const criteria = pairs.map(({ c, level }) => {
    const met = countOf(level, c.code, 'met');
    const notMet = countOf(level, c.code, 'not_met');
    const notApplicable = countOf(level, c.code, 'not_applicable');
    const evaluated = met + notMet;
    const expectedCount = byLevel.get(level)!.expected;
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
  });
  const distribution = pairs.map(({ c, level }) => {
    const rows = rowsOf(level, c.code);
    const target = c.targets.find((t) => t.level === level);
    return {
      code: c.code,
      title: c.title,
      level,
      target: target ? targetText(c, target, ctx.locale) : null,
      buckets: distributionBuckets.map((key) => ({ key, count: rows.reduce((n, r) => (r.bucket === key ? n + r.n : n), 0) })),
      notApplicable: countOf(level, c.code, 'not_applicable'),
      awaitingData: rows.reduce((n, r) => (r.status !== 'met' && r.status !== 'not_met' && r.status !== 'not_applicable' ? n + r.n : n), 0),
    };
  });

  const overdue = todayInVietnam() > period.due_date;
  const completeness = levels.map((level) => {
    const t = byLevel.get(level)!;
    return {
      level,
      expected: t.expected,
      submitted: t.submitted,
      approved: t.approved,
      completenessPercent: percentOf(t.approved, t.expected),
      onTime: t.onTime,
      late: t.submitted - t.onTime,
      overdue: overdue ? t.expected - t.submitted : 0,
      timelinessPercent: percentOf(t.onTime, t.submitted),
    };
  });
  const children = frame.rows.map((u, i) => {
    const { expected, approved } = byRow[i]!;
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      level: u.level,
      expected,
      approved,
      completenessPercent: percentOf(approved, expected),
      hasChildren: (tree.children.get(u.id) ?? []).length > 0,
    };
  });
  const groups = groupRows
    .map((g) => ({ id: g.group_id!, name: g.group_name!, kind: g.group_kind!, expected: g.expected, approved: g.approved, completenessPercent: percentOf(g.approved, g.expected) }))
    .sort((a, b) => compareVietnamese(a.name, b.name) || a.id.localeCompare(b.id));

  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: presentPeriod(period),
    unit: root ? { id: root.id, code: root.code, name: root.name, level: root.level, parentId: root.parent_id && inScope(scope, root.parent_id) ? root.parent_id : null } : null,
    criteria,
    completeness,
    children,
    group,
    groups,
    distribution,
    overdueTotal: completeness.reduce((n, c) => n + c.overdue, 0),
    generatedAt: new Date().toISOString(),
  };
}

/**
 * The units of a dashboard view that have not submitted the period's report after its due date (none before it), by
 * level (departments, districts, communes; other levels first), then the parent's name, then the name; a page of
 * them (`limit` null: all, for the workbook) and how many there are.
 */
export async function listOverdue(ctx: RequestContext, movementId: string, query: DashboardQuery & { limit: number | null; offset: number }): Promise<OverdueView> {
  const { period, tree, group, frame } = await resolveView(ctx, movementId, query);
  const today = todayInVietnam();
  const page = { total: 0, limit: query.limit, offset: query.offset, rows: [] as OverdueView['rows'] };
  if (today <= period.due_date) return page;
  const unsubmitted = await findUnsubmitted(ctx.db, { periodId: period.period_id, date: period.end_date, groupId: group?.id ?? null, unitIds: frame.arrays.unitIds });
  const order = frame.overdueOrder();
  unsubmitted.sort((a, b) => order.get(a.unit_id)! - order.get(b.unit_id)!);
  const daysOverdue = daysBetween(period.due_date, today);
  page.total = unsubmitted.length;
  page.rows = unsubmitted.slice(query.offset, query.limit === null ? undefined : query.offset + query.limit).map((r) => {
    const u = tree.byId.get(r.unit_id)!;
    const parentName = u.parent_id ? (tree.byId.get(u.parent_id)?.name ?? null) : null;
    return { unitId: u.id, code: u.code, name: u.name, level: u.level, parentName, reportStatus: r.status, daysOverdue };
  });
  return page;
}

/**
 * Met % per criterion and completeness / timeliness per period: the regime's last `periods` periods up to the chosen
 * one, each on its own organisation tree (a 2023 period on Hải Dương's, a 2026 one on Hải Phòng's). A drilled unit
 * covers its own subtree and, for periods before a reorganisation, its predecessors' subtrees (lineage).
 */
export async function getTrend(ctx: RequestContext, movementId: string, query: { periodId: string; unitId?: string; groupId?: string; periods: number }): Promise<TrendView> {
  const actor = await requireAccess(ctx, 'dashboard.read');
  const period = await loadPeriod(ctx, actor.tenantId, movementId, query.periodId);
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  if (query.unitId) await requireAccess(ctx, 'dashboard.read', query.unitId);
  let group: { id: string; name: string } | null = null;
  if (query.groupId) {
    const found = await findGroupMemberIds(ctx.db, actor.tenantId, query.groupId, period.end_date);
    if (!found) throw AppError.notFound();
    group = { id: query.groupId, name: found.name };
  }
  const [definition, periods, unit] = await Promise.all([
    loadDefinition(ctx.db, period.criteria_set_version_id),
    findTrendPeriods(ctx.db, period.regime_id, period.end_date, query.periods),
    query.unitId ? findUnitOn(ctx.db, actor.tenantId, query.unitId, period.end_date) : Promise.resolve(null),
  ]);
  if (query.unitId && !unit) throw AppError.notFound();
  let roots: string[] | null = null;
  if (query.unitId) roots = await findLineagePredecessors(ctx.db, actor.tenantId, query.unitId);
  else if (period.root_unit_id) roots = await findLineagePredecessors(ctx.db, actor.tenantId, period.root_unit_id);
  const options = {
    tenantId: actor.tenantId,
    regimeId: period.regime_id,
    endDate: period.end_date,
    limit: query.periods,
    levels: period.reporting_levels,
    roots,
    excludeRoots: Boolean(query.unitId),
    scopeFilter: scopeWhere(sql`t.unit_id`, scope),
    groupId: query.groupId ?? null,
  };
  const [completeness, counts] = await Promise.all([countTrendCompleteness(ctx.db, options), countTrendCriteria(ctx.db, options)]);
  const levels = new Set(completeness.map((c) => c.level));
  const countOf = (periodId: string, level: string, code: string, status: string) =>
    counts.find((c) => c.period_id === periodId && c.level === level && c.code === code && c.status === status)?.n ?? 0;
  return {
    movement: { id: period.movement_id, code: period.movement_code, name: period.movement_name },
    period: presentPeriod(period),
    unit: unit ? { id: unit.id, name: unit.name } : null,
    group,
    periods: periods.map((p) => ({ id: p.period_id, code: p.code, label: p.label, endDate: p.end_date, dueDate: p.due_date })),
    completeness: periods.flatMap((p) =>
      [...levels].sort().map((level) => {
        const row = completeness.find((c) => c.period_id === p.period_id && c.level === level);
        const submitted = row?.submitted ?? 0;
        const approved = row?.approved ?? 0;
        const expected = row?.expected ?? 0;
        const onTime = row?.on_time ?? 0;
        return {
          periodId: p.period_id,
          level,
          expected,
          submitted,
          approved,
          onTime,
          completenessPercent: percentOf(approved, expected),
          timelinessPercent: percentOf(onTime, submitted),
        };
      }),
    ),
    criteria: definition.criteria.flatMap((c: Criterion) =>
      c.levels
        .filter((level) => levels.has(level))
        .map((level) => ({
          code: c.code,
          title: c.title,
          level,
          points: periods.map((p) => {
            const met = countOf(p.period_id, level, c.code, 'met');
            const evaluated = met + countOf(p.period_id, level, c.code, 'not_met');
            return { periodId: p.period_id, evaluated, met, metPercent: percentOf(met, evaluated) };
          }),
        })),
    ),
  };
}

/**
 * Every criterion of a unit's approved result for a period with value, target, status, explanation, evidence links,
 * history (crossing a reorganisation through lineage: results of the units merged into it, named) and rank among
 * the units the caller may see at its level; and the unit's diligence index with its components.
 */
export async function getScorecard(ctx: RequestContext, unitId: string, query: { movementId: string; periodId?: string }): Promise<ScorecardView> {
  const actor = await requireAccess(ctx, 'dashboard.read', unitId);
  if (!(await movementExists(ctx.db, actor.tenantId, query.movementId))) throw AppError.notFound();
  const chosen = query.periodId ? await loadPeriod(ctx, actor.tenantId, query.movementId, query.periodId) : null;
  const scope = await scopeFor(ctx.db, actor, 'dashboard.read');
  // Predecessors the caller may see (their history is shown under their own names).
  const lineage = (await findLineagePredecessors(ctx.db, actor.tenantId, unitId)).filter((id) => id === unitId || inScope(scope, id));
  const history = (await findLineageHistory(ctx.db, actor.tenantId, lineage, query.movementId)).filter((h) => !chosen || h.end_date <= chosen.end_date);
  const own = history.filter((h) => h.unit_id === unitId);
  const current = chosen ? own.find((h) => h.period_id === chosen.period_id) : own.at(-1);
  const today = todayInVietnam();
  const asOf = chosen?.end_date ?? today;
  const [self, counts] = await Promise.all([findUnitOn(ctx.db, actor.tenantId, unitId, asOf), countDiligence(ctx.db, actor.tenantId, unitId, query.movementId, asOf, today)]);
  const unitName = self?.name ?? own.at(-1)?.unit_name ?? history.at(-1)?.unit_name ?? '';
  const diligence = computeDiligence({
    due: counts.due,
    onTime: counts.on_time,
    submitted: counts.submitted,
    returned: counts.returned,
    criteria: counts.criteria_required,
    withEvidence: counts.criteria_with_evidence,
  });
  const unit = { id: unitId, name: unitName, level: counts.level };
  const periods = history.map(historyPeriod);
  if (!current) return { unitId, movementId: query.movementId, unit, period: null, rank: null, diligence, totals: null, criteria: [], periods };

  const period = chosen ?? (await loadPeriod(ctx, actor.tenantId, query.movementId, current.period_id));
  const [definition, evidence, ranking] = await Promise.all([
    loadDefinition(ctx.db, current.criteria_set_version_id),
    findReportEvidence(ctx.db, current.report_id),
    computeRanking(ctx.db, actor.tenantId, period, current.level, (id) => inScope(scope, id), { publishedOnly: false }),
  ]);
  const mine = ranking.find((r) => r.unitId === unitId);
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
        evidence: evidence
          .filter((e) => e.criterion_code === c.code)
          .map((e) => ({
            id: e.id,
            documentNumber: e.document_number,
            documentDate: e.document_date,
            issuer: e.issuer,
            summary: e.summary,
            fileName: e.file_name,
            downloadUrl: e.file_sha256 ? `/api/evidence/${e.id}/download` : null,
          })),
        history: history.map((h) => {
          const x = h.result.criteria.find((y) => y.code === c.code);
          return {
            periodId: h.period_id,
            periodLabel: h.period_label,
            unitId: h.unit_id,
            unitName: h.unit_name,
            status: x?.status ?? null,
            value: x?.displayValue ?? null,
            numericValue: x?.value ?? null,
          };
        }),
      };
    });
  return {
    unitId,
    movementId: query.movementId,
    unit: { ...unit, level: current.level },
    period: { id: current.period_id, code: current.period_code, label: current.period_label },
    rank: mine ? { rank: mine.rank, of: ranking.length, level: current.level, tiedCount: mine.tiedCount, tieExplanation: mine.tieExplanation } : null,
    diligence,
    totals: {
      totalPoints: current.result.totalPoints,
      maxPoints: current.result.maxPoints,
      shareMet: current.result.shareMet,
      classification: current.result.classification?.label ?? null,
    },
    criteria,
    periods,
  };
}

function historyPeriod(h: { period_id: string; period_code: string; period_label: string; unit_id: string; unit_name: string; result: { totalPoints: string } }) {
  return { id: h.period_id, code: h.period_code, label: h.period_label, unitId: h.unit_id, unitName: h.unit_name, totalPoints: h.result.totalPoints };
}

/**
 * Ranks the approved results of a period at a level among the given units (the caller's scope, a cluster), with
 * movement against the regime's previous period ranked over the same units.
 */
export async function computeRanking(db: DbOrTx, tenantId: string, period: PeriodRow, level: string, allowed: (unitId: string) => boolean, options: { publishedOnly: boolean }) {
  const tree = await loadOrgTree(db, tenantId, period.end_date);
  const previousId = await findPreviousPeriodId(db, period.regime_id, period.start_date, options.publishedOnly);
  const [rows, previousRows] = await Promise.all([
    findApprovedResults(db, period.period_id, level, sql`true`),
    previousId ? findApprovedResults(db, previousId, level, sql`true`) : Promise.resolve([]),
  ]);
  const nameOf = (id: string) => tree.byId.get(id)?.name ?? id;
  const entries = (list: typeof rows) =>
    list.filter((r) => allowed(r.unit_id)).map((r) => ({ unitId: r.unit_id, name: nameOf(r.unit_id), totalPoints: r.total_points ?? '0', shareMet: r.share_met }));
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
    tiedCount: r.tiedCount,
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
    ties: describeTies(rows),
  };
}
