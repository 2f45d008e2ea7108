import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { daysBetween, todayInVietnam } from '../../../core/dates.js';
import type { RequestContext, WriteContext } from '../../auth/actor.js';
import { requireActor, scopeWhere } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import { runNamed, type Statement, type Tx } from '../../db/client.js';
import { dueItems, movements } from '../../db/schema/index.js';
import {
  closeOpenItemsOfUnits,
  countInbox,
  dueItemOpenStatement,
  dueItemsCloseStatement,
  findInboxRows,
  findMissingMilestoneItems,
  rescheduleMilestoneItems,
  type DueItemClosing,
  type DueItemOpening,
  type InboxFilter,
  type InboxRow,
} from './inbox.repository.js';
import { inboxPermissions, inboxPolicy, unionScope } from './inbox.policy.js';
import { findObligationMilestones } from '../movements/movements.repository.js';

/** Kinds of obligations that appear in a unit's inbox. */
export const dueKinds = [
  'launch',
  'register',
  'register_pilot',
  'registration_review',
  'report_submit',
  'report_resubmit',
  'report_review',
  'difficulty_answer',
  'inspection_response',
  'other',
] as const;
export type DueKind = (typeof dueKinds)[number];

export type OpenDueItemInput = {
  tenantId: string;
  unitId: string;
  movementId?: string | null;
  kind: DueKind;
  subjectType: string;
  subjectId: string;
  title: string;
  titleEn?: string | null;
  link?: string | null;
  dueDate: string;
  details?: Record<string, unknown>;
};

/**
 * Opens a due item for a unit, inside the caller's transaction, in one round trip. Idempotent: while an item of the
 * same kind for the same unit and subject is open, it is updated (title, due date) rather than duplicated, under its
 * row lock (see inbox.repository `dueItemOpenStatement`). Returns its id.
 */
export async function openDueItem(tx: Tx, input: OpenDueItemInput): Promise<string> {
  const [row] = await runNamed<{ id: string }>(tx, openDueItemStatement(input));
  return row!.id;
}

/** `openDueItem` as a statement, for a caller that sends it with its other writes in one round trip (`executeTogether`). */
export function openDueItemStatement(input: OpenDueItemInput): Statement {
  const opening: DueItemOpening = {
    id: randomUUID(),
    tenantId: input.tenantId,
    unitId: input.unitId,
    movementId: input.movementId ?? null,
    kind: input.kind,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    title: input.title,
    titleEn: input.titleEn ?? null,
    link: input.link ?? null,
    dueDate: input.dueDate,
    details: input.details ?? {},
  };
  return dueItemOpenStatement(opening);
}

/** Closes the open due items of a subject (optionally only one kind / one unit), at the database's clock. Returns how many were closed. */
export async function closeDueItems(tx: Tx, input: DueItemClosing & { kind?: DueKind }): Promise<number> {
  return (await runNamed<{ id: string }>(tx, dueItemsCloseStatement(input))).length;
}

/** `closeDueItems` as a statement, for a caller that sends it with its other writes (`executeTogether`). */
export function closeDueItemsStatement(input: DueItemClosing & { kind?: DueKind }): Statement {
  return dueItemsCloseStatement(input);
}

// ---- added with issue 4: closing by movement, milestone-driven items, the inbox list ------------------------------

/** Closes the open items of these kinds for these units in a movement, whatever their subject (milestone or return). */
export async function closeMovementDueItems(
  tx: Tx,
  input: { tenantId: string; movementId: string; kinds: readonly DueKind[]; unitIds: readonly string[]; resolution?: 'done' | 'cancelled' },
): Promise<number> {
  return closeOpenItemsOfUnits(tx, { ...input, resolution: input.resolution ?? 'done' });
}

/** Milestone obligations that create one due item per unit of the milestone's kinds. */
export const milestoneObligations = ['launch', 'register', 'register_pilot'] as const satisfies readonly DueKind[];
export type MilestoneObligation = (typeof milestoneObligations)[number];

const obligationTitlesEn: Record<MilestoneObligation, string> = {
  launch: 'Launch the movement',
  register: 'Register for the movement',
  register_pilot: 'Register pilot units',
};

/** Links of the web app for each obligation (the web app routes them; kept in one place). */
export const inboxLinks = {
  launch: (movementId: string, unitId: string) => `/phong-trao/${movementId}/phat-dong?unitId=${unitId}`,
  register: (movementId: string, unitId: string) => `/phong-trao/${movementId}/dang-ky?unitId=${unitId}`,
  register_pilot: (movementId: string, unitId: string) => `/phong-trao/${movementId}/chi-dao-diem?unitId=${unitId}`,
  registration: (registrationId: string) => `/dang-ky/${registrationId}`,
  difficulty: (difficultyId: string) => `/kho-khan/${difficultyId}`,
} as const;

const SYNC_LOCK = 727300;

export type SyncResult = { opened: number; closedOnCreate: number; rescheduled: number };

