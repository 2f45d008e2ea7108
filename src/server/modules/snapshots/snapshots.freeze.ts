import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { rankUnits } from '../../../core/ranking/ranking.js';
import { recordAudit } from '../../audit/audit.js';
import type { Tx } from '../../db/client.js';
import { rankingSnapshots, type SnapshotCriterion } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { findApprovedResults, findPreviousPeriodId, type ApprovedResultRow, type PeriodRow } from '../dashboards/dashboards.repository.js';
import { loadOrgTree } from '../units/org-on-date.js';
import type { OrgTree } from '../../../core/org/tree.js';
import type { WriteContext } from '../../auth/actor.js';
import {
  deleteSnapshotEntries,
  findApprovedCriteria,
  findGroupsOn,
  findSnapshotPeriod,
  insertSnapshotEntries,
  lockSnapshotOfPeriod,
  type SnapshotEntryInsert,
  type SnapshotPeriod,
  type SnapshotRow,
} from './snapshots.repository.js';

// Freezing and publishing run inside the caller's transaction, so that a period's close and its snapshot commit
// together (src/server/modules/report-regimes applyPeriodStatus) — and so does the audit record.

export type SnapshotTrigger = 'schedule' | 'manual';
export const levelScopeKey = (level: string) => `level:${level}`;
export const groupScopeKey = (groupId: string, level: string) => `group:${groupId}:${level}`;

type Scope = { key: string; kind: 'level' | 'group'; level: string; groupId: string | null; groupName: string | null; unitIds: Set<string> | null };

/** Every scope's ranked rows: each reporting level over all its units, and each cluster/block within each level. */
async function buildEntries(tx: Tx, period: PeriodRow, tenantId: string, snapshotId: string): Promise<SnapshotEntryInsert[]> {
  const tree: OrgTree = await loadOrgTree(tx, tenantId, period.end_date);
  const previousId = await findPreviousPeriodId(tx, period.regime_id, period.start_date, true);
  // One after another: a transaction is one connection, and pg does not queue concurrent queries on a client.
  const results = await findApprovedResults(tx, period.period_id, null, sql`true`);
  const previous = previousId ? await findApprovedResults(tx, previousId, null, sql`true`) : ([] as ApprovedResultRow[]);
  const criteria = await findApprovedCriteria(tx, period.period_id);
  const groups = await findGroupsOn(tx, tenantId, period.end_date);
  const levels = [...new Set([...period.reporting_levels, ...results.map((r) => r.level)])].sort();
  const scopes: Scope[] = levels.map((level) => ({ key: levelScopeKey(level), kind: 'level', level, groupId: null, groupName: null, unitIds: null }));
  for (const g of groups)
    for (const level of levels) scopes.push({ key: groupScopeKey(g.id, level), kind: 'group', level, groupId: g.id, groupName: g.name, unitIds: new Set(g.unit_ids) });

  const nameOf = (id: string) => tree.byId.get(id)?.name ?? id;
  const entriesOf = (list: ApprovedResultRow[], scope: Scope) =>
    list
      .filter((r) => r.level === scope.level && (!scope.unitIds || scope.unitIds.has(r.unit_id)))
      .map((r) => ({ unitId: r.unit_id, name: nameOf(r.unit_id), totalPoints: r.total_points ?? '0', shareMet: r.share_met }));
  const classification = new Map(results.map((r) => [r.unit_id, r.classification] as const));
  const out: SnapshotEntryInsert[] = [];
  for (const scope of scopes) {
    const current = entriesOf(results, scope);
    if (current.length === 0) continue;
    const previousRanks = new Map(rankUnits(entriesOf(previous, scope)).map((r) => [r.unitId, r.rank] as const));
    for (const [position, r] of rankUnits(current, previousRanks).entries()) {
      out.push({
        id: randomUUID(),
        tenantId,
        snapshotId,
        scopeKey: scope.key,
        scopeKind: scope.kind,
        level: scope.level,
        groupId: scope.groupId,
        groupName: scope.groupName,
        position,
        rank: r.rank,
        unitId: r.unitId,
        unitCode: tree.byId.get(r.unitId)?.code ?? null,
        unitName: r.name,
        totalPoints: r.totalPoints,
        shareMet: r.shareMet,
        classification: classification.get(r.unitId) ?? null,
        tieExplanation: r.tieExplanation,
        previousRank: r.previousRank,
        movement: r.movement,
        criteria: criteria.get(r.unitId) ?? ([] as SnapshotCriterion[]),
      });
    }
  }
  return out;
}

