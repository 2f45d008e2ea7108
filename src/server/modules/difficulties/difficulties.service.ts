import { randomUUID } from 'node:crypto';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import type { Role } from '../../../core/permissions.js';
import { nextDifficultyStatus, type DifficultyAction, type DifficultyStatus } from '../../../core/registrations/registration-rules.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { inScope, requireActor } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import { AppError } from '../../errors.js';
import { closeDueItems, inboxLinks, inboxPermissions, openDueItem, unionScope } from '../inbox/inbox.service.js';
import { findAgencyUnitId } from '../movements/agency-on-date.js';
import { findMovement } from '../movements/movements.repository.js';
import { findUnitsNamed } from '../units/org-on-date.js';
import { findRecipients, notifyUsers, unitActorRoles } from '../notifications/notifications.service.js';
import { difficultyAbilities, difficultyPolicy } from './difficulties.policy.js';
import { findDifficulties, findDifficulty, insertDifficulty, lockDifficulty, updateDifficultyRow, type DifficultyRow } from './difficulties.repository.js';
import type { CreateDifficultyInput, DifficultyView } from './difficulties.schemas.js';

/** Days the standing agency has to answer a difficulty or request. */
export const ANSWER_DAYS = 15;
/** The bodies that receive difficulties (plan: reported to the committee through the emulation board; the DIC monitors). */
const receiverRoles: Role[] = ['standing_agency', 'emulation_board'];

const kindLabels = { difficulty: 'Khó khăn, vướng mắc', adjustment_request: 'Đề xuất điều chỉnh' } as const;
const statusLabels: Record<DifficultyStatus, { vi: string; en: string }> = {
  open: { vi: 'đang chờ trả lời', en: 'open' },
  answered: { vi: 'đã trả lời', en: 'answered' },
  closed: { vi: 'đã đóng', en: 'closed' },
};
const actionLabels: Record<DifficultyAction, { vi: string; en: string }> = { answer: { vi: 'trả lời', en: 'answer' }, close: { vi: 'đóng', en: 'close' } };

function statusOf(row: DifficultyRow): DifficultyStatus {
  return row.status === 'answered' || row.status === 'closed' ? row.status : 'open';
}

function requireTransition(ctx: RequestContext, row: DifficultyRow, action: DifficultyAction): DifficultyStatus {
  const next = nextDifficultyStatus(statusOf(row), action);
  if (next === null) {
    throw new AppError('transition_not_allowed', 422, 'difficulty.transition', [{ path: 'status', message: '' }], {
      action: actionLabels[action][ctx.locale],
      status: statusLabels[statusOf(row)][ctx.locale],
    });
  }
  return next;
}

/** The difficulty, if the actor may read it (difficulties.policy); 404 otherwise. */
async function loadVisible(ctx: AuthedContext, id: string): Promise<DifficultyRow> {
  const row = await findDifficulty(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  await authorize(difficultyPolicy, ctx, 'read', row, 'not_found');
  return row;
}

function auditFields(row: DifficultyRow) {
  return {
    unitId: row.unitId,
    movementId: row.movementId,
    kind: row.kind,
    title: row.title,
    content: row.content,
    attachments: row.attachments,
    status: row.status,
    answer: row.answer,
    rowVersion: row.rowVersion,
  };
}

/**
 * A unit files a difficulty or a request for adjustment (registration.submit or report.submit on the unit). It reaches
 * the emulation board and the standing agency (notifications) and gives the movement's standing agency unit a
 * 'difficulty_answer' due item.
 */
export async function fileDifficulty(ctx: RequestContext, input: CreateDifficultyInput): Promise<DifficultyView> {
  requireActor(ctx);
  await authorize(difficultyPolicy, ctx, 'file', { unitId: input.unitId }, 'not_found');
  const movement = input.movementId ? await findMovement(ctx.db, ctx.actor.tenantId, input.movementId) : null;
  if (input.movementId && !movement) throw new AppError('not_found', 404, 'error.not_found', [{ path: 'body.movementId', message: '' }]);
  const [unit] = await findUnitsNamed(ctx.db, ctx.actor.tenantId, [input.unitId], todayInVietnam());
  if (!unit) throw new AppError('not_found', 404, 'error.not_found', [{ path: 'body.unitId', message: '' }]);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertDifficulty(tx, {
      id: randomUUID(),
      tenantId: ctx.actor.tenantId,
      unitId: input.unitId,
      movementId: input.movementId ?? null,
      kind: input.kind,
      title: input.title,
      content: input.content,
      attachments: input.attachments,
      createdBy: ctx.actor.userId,
    });
    const today = todayInVietnam();
    const agencyUnitId = movement ? await findAgencyUnitId(tx, ctx.actor.tenantId, movement.id, 'standing_agency', today) : null;
    let itemId: string | null = null;
    if (agencyUnitId) {
      itemId = await openDueItem(tx, {
        tenantId: ctx.actor.tenantId,
        unitId: agencyUnitId,
        movementId: movement?.id ?? null,
        kind: 'difficulty_answer',
        subjectType: 'difficulty',
        subjectId: created.id,
        title: `Trả lời ${kindLabels[input.kind].toLowerCase()} của ${unit.name}: ${input.title}`,
        titleEn: `Answer the ${input.kind === 'difficulty' ? 'difficulty' : 'adjustment request'} of ${unit.name}`,
        link: inboxLinks.difficulty(created.id),
        dueDate: addDays(today, ANSWER_DAYS),
        details: { kind: input.kind, filingUnitId: input.unitId },
      });
    }
    const recipients = await findRecipients(tx, ctx.actor.tenantId, { unitIds: agencyUnitId ? [agencyUnitId] : [], roles: receiverRoles, tenantWide: true });
    await notifyUsers(tx, {
      tenantId: ctx.actor.tenantId,
      recipients,
      kind: 'difficulty_filed',
      title: `${kindLabels[input.kind]} của ${unit.name}`,
      body: `${unit.name} gửi ${kindLabels[input.kind].toLowerCase()}: ${input.title}${movement ? ` (${movement.shortName})` : ''}.`,
      link: inboxLinks.difficulty(created.id),
      dueItemId: itemId,
    });
    await recordAudit(tx, ctx, {
      action: 'difficulty.filed',
      entityType: 'difficulty',
      entityId: created.id,
      unitId: created.unitId,
      after: { ...auditFields(created), dueItemId: itemId },
    });
    return created;
  });
  return present(ctx, row);
}

