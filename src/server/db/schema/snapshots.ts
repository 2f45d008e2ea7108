import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './common.js';
import { users } from './identity.js';
import { criteriaSetVersions, movements } from './movements.js';
import { reportPeriods } from './reports.js';
import { unitGroups, units } from './units.js';

/**
 * The ranking of a period frozen when the period closes (revision 1 once per period: the unique key on period and
 * revision makes the freeze happen exactly once), re-freezable by the standing agency until it is published,
 * immutable afterwards. A published ranking is corrected (đính chính) by a new snapshot of the same period that
 * supersedes it, with the reason: frozen as a draft while the published one stays public, then published in the
 * transaction that marks the old one superseded. At most one published and one frozen snapshot per period.
 * Status: frozen → published → superseded.
 */
export const rankingSnapshots = pgTable(
  'ranking_snapshots',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportPeriods.id),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    criteriaSetVersionId: uuid('criteria_set_version_id')
      .notNull()
      .references(() => criteriaSetVersions.id),
    status: text('status').notNull().default('frozen'),
    /** 1 at the first freeze; +1 at each re-freeze before publication. */
    revision: integer('revision').notNull().default(1),
    /** What froze it last: 'schedule' (period closed on its date) or 'manual' (the standing agency). */
    trigger: text('trigger').notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true, mode: 'date' }).notNull(),
    frozenByUserId: uuid('frozen_by_user_id').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publishedByUserId: uuid('published_by_user_id').references(() => users.id),
    /** A correction: the published snapshot this one replaces, and why. */
    supersedesId: uuid('supersedes_id').references((): AnyPgColumn => rankingSnapshots.id),
    correctionReason: text('correction_reason'),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    supersededByUserId: uuid('superseded_by_user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ranking_snapshots_period_revision_idx').on(t.periodId, t.revision),
    uniqueIndex('ranking_snapshots_period_published_idx')
      .on(t.periodId)
      .where(sql`status = 'published'`),
    uniqueIndex('ranking_snapshots_period_frozen_idx')
      .on(t.periodId)
      .where(sql`status = 'frozen'`),
    index('ranking_snapshots_tenant_status_idx').on(t.tenantId, t.status),
  ],
);

export type SnapshotCriterion = { code: string; status: string; value: string | null; displayValue: string | null };

/** One ranked unit of a snapshot, in one scope: a level ('level:commune') or a cluster within a level ('group:<id>:commune'). */
export const rankingSnapshotRows = pgTable(
  'ranking_snapshot_rows',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => rankingSnapshots.id),
    scopeKey: text('scope_key').notNull(),
    scopeKind: text('scope_kind').notNull(),
    level: text('level').notNull(),
    groupId: uuid('group_id').references(() => unitGroups.id),
    groupName: text('group_name'),
    /** Display order within the scope (rank, then name). */
    position: integer('position').notNull(),
    rank: integer('rank').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitCode: text('unit_code'),
    unitName: text('unit_name').notNull(),
    totalPoints: text('total_points').notNull(),
    shareMet: text('share_met'),
    classification: text('classification'),
    tieExplanation: text('tie_explanation'),
    previousRank: integer('previous_rank'),
    movement: integer('movement'),
    criteria: jsonb('criteria').$type<SnapshotCriterion[]>().notNull(),
  },
  (t) => [
    uniqueIndex('ranking_snapshot_rows_scope_unit_idx').on(t.snapshotId, t.scopeKey, t.unitId),
    index('ranking_snapshot_rows_scope_idx').on(t.snapshotId, t.scopeKey, t.position),
  ],
);