const alreadyPublished = () => new AppError('snapshot_published', 409, 'snapshot.published');

/**
 * Freezes the period's ranking (every level, every cluster) with a timestamp and the criteria version. The schedule
 * freezes once (unique key on the period; an existing snapshot is kept); the standing agency may re-freeze until
 * publication. A published snapshot is never touched: 409. Returns null for a period of no movement.
 */
export async function freezeRankingSnapshot(tx: Tx, ctx: WriteContext, periodId: string, trigger: SnapshotTrigger): Promise<SnapshotRow | null> {
  const period = await findSnapshotPeriod(tx, periodId);
  if (!period) return null;
  const existing = await lockSnapshotOfPeriod(tx, periodId);
  if (existing?.status === 'published') {
    if (trigger === 'schedule') return existing;
    throw alreadyPublished();
  }
  if (existing && trigger === 'schedule') return existing;
  return writeSnapshot(tx, ctx, period, existing, { trigger });
}

/**
 * Freezes a correction of the period's published ranking: a new snapshot (next revision) from the approved results
 * as they are now, with the reason, which supersedes the published one when it is published. Until then the
 * published ranking stays public and the draft may be re-frozen. 409 unless the current snapshot is published.
 */
export async function correctRankingSnapshot(tx: Tx, ctx: WriteContext, periodId: string, reason: string): Promise<SnapshotRow | null> {
  const period = await findSnapshotPeriod(tx, periodId);
  if (!period) return null;
  const current = await lockSnapshotOfPeriod(tx, periodId);
  if (!current) throw new AppError('snapshot_missing', 409, 'snapshot.missing');
  if (current.status !== 'published') throw new AppError('snapshot_not_published', 409, current.supersedesId ? 'snapshot.correction_pending' : 'snapshot.not_published');
  return writeSnapshot(tx, ctx, period, null, { trigger: 'manual', correction: { of: current, reason } });
}

