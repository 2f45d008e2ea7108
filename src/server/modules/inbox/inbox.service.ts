import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { todayInVietnam } from '../../../core/dates.js';
import type { Permission } from '../../../core/permissions.js';
import type { Actor, RequestContext, Scope } from '../../auth/actor.js';
import { inScope, requireActor, scopeFor, scopeWhere } from '../../auth/access.js';
import { recordAudit } from '../../audit/audit.js';
import { updateStatement, type DbOrTx, type Statement, type Tx } from '../../db/client.js';
import { dueItems, movements } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { closeOpenItemsOfUnits, countInbox, findInboxRows, findMissingMilestoneItems, rescheduleMilestoneItems, type InboxFilter, type InboxRow } from './inbox.repository.js';
import { findObligationMilestones } from './org-context.js';

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
 * Opens a due item for a unit, inside the caller's transaction. Idempotent: while an item of the same kind for the
 * same unit and subject is open, it is updated (title, due date) rather than duplicated. Returns its id.
 */
export async function openDueItem(tx: Tx, input: OpenDueItemInput): Promise<string> {
  const [existing] = await tx
    .select({ id: dueItems.id })
    .from(dueItems)
    .where(
      and(
        eq(dueItems.tenantId, input.tenantId),
        eq(dueItems.unitId, input.unitId),
        eq(dueItems.kind, input.kind),
        eq(dueItems.subjectType, input.subjectType),
        eq(dueItems.subjectId, input.subjectId),
        eq(dueItems.status, 'open'),
      ),
    )
    .for('update');
  if (existing) {
    await tx.update(dueItems).set({ title: input.title, titleEn: input.titleEn ?? null, dueDate: input.dueDate, link: input.link ?? null }).where(eq(dueItems.id, existing.id));
    return existing.id;
  }
  const id = randomUUID();
  await tx.insert(dueItems).values({
    id,
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
  });
  return id;
}

/** Closes the open due items of a subject (optionally only one kind / one unit). Returns how many were closed. */
export async function closeDueItems(
  tx: Tx,
  input: { tenantId: string; subjectType: string; subjectId: string; kind?: DueKind; unitId?: string; resolution: 'done' | 'cancelled' },
): Promise<number> {
  const conditions = [
    eq(dueItems.tenantId, input.tenantId),
    eq(dueItems.subjectType, input.subjectType),
    eq(dueItems.subjectId, input.subjectId),
    eq(dueItems.status, 'open'),
  ];
  if (input.kind) conditions.push(eq(dueItems.kind, input.kind));
  if (input.unitId) conditions.push(eq(dueItems.unitId, input.unitId));
  const closed = await tx
    .update(dueItems)
    .set({ status: 'closed', closedAt: sql`now()`, resolution: input.resolution })
    .where(and(...conditions))
    .returning({ id: dueItems.id });
  return closed.length;
}

// ---- the same writes as statements, for a caller that sends several writes in one round trip -----------------------

function openMatch(input: Pick<OpenDueItemInput, 'tenantId' | 'unitId' | 'kind' | 'subjectType' | 'subjectId'>) {
  return { tenantId: input.tenantId, unitId: input.unitId, kind: input.kind, subjectType: input.subjectType, subjectId: input.subjectId, status: 'open' };
}

/**
 * `openDueItem` as two statements for `executeTogether`: refresh the open item if there is one, insert it otherwise
 * (both read the same snapshot, so exactly one acts). The caller must hold a lock that serialises writes on the
 * subject (the reports module locks the report row), since no row of due_items is locked here.
 */
export function openDueItemStatements(input: OpenDueItemInput): Statement[] {
  const refresh = updateStatement(dueItems, { title: input.title, titleEn: input.titleEn ?? null, dueDate: input.dueDate, link: input.link ?? null }, openMatch(input));
  const insert: Statement = {
    sql: `insert into due_items (id, tenant_id, unit_id, movement_id, kind, subject_type, subject_id, title, title_en, link, due_date, details)
          select $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8, $9, $10, $11::date, $12::jsonb
           where not exists (select 1 from due_items where tenant_id = $2::uuid and unit_id = $3::uuid and kind = $5 and subject_type = $6 and subject_id = $7 and status = 'open')`,
    params: [randomUUID(), input.tenantId, input.unitId, input.movementId ?? null, input.kind, input.subjectType, input.subjectId, input.title, input.titleEn ?? null, input.link ?? null, input.dueDate, JSON.stringify(input.details ?? {})],
  };
  return [refresh, insert];
}

/** `closeDueItems` as a statement for `executeTogether` (closed at the application's clock). */
export function closeDueItemsStatement(input: { tenantId: string; subjectType: string; subjectId: string; kind?: DueKind; unitId?: string; resolution: 'done' | 'cancelled' }): Statement {
  const where: Record<string, unknown> = { tenantId: input.tenantId, subjectType: input.subjectType, subjectId: input.subjectId, status: 'open' };
  if (input.kind) where.kind = input.kind;
  if (input.unitId) where.unitId = input.unitId;
  return updateStatement(dueItems, { status: 'closed', closedAt: new Date(), resolution: input.resolution }, where);
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
export async function syncMilestoneDueItems(
  tx: Tx,
  movementId: string,
  options: { ctx?: Pick<RequestContext, 'actor' | 'requestId'> & { actorName?: string } } = {},
): Promise<SyncResult> {
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
      { action: 'due_items.synced', entityType: 'movement', entityId: movementId, after: { created: rows.length, closedOnCreate, rescheduled, milestones: milestones.map((m) => m.code) } },
      movement.tenantId,
    );
  }
  return { opened: rows.length - closedOnCreate, closedOnCreate, rescheduled };
}

/** Permissions whose scopes make up the inbox: a unit's items are seen by whoever may act for or review it. */
export const inboxPermissions = ['registration.submit', 'report.submit', 'registration.review', 'report.review'] as const satisfies readonly Permission[];

/** Union of the actor's scopes for several permissions (all units when any of them is tenant-wide). */
export async function unionScope(db: DbOrTx, actor: Actor, permissionList: readonly Permission[]): Promise<Scope> {
  const ids = new Set<string>();
  for (const permission of permissionList) {
    const scope = await scopeFor(db, actor, permission);
    if (scope.kind === 'all') return scope;
    for (const id of scope.unitIds) ids.add(id);
  }
  return { kind: 'units', unitIds: ids };
}

export type InboxQuery = { status?: InboxFilter['status']; unitId?: string; kind?: string; movementId?: string; limit?: number; offset?: number };

/**
 * "Việc cần làm": due items of the units in the actor's inbox scope (union of the scopes of registration.submit,
 * report.submit, registration.review and report.review), with counts per status. Asking for a unit outside the
 * scope answers 404.
 */
export async function listInbox(ctx: RequestContext, query: InboxQuery) {
  requireActor(ctx);
  const scope = await unionScope(ctx.db, ctx.actor, inboxPermissions);
  if (query.unitId && !inScope(scope, query.unitId)) throw AppError.notFound();
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

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
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