/**
 * Creates the 'launch', 'register' and 'register_pilot' due items of a movement: one per milestone and unit of
 * the milestone's kinds in force on its deadline. Idempotent: a unit that already has an item for the milestone
 * (open or closed) gets none; a unit that already fulfilled the obligation gets a closed one. Called by the package
 * import / milestone creation and by the scheduler for active movements; a transaction-scoped advisory lock per
 * movement keeps two callers from creating the same items.
 */
export async function syncMilestoneDueItems(tx: Tx, movementId: string, options: { ctx?: WriteContext } = {}): Promise<SyncResult> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SYNC_LOCK}, hashtext(${movementId}))`);
  const [movement] = await tx.select().from(movements).where(eq(movements.id, movementId));
  if (!movement) return { opened: 0, closedOnCreate: 0, rescheduled: 0 };
  const milestones = await findObligationMilestones(tx, movementId, milestoneObligations);
  const rows: (typeof dueItems.$inferInsert)[] = [];
  let rescheduled = 0;
  for (const ms of milestones) {
    const obligation = ms.obligation as MilestoneObligation;
    // A milestone whose deadline or title was edited moves its open items with it.
    rescheduled += await rescheduleMilestoneItems(tx, movement.tenantId, ms.id, ms.deadline, `${ms.title} — ${movement.shortName}`);
    const missing = await findMissingMilestoneItems(tx, movement.tenantId, movementId, ms);
    for (const m of missing) {
      rows.push({
        id: randomUUID(),
        tenantId: movement.tenantId,
        unitId: m.unit_id,
        movementId,
        kind: obligation,
        subjectType: 'milestone',
        subjectId: ms.id,
        title: `${ms.title} — ${movement.shortName}`,
        titleEn: `${obligationTitlesEn[obligation]} — ${movement.code}`,
        link: inboxLinks[obligation](movementId, m.unit_id),
        dueDate: ms.deadline,
        status: m.fulfilled ? 'closed' : 'open',
        closedAt: m.fulfilled ? new Date() : null,
        resolution: m.fulfilled ? 'done' : null,
        details: { milestoneCode: ms.code },
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(dueItems).values(rows.slice(i, i + 500));
  const closedOnCreate = rows.filter((r) => r.status === 'closed').length;
  if (rows.length > 0 || rescheduled > 0) {
    await recordAudit(
      tx,
      options.ctx ?? { actor: null, requestId: '', actorName: 'scheduler' },
      {
        action: 'due_items.synced',
        entityType: 'movement',
        entityId: movementId,
        after: { created: rows.length, closedOnCreate, rescheduled, milestones: milestones.map((m) => m.code) },
      },
      movement.tenantId,
    );
  }
  return { opened: rows.length - closedOnCreate, closedOnCreate, rescheduled };
}

// The inbox's scope lives with its policy; other areas read it from here.
export { inboxPermissions, unionScope } from './inbox.policy.js';

export type InboxQuery = { status?: InboxFilter['status']; unitId?: string; kind?: string; movementId?: string; limit?: number; offset?: number };

/**
 * "Việc cần làm": due items of the units in the actor's inbox scope (union of the scopes of registration.submit,
 * report.submit, registration.review and report.review), with counts per status. Asking for a unit outside the
 * scope answers 404.
 */
export async function listInbox(ctx: RequestContext, query: InboxQuery) {
  requireActor(ctx);
  if (query.unitId) await authorize(inboxPolicy, ctx, 'read', { unitId: query.unitId }, 'not_found');
  const scope = await unionScope(ctx.db, ctx.actor, inboxPermissions);
  const today = todayInVietnam();
  const filter: InboxFilter = {
    tenantId: ctx.actor.tenantId,
    scope: scopeWhere(sql`di.unit_id`, scope),
    today,
    status: query.status ?? 'open',
    unitId: query.unitId ?? null,
    kind: query.kind ?? null,
    movementId: query.movementId ?? null,
  };
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [rows, counts] = await Promise.all([findInboxRows(ctx.db, filter, limit, offset), countInbox(ctx.db, filter)]);
  return {
    today,
    counts: { due: counts.due, overdue: counts.overdue, done: counts.done },
    total: counts.total,
    limit,
    offset,
    items: rows.map((row) => presentInboxItem(row, today)),
  };
}

function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function presentInboxItem(row: InboxRow, today: string) {
  const status: 'due' | 'overdue' | 'done' = row.status !== 'open' ? 'done' : row.due_date < today ? 'overdue' : 'due';
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    movementId: row.movement_id,
    movementName: row.movement_name,
    kind: row.kind,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    title: row.title,
    titleEn: row.title_en,
    link: row.link,
    dueDate: row.due_date,
    status,
    /** Days until the due date (negative: days overdue); null when done. */
    daysLeft: status === 'done' ? null : daysBetween(today, row.due_date),
    closedAt: toIso(row.closed_at),
    resolution: row.resolution,
    details: row.details ?? {},
  };
}