/** Writes a snapshot: re-freezes `existing` (unpublished) in place, or inserts a new one (first freeze or correction). */
async function writeSnapshot(
  tx: Tx,
  ctx: WriteContext,
  period: SnapshotPeriod,
  existing: SnapshotRow | null,
  o: { trigger: SnapshotTrigger; correction?: { of: SnapshotRow; reason: string } },
): Promise<SnapshotRow | null> {
  const { trigger, correction } = o;
  const periodId = period.period_id;
  const tenant = period.tenant_id;
  const now = new Date();
  const actorId = ctx.actor?.userId ?? null;
  let snapshot: SnapshotRow;
  if (existing) {
    await deleteSnapshotEntries(tx, existing.id);
    [snapshot] = (await tx
      .update(rankingSnapshots)
      .set({ revision: existing.revision + 1, trigger, frozenAt: now, frozenByUserId: actorId, criteriaSetVersionId: period.criteria_set_version_id })
      .where(eq(rankingSnapshots.id, existing.id))
      .returning()) as [SnapshotRow];
  } else {
    const inserted = await tx
      .insert(rankingSnapshots)
      .values({
        id: randomUUID(),
        tenantId: tenant,
        periodId,
        movementId: period.movement_id,
        criteriaSetVersionId: period.criteria_set_version_id,
        status: 'frozen',
        revision: correction ? correction.of.revision + 1 : 1,
        trigger,
        frozenAt: now,
        frozenByUserId: actorId,
        supersedesId: correction?.of.id ?? null,
        correctionReason: correction?.reason ?? null,
      })
      .onConflictDoNothing({ target: [rankingSnapshots.periodId, rankingSnapshots.revision] })
      .returning();
    // Another instance froze it first (the period row lock normally prevents this): exactly once.
    if (!inserted[0]) return lockSnapshotOfPeriod(tx, periodId);
    snapshot = inserted[0];
  }
  const entries = await buildEntries(tx, period, tenant, snapshot.id);
  await insertSnapshotEntries(tx, entries);
  await recordAudit(
    tx,
    ctx,
    {
      action: existing ? 'ranking_snapshot.refrozen' : correction ? 'ranking_snapshot.correction_frozen' : 'ranking_snapshot.frozen',
      entityType: 'ranking_snapshot',
      entityId: snapshot.id,
      before: existing
        ? { revision: existing.revision, frozenAt: existing.frozenAt.toISOString() }
        : correction
          ? { publishedSnapshotId: correction.of.id, revision: correction.of.revision }
          : undefined,
      after: {
        periodId,
        periodCode: period.period_code,
        revision: snapshot.revision,
        trigger,
        criteriaSetVersionId: period.criteria_set_version_id,
        rows: entries.length,
        frozenAt: now.toISOString(),
        ...(snapshot.supersedesId ? { supersedes: snapshot.supersedesId, correctionReason: snapshot.correctionReason } : {}),
      },
    },
    tenant,
  );
  return snapshot;
}

/**
 * Publishes the period's snapshot (freezing it first if there is none). From then on it is immutable; publishing
 * again is a 409 for a person and a no-op for the schedule.
 */
export async function publishRankingSnapshot(tx: Tx, ctx: WriteContext, periodId: string, trigger: SnapshotTrigger): Promise<SnapshotRow | null> {
  let snapshot = await lockSnapshotOfPeriod(tx, periodId);
  if (snapshot?.status === 'published') {
    if (trigger === 'schedule') return snapshot;
    throw alreadyPublished();
  }
  // The schedule publishes a period's first ranking, never a correction: that is the standing agency's act.
  if (snapshot?.supersedesId && trigger === 'schedule') return snapshot;
  snapshot ??= await freezeRankingSnapshot(tx, ctx, periodId, trigger);
  if (!snapshot) return null;
  const now = new Date();
  // A correction: the ranking it corrects leaves the public pages in the same transaction (first, so that the
  // period never has two published snapshots).
  if (snapshot.supersedesId) {
    await tx
      .update(rankingSnapshots)
      .set({ status: 'superseded', supersededAt: now, supersededByUserId: ctx.actor?.userId ?? null })
      .where(and(eq(rankingSnapshots.id, snapshot.supersedesId), eq(rankingSnapshots.status, 'published')));
  }
  const [published] = (await tx
    .update(rankingSnapshots)
    .set({ status: 'published', publishedAt: now, publishedByUserId: ctx.actor?.userId ?? null })
    .where(eq(rankingSnapshots.id, snapshot.id))
    .returning()) as [SnapshotRow];
  await recordAudit(
    tx,
    ctx,
    {
      action: 'ranking_snapshot.published',
      entityType: 'ranking_snapshot',
      entityId: snapshot.id,
      before: { status: snapshot.status, ...(snapshot.supersedesId ? { supersededSnapshotId: snapshot.supersedesId } : {}) },
      after: {
        status: 'published',
        periodId,
        revision: snapshot.revision,
        trigger,
        publishedAt: now.toISOString(),
        ...(snapshot.supersedesId ? { correctionReason: snapshot.correctionReason } : {}),
      },
    },
    snapshot.tenantId,
  );
  return published;
}