/** The emulation board or standing agency answers; the answer item closes and the filing unit is told. */
export async function answerDifficulty(ctx: RequestContext, id: string, input: { answer: string; rowVersion?: number }): Promise<DifficultyView> {
  requireActor(ctx);
  const current = await loadVisible(ctx, id);
  await authorize(difficultyPolicy, ctx, 'answer', current);
  requireTransition(ctx, current, 'answer');
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockDifficulty(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (input.rowVersion !== undefined && locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'answer');
    const updated = await updateDifficultyRow(tx, id, {
      status: 'answered',
      answer: input.answer,
      answeredBy: ctx.actor.userId,
      answeredAt: new Date(),
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
    await closeDueItems(tx, { tenantId: updated.tenantId, subjectType: 'difficulty', subjectId: id, kind: 'difficulty_answer', resolution: 'done' });
    const recipients = await findRecipients(tx, updated.tenantId, { unitIds: [updated.unitId], roles: unitActorRoles });
    await notifyUsers(tx, {
      tenantId: updated.tenantId,
      recipients,
      kind: 'difficulty_answered',
      title: `Đã trả lời: ${updated.title}`,
      body: input.answer,
      link: inboxLinks.difficulty(id),
    });
    await recordAudit(tx, ctx, {
      action: 'difficulty.answered',
      entityType: 'difficulty',
      entityId: id,
      unitId: updated.unitId,
      before: { status: locked.status },
      after: auditFields(updated),
    });
    return updated;
  });
  return present(ctx, row);
}

/** Closes a request: the filing unit (an open one is withdrawn, an answered one settled) or an answering body. */
export async function closeDifficulty(ctx: RequestContext, id: string, input: { rowVersion?: number }): Promise<DifficultyView> {
  requireActor(ctx);
  const current = await loadVisible(ctx, id);
  await authorize(difficultyPolicy, ctx, 'close', current);
  requireTransition(ctx, current, 'close');
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockDifficulty(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (input.rowVersion !== undefined && locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'close');
    const updated = await updateDifficultyRow(tx, id, { status: 'closed', closedAt: new Date(), rowVersion: locked.rowVersion + 1, updatedAt: new Date() });
    // A request withdrawn before an answer needs no answer any more.
    await closeDueItems(tx, { tenantId: updated.tenantId, subjectType: 'difficulty', subjectId: id, kind: 'difficulty_answer', resolution: 'cancelled' });
    await recordAudit(tx, ctx, {
      action: 'difficulty.closed',
      entityType: 'difficulty',
      entityId: id,
      unitId: updated.unitId,
      before: { status: locked.status },
      after: auditFields(updated),
    });
    return updated;
  });
  return present(ctx, row);
}

export async function getDifficulty(ctx: RequestContext, id: string): Promise<DifficultyView> {
  requireActor(ctx);
  const row = await loadVisible(ctx, id);
  return present(ctx, row);
}

/** Difficulties of the units in the actor's inbox scope: the filing units' people and the provincial bodies. */
export async function listDifficulties(ctx: RequestContext, query: { status?: DifficultyStatus; unitId?: string; movementId?: string; kind?: string }): Promise<DifficultyView[]> {
  requireActor(ctx);
  const scope = await unionScope(ctx.db, ctx.actor, inboxPermissions);
  if (query.unitId && !inScope(scope, query.unitId)) throw AppError.notFound();
  const rows = await findDifficulties(ctx.db, ctx.actor.tenantId, scope, query);
  const out: DifficultyView[] = [];
  for (const row of rows) out.push(await present(ctx, row));
  return out;
}

async function present(ctx: AuthedContext, row: DifficultyRow): Promise<DifficultyView> {
  const [unit] = await findUnitsNamed(ctx.db, ctx.actor.tenantId, [row.unitId], todayInVietnam());
  const movement = row.movementId ? await findMovement(ctx.db, ctx.actor.tenantId, row.movementId) : null;
  const status = statusOf(row);
  return {
    id: row.id,
    unitId: row.unitId,
    unitName: unit?.name ?? null,
    movementId: row.movementId,
    movementName: movement?.shortName ?? null,
    kind: row.kind === 'adjustment_request' ? 'adjustment_request' : 'difficulty',
    title: row.title,
    content: row.content,
    attachments: row.attachments,
    status,
    answer: row.answer,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    isDemo: row.isDemo,
    rowVersion: row.rowVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: await difficultyAbilities(ctx, row, status),
  };
}
