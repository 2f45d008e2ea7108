import { describeTies, shownTieExplanation } from '../../../core/ranking/ranking.js';
import type { RequestContext } from '../../auth/actor.js';
import { authorize, tenantLevel } from '../../auth/policy.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { lockPeriod, findPeriod } from '../report-regimes/report-regimes.repository.js';
import type { WriteContext } from '../../auth/actor.js';
import { applyPeriodStatus, syncPeriodSchedule } from '../report-regimes/report-regimes.service.js';
import { snapshotPolicy } from './snapshots.policy.js';
import { correctRankingSnapshot, freezeRankingSnapshot, publishRankingSnapshot } from './snapshots.freeze.js';
import {
  findPeriodsBehindSnapshotSchedule,
  findSnapshotEntries,
  findSnapshotHistory,
  findSnapshotOfPeriod,
  findSnapshotPeriod,
  findSnapshotScopes,
  findTenantIds,
  type SnapshotEntryRow,
  type SnapshotRow,
} from './snapshots.repository.js';
import type { SnapshotView } from './snapshots.schemas.js';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentSnapshotMeta(s: SnapshotRow) {
  return {
    id: s.id,
    periodId: s.periodId,
    status: s.status as 'frozen' | 'published' | 'superseded',
    revision: s.revision,
    trigger: s.trigger,
    frozenAt: s.frozenAt.toISOString(),
    publishedAt: iso(s.publishedAt),
    criteriaSetVersionId: s.criteriaSetVersionId,
    supersedesId: s.supersedesId,
    correctionReason: s.correctionReason,
    supersededAt: iso(s.supersededAt),
  };
}

const tieKey = (r: Pick<SnapshotEntryRow, 'scopeKey' | 'rank'>) => `${r.scopeKey}\u0000${r.rank}`;

/**
 * Presents snapshot rows (one or several scopes, in stored order) with how many units share each rank, counted within
 * the scope. A large tie is explained by its count (core shownTieExplanation), also for snapshots frozen before ties were
 * made linear, whose stored explanation named every other unit.
 */
export function presentSnapshotRows(rows: readonly SnapshotEntryRow[]) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(tieKey(r), (counts.get(tieKey(r)) ?? 0) + 1);
  return rows.map((r) => {
    const tiedCount = counts.get(tieKey(r))!;
    const tieExplanation = shownTieExplanation({ rank: r.rank, totalPoints: r.totalPoints, shareMet: r.shareMet, stored: r.tieExplanation }, tiedCount);
    return {
      rank: r.rank,
      unitId: r.unitId,
      code: r.unitCode,
      name: r.unitName,
      totalPoints: r.totalPoints,
      shareMet: r.shareMet,
      classification: r.classification,
      tiedCount,
      tieExplanation,
      previousRank: r.previousRank,
      movement: r.movement,
      criteria: r.criteria,
      scopeKey: r.scopeKey,
    };
  });
}

/** The tie groups of snapshot rows (one or several scopes, in stored order), each described once, with its scope. */
export function snapshotTies(rows: readonly SnapshotEntryRow[]) {
  const byScope = new Map<string, SnapshotEntryRow[]>();
  for (const r of rows) {
    const list = byScope.get(r.scopeKey);
    if (list) list.push(r);
    else byScope.set(r.scopeKey, [r]);
  }
  return [...byScope].flatMap(([scopeKey, list]) =>
    describeTies(list.map((r) => ({ rank: r.rank, name: r.unitName, totalPoints: r.totalPoints, shareMet: r.shareMet }))).map((t) => ({ scopeKey, ...t })),
  );
}

async function loadManagedPeriod(ctx: RequestContext, periodId: string) {
  const actor = await authorize(snapshotPolicy, ctx, 'manage', tenantLevel);
  // Periods move on with the schedule before anyone acts on them.
  await syncPeriodSchedule(ctx.db as Db, actor.tenantId);
  const period = await findSnapshotPeriod(ctx.db, periodId, actor.tenantId);
  if (!period) {
    if (await findPeriod(ctx.db, actor.tenantId, periodId)) throw AppError.unprocessable('no_movement', 'snapshot.no_movement');
    throw AppError.notFound();
  }
  return { actor, period };
}

/** The period's snapshot (metadata, scopes and rows of one scope or all), with what the standing agency may do. */
export async function getSnapshot(ctx: RequestContext, periodId: string, query: { scope?: string }): Promise<SnapshotView> {
  const { actor, period } = await loadManagedPeriod(ctx, periodId);
  const history = await findSnapshotHistory(ctx.db, actor.tenantId, periodId);
  const snapshot = history.filter((h) => h.status !== 'superseded').at(-1) ?? null;
  const published = history.find((h) => h.status === 'published') ?? null;
  const [scopes, rows] = snapshot ? await Promise.all([findSnapshotScopes(ctx.db, snapshot.id), findSnapshotEntries(ctx.db, snapshot.id, query.scope)]) : [[], []];
  const closed = period.status === 'closed' || period.status === 'locked';
  return {
    period: {
      id: period.period_id,
      code: period.period_code,
      label: period.period_label,
      status: period.status,
      movementId: period.movement_id,
      movementName: period.movement_name,
    },
    snapshot: snapshot ? presentSnapshotMeta(snapshot) : null,
    published: published ? presentSnapshotMeta(published) : null,
    history: history.map(presentSnapshotMeta),
    scopes: scopes.map((s) => ({
      key: s.scope_key,
      kind: s.scope_kind as 'level' | 'group',
      level: s.level,
      group: s.group_id ? { id: s.group_id, name: s.group_name ?? '' } : null,
      units: s.n,
    })),
    rows: presentSnapshotRows(rows),
    ties: snapshotTies(rows),
    abilities: {
      canClose: period.status === 'open',
      canFreeze: closed && snapshot?.status !== 'published',
      canPublish: closed && snapshot?.status !== 'published',
      canCorrect: snapshot?.status === 'published',
    },
  };
}

