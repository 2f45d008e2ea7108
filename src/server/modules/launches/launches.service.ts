import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { inScope, requireActor } from '../../auth/access.js';
import { authorize, can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../errors.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { closeMovementDueItems, unionScope } from '../inbox/inbox.service.js';
import { findMovement, type MovementRow } from '../movements/movements.repository.js';
import { findUnitOn, findUnitsNamed } from '../units/org-on-date.js';
import { launchPolicy, obligationReadPermissions } from './launches.policy.js';
import { findLaunch, findLaunchDeadline, findLaunchesOf, findLaunchOfUnit, insertLaunch, lockLaunch, updateLaunchRow, type LaunchRow } from './launches.repository.js';
import type { CreateLaunchInput, LaunchView, UpdateLaunchInput } from './launches.schemas.js';

/** The movement of the tenant, or 404. */
export async function requireMovement(db: DbOrTx, tenantId: string, movementId: string): Promise<MovementRow> {
  const movement = await findMovement(db, tenantId, movementId);
  if (!movement) throw AppError.notFound();
  return movement;
}

/**
 * Units act on a movement only while it runs: a closed movement takes no new launch, registration or pilot list
 * (422 with the movement's name), a draft one neither.
 */
export function requireOpenMovement(movement: MovementRow, closedKey: MessageKey): void {
  if (movement.status === 'closed') throw new AppError('movement_closed', 422, closedKey, [{ path: 'movementId', message: '' }], { name: movement.shortName });
  if (movement.status !== 'active')
    throw new AppError('movement_not_active', 422, 'obligation.movement_draft', [{ path: 'movementId', message: '' }], { name: movement.shortName });
}

function refuseFutureDate(date: string, path: string, key: MessageKey): void {
  if (date > todayInVietnam()) throw new AppError('date_in_future', 422, key, [{ path, message: '' }]);
}

async function presentLaunch(ctx: AuthedContext, row: LaunchRow): Promise<LaunchView> {
  const [unit] = await findUnitsNamed(ctx.db, ctx.actor.tenantId, [row.unitId], row.launchDate);
  const deadline = unit ? await findLaunchDeadline(ctx.db, row.movementId, unit.kind_code) : null;
  return {
    id: row.id,
    movementId: row.movementId,
    unitId: row.unitId,
    unitName: unit?.name ?? null,
    kindCode: unit?.kind_code ?? null,
    launchDate: row.launchDate,
    document: { number: row.documentNumber, date: row.documentDate, summary: row.documentSummary },
    scope: row.scope,
    participants: row.participants,
    note: row.note,
    deadline,
    onTime: deadline === null ? null : row.launchDate <= deadline,
    isDemo: row.isDemo,
    rowVersion: row.rowVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    abilities: { canEdit: await can(launchPolicy, ctx, 'edit', row) },
  };
}

function auditFields(row: LaunchRow) {
  return {
    unitId: row.unitId,
    launchDate: row.launchDate,
    document: { number: row.documentNumber, date: row.documentDate, summary: row.documentSummary },
    scope: row.scope,
    participants: row.participants,
    note: row.note,
    rowVersion: row.rowVersion,
  };
}

/**
 * Records a unit's launch of the movement (registration.submit on the unit). Refused: a date after today, a unit not
 * in force on the launch date, a closed movement, a second launch of the same unit. Closes the unit's 'launch' items.
 */
export async function recordLaunch(ctx: RequestContext, movementId: string, input: CreateLaunchInput): Promise<LaunchView> {
  requireActor(ctx);
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  await authorize(launchPolicy, ctx, 'edit', { unitId: input.unitId }, 'not_found');
  refuseFutureDate(input.launchDate, 'body.launchDate', 'launch.date_future');
  refuseFutureDate(input.document.date, 'body.document.date', 'launch.document_date_future');
  requireOpenMovement(movement, 'launch.movement_closed');
  if (!(await findUnitOn(ctx.db, ctx.actor.tenantId, input.unitId, input.launchDate))) {
    throw new AppError('unit_not_valid', 422, 'obligation.unit_not_valid', [{ path: 'body.unitId', message: '' }], { date: input.launchDate });
  }
  const existing = await findLaunchOfUnit(ctx.db, movementId, input.unitId);
  if (existing) throw new AppError('launch_exists', 409, 'launch.exists', [{ path: 'body.unitId', message: '' }], { date: existing.launchDate });
  let row: LaunchRow;
  try {
    row = await ctx.db.transaction(async (tx) => {
      const inserted = await insertLaunch(tx, {
        id: randomUUID(),
        tenantId: ctx.actor.tenantId,
        movementId,
        unitId: input.unitId,
        launchDate: input.launchDate,
        documentNumber: input.document.number,
        documentDate: input.document.date,
        documentSummary: input.document.summary,
        scope: input.scope,
        participants: input.participants,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      });
      const closed = await closeMovementDueItems(tx, { tenantId: ctx.actor.tenantId, movementId, kinds: ['launch'], unitIds: [input.unitId] });
      await recordAudit(tx, ctx, {
        action: 'launch.recorded',
        entityType: 'launch',
        entityId: inserted.id,
        unitId: input.unitId,
        after: { movementId, ...auditFields(inserted), dueItemsClosed: closed },
      });
      return inserted;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('launch_exists', 409, 'launch.exists', [{ path: 'body.unitId', message: '' }], { date: input.launchDate });
    throw error;
  }
  return presentLaunch(ctx, row);
}

/** Corrects a launch record (same rules as recording it), with optimistic locking on rowVersion. */
export async function updateLaunch(ctx: RequestContext, id: string, input: UpdateLaunchInput): Promise<LaunchView> {
  requireActor(ctx);
  const current = await findLaunch(ctx.db, ctx.actor.tenantId, id);
  if (!current) throw AppError.notFound();
  await authorize(launchPolicy, ctx, 'edit', current, 'not_found');
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, current.movementId);
  if (input.launchDate) refuseFutureDate(input.launchDate, 'body.launchDate', 'launch.date_future');
  if (input.document) refuseFutureDate(input.document.date, 'body.document.date', 'launch.document_date_future');
  requireOpenMovement(movement, 'launch.movement_closed');
  const launchDate = input.launchDate ?? current.launchDate;
  if (input.launchDate && !(await findUnitOn(ctx.db, ctx.actor.tenantId, current.unitId, launchDate))) {
    throw new AppError('unit_not_valid', 422, 'obligation.unit_not_valid', [{ path: 'body.launchDate', message: '' }], { date: launchDate });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockLaunch(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    const updated = await updateLaunchRow(tx, id, {
      launchDate,
      documentNumber: input.document?.number ?? locked.documentNumber,
      documentDate: input.document?.date ?? locked.documentDate,
      documentSummary: input.document?.summary ?? locked.documentSummary,
      scope: input.scope ?? locked.scope,
      participants: input.participants ?? locked.participants,
      note: input.note === undefined ? locked.note : input.note,
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
    await recordAudit(tx, ctx, { action: 'launch.updated', entityType: 'launch', entityId: id, unitId: locked.unitId, before: auditFields(locked), after: auditFields(updated) });
    return updated;
  });
  return presentLaunch(ctx, row);
}

export async function getLaunch(ctx: RequestContext, id: string): Promise<LaunchView> {
  requireActor(ctx);
  const row = await findLaunch(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  await authorize(launchPolicy, ctx, 'read', row, 'not_found');
  return presentLaunch(ctx, row);
}

/** Launches of a movement for the units in the actor's read scope (optionally one unit; outside the scope → 404). */
export async function listLaunches(ctx: RequestContext, movementId: string, unitId: string | undefined): Promise<LaunchView[]> {
  requireActor(ctx);
  await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  const scope = await unionScope(ctx.db, ctx.actor, obligationReadPermissions);
  if (unitId && !inScope(scope, unitId)) throw AppError.notFound();
  const rows = await findLaunchesOf(ctx.db, ctx.actor.tenantId, movementId, scope, unitId ?? null);
  return Promise.all(rows.map((row) => presentLaunch(ctx, row)));
}