/** Closes an open period now; its ranking freezes in the same transaction. */
export async function closeAndFreeze(ctx: RequestContext, periodId: string): Promise<SnapshotView> {
  const { actor } = await loadManagedPeriod(ctx, periodId);
  await ctx.db.transaction(async (tx) => {
    const found = await findPeriod(tx, actor.tenantId, periodId);
    const period = await lockPeriod(tx, periodId);
    if (!found || !period) throw AppError.notFound();
    if (period.status !== 'open') throw new AppError('period_not_open', 409, 'snapshot.period_not_open', [], { status: period.status });
    await applyPeriodStatus(tx, ctx, found.regime, period, 'closed');
  });
  return getSnapshot(ctx, periodId, {});
}

/** Freezes (or re-freezes, while unpublished) the ranking of a closed or locked period. */
export async function freezeSnapshot(ctx: RequestContext, periodId: string): Promise<SnapshotView> {
  await loadManagedPeriod(ctx, periodId);
  await ctx.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId);
    if (!period) throw AppError.notFound();
    if (period.status !== 'closed' && period.status !== 'locked') throw new AppError('period_not_closed', 409, 'snapshot.period_not_closed', [], { status: period.status });
    await freezeRankingSnapshot(tx, ctx, periodId, 'manual');
  });
  return getSnapshot(ctx, periodId, {});
}

/** Publishes the snapshot of a closed or locked period (freezing it first if needed); immutable afterwards. */
export async function publishSnapshot(ctx: RequestContext, periodId: string): Promise<SnapshotView> {
  await loadManagedPeriod(ctx, periodId);
  await ctx.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId);
    if (!period) throw AppError.notFound();
    if (period.status !== 'closed' && period.status !== 'locked') throw new AppError('period_not_closed', 409, 'snapshot.period_not_closed', [], { status: period.status });
    await publishRankingSnapshot(tx, ctx, periodId, 'manual');
  });
  return getSnapshot(ctx, periodId, {});
}

/**
 * Corrects (đính chính) the period's published ranking: freezes a new snapshot from the approved results as they are
 * now, with the reason; the published one stays public until the correction is published (`publishSnapshot`).
 */
export async function correctSnapshot(ctx: RequestContext, periodId: string, body: { reason: string }): Promise<SnapshotView> {
  await loadManagedPeriod(ctx, periodId);
  await ctx.db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId);
    if (!period) throw AppError.notFound();
    await correctRankingSnapshot(tx, ctx, periodId, body.reason);
  });
  return getSnapshot(ctx, periodId, {});
}

/**
 * The scheduler's pass: brings periods up to their schedule (closing freezes, locking publishes) and catches up
 * periods closed or locked without a snapshot (e.g. recorded as locked by the demo seed). Idempotent; concurrent
 * instances serialise on the period row and the unique key.
 */
export async function syncRankingSnapshots(db: Db): Promise<{ frozen: number; published: number }> {
  const ctx: WriteContext = { actor: null, requestId: 'scheduler', actorName: 'scheduler' };
  let frozen = 0;
  let published = 0;
  for (const { id: tenantId } of await findTenantIds(db)) {
    await syncPeriodSchedule(db, tenantId);
    for (const behind of await findPeriodsBehindSnapshotSchedule(db, tenantId)) {
      await db.transaction(async (tx) => {
        const period = await lockPeriod(tx, behind.id);
        if (!period || (period.status !== 'closed' && period.status !== 'locked')) return;
        const before = await findSnapshotOfPeriod(tx, period.tenantId, period.id);
        if (!before) {
          await freezeRankingSnapshot(tx, ctx, period.id, 'schedule');
          frozen++;
        }
        if (period.status === 'locked' && before?.status !== 'published') {
          await publishRankingSnapshot(tx, ctx, period.id, 'schedule');
          published++;
        }
      });
    }
  }
  return { frozen, published };
}

/**
 * Freezes (if needed) and publishes one closed or locked period's ranking, idempotently, outside any request: for
 * scripts such as the benchmark, which write periods as closed directly.
 */
export async function publishPeriodRanking(db: Db, periodId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const period = await lockPeriod(tx, periodId);
    if (!period || (period.status !== 'closed' && period.status !== 'locked'))
      throw new AppError('period_not_closed', 409, 'snapshot.period_not_closed', [], { status: period?.status ?? 'missing' });
    await publishRankingSnapshot(tx, { actor: null, requestId: 'script', actorName: 'script' }, periodId, 'schedule');
  });
}
