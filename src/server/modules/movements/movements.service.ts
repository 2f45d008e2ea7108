import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import { normalizeText } from '../../../core/text.js';
import { assertNever } from '../../../core/org/intervals.js';
import type { ParticipantKind } from '../../../core/movement-package/movement-package.schemas.js';
import type { RequestContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { authorize, can, tenantLevel } from '../../auth/policy.js';
import { criteriaPolicy } from '../criteria/criteria.policy.js';
import { movementPolicy } from './movements.policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { cancelMilestoneItemsOutsideKinds } from '../inbox/inbox.repository.js';
import { closeDueItems, milestoneObligations, syncMilestoneDueItems, type MilestoneObligation } from '../inbox/inbox.service.js';
import { findUnitOn } from '../units/org-on-date.js';
import { auditMovementFields, movementStatusOf, presentAgency, presentMilestone, presentMovementDetail, presentMovementListItem } from './movements.presenters.js';
import {
  findAgencies,
  findCriteriaSetsOf,
  findMilestone,
  findMilestones,
  findMovement,
  findMovements,
  findPhases,
  findVersionsOf,
  insertAgency,
  insertMilestone,
  lockMovement,
  updateAgencyRow,
  updateMilestoneRow,
  updateMovementRow,
  type CriteriaVersionRow,
  type MilestoneRow,
  type MovementRow,
} from './movements.repository.js';
import type {
  CreateAgencyInput,
  CreateMilestoneInput,
  MilestoneView,
  MovementDetailView,
  MovementListItemView,
  MovementStatus,
  UpdateMilestoneInput,
  UpdateMovementInput,
} from './movements.schemas.js';
import { exportMovementPackage, importMovementPackage, type PackageImportResult } from './package-import.js';

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Reading: every signed-in user of the tenant
// ---------------------------------------------------------------------------------------------

export async function listMovements(ctx: RequestContext, asOf?: string): Promise<MovementListItemView[]> {
  requireActor(ctx);
  const date = asOf ?? todayInVietnam();
  const rows = await findMovements(ctx.db, ctx.actor.tenantId);
  const ids = rows.map((r) => r.id);
  const [phases, sets] = await Promise.all([findPhases(ctx.db, ids), findCriteriaSetsOf(ctx.db, ids)]);
  const versions = await findVersionsOf(
    ctx.db,
    sets.map((s) => s.id),
  );
  const phasesBy = groupBy(phases, (p) => p.movementId);
  const setsBy = groupBy(sets, (s) => s.movementId);
  const versionsBy = groupBy(versions, (v) => v.criteriaSetId);
  return rows.map((r) => presentMovementListItem(r, phasesBy.get(r.id) ?? [], setsBy.get(r.id) ?? [], versionsBy, date));
}

export async function getMovement(ctx: RequestContext, id: string, asOf?: string): Promise<MovementDetailView> {
  requireActor(ctx);
  const row = await findMovement(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  return detail(ctx, row, asOf ?? todayInVietnam());
}

async function detail(ctx: RequestContext & { actor: NonNullable<RequestContext['actor']> }, row: MovementRow, asOf: string): Promise<MovementDetailView> {
  const [phases, milestones, agencies, sets] = await Promise.all([
    findPhases(ctx.db, [row.id]),
    findMilestones(ctx.db, row.id),
    findAgencies(ctx.db, row.id),
    findCriteriaSetsOf(ctx.db, [row.id]),
  ]);
  const versions: CriteriaVersionRow[] = await findVersionsOf(
    ctx.db,
    sets.map((s) => s.id),
  );
  return presentMovementDetail({
    row,
    phases,
    milestones,
    agencies,
    sets,
    versionsBySet: groupBy(versions, (v) => v.criteriaSetId),
    asOf,
    abilities: { canEdit: await can(movementPolicy, ctx, 'manage', tenantLevel), canEditCriteria: await can(criteriaPolicy, ctx, 'manage', tenantLevel) },
  });
}

// ---------------------------------------------------------------------------------------------
// Movement fields and status
// ---------------------------------------------------------------------------------------------

/** draft → active → closed, one step at a time; staying in the same status is not a transition. */
export function canChangeStatus(from: MovementStatus, to: MovementStatus): boolean {
  if (from === to) return true;
  switch (from) {
    case 'draft':
      return to === 'active';
    case 'active':
      return to === 'closed';
    case 'closed':
      return false;
    default:
      return assertNever(from);
  }
}

export async function updateMovement(ctx: RequestContext, id: string, input: UpdateMovementInput): Promise<MovementDetailView> {
  const actor = await authorize(movementPolicy, ctx, 'manage', tenantLevel);
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockMovement(tx, actor.tenantId, id);
    if (!row) throw AppError.notFound();
    if (row.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    const from = movementStatusOf(row);
    if (input.status !== undefined && !canChangeStatus(from, input.status)) {
      throw AppError.unprocessable('status_transition', 'movement.status_transition', { from, to: input.status }, 'body.status');
    }
    const next = {
      name: input.name === undefined ? row.name : normalizeText(input.name),
      shortName: input.shortName === undefined ? row.shortName : normalizeText(input.shortName),
      status: input.status ?? from,
      description: input.description === undefined ? row.description : normalizeText(input.description),
      purposes: input.purposes === undefined ? row.purposes : normalizeText(input.purposes),
      requirements: input.requirements === undefined ? row.requirements : normalizeText(input.requirements),
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== row[k]);
    if (changed.length === 0) return row;
    const saved = await updateMovementRow(tx, row.id, { ...next, rowVersion: row.rowVersion + 1, updatedAt: new Date() });
    const before = auditMovementFields(row);
    const after = auditMovementFields(saved);
    await recordAudit(tx, ctx, {
      action: 'movement.updated',
      entityType: 'movement',
      entityId: row.id,
      before: Object.fromEntries([...changed, 'rowVersion'].map((k) => [k, before[k as keyof typeof before]])),
      after: Object.fromEntries([...changed, 'rowVersion'].map((k) => [k, after[k as keyof typeof after]])),
    });
    return saved;
  });
  return detail({ ...ctx, actor }, updated, todayInVietnam());
}

// ---------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------

async function checkMilestone(tx: Tx, row: MovementRow, m: { deadline: string; phaseCode: string; appliesTo: readonly string[] }): Promise<void> {
  const phase = (await findPhases(tx, [row.id])).find((p) => p.code === m.phaseCode);
  if (!phase) throw AppError.unprocessable('phase_unknown', 'movement.phase_unknown', { phase: m.phaseCode }, 'body.phaseCode');
  if (m.deadline < phase.fromDate || m.deadline > phase.toDate) {
    throw AppError.unprocessable(
      'deadline_outside_phase',
      'movement.deadline_outside_phase',
      { deadline: m.deadline, phase: phase.code, from: phase.fromDate, to: phase.toDate },
      'body.deadline',
    );
  }
  // Kinds must take part in the movement, or the exported package would not import again.
  const kinds = new Set((row.participantKinds as ParticipantKind[]).map((k) => k.kind as string));
  const outside = m.appliesTo.findIndex((k) => !kinds.has(k));
  if (outside >= 0) {
    throw AppError.unprocessable('kind_not_participant', 'movement.kind_not_participant', { kind: m.appliesTo[outside]! }, `body.appliesTo[${outside}]`);
  }
  const duplicate = m.appliesTo.findIndex((k, i) => m.appliesTo.indexOf(k) !== i);
  if (duplicate >= 0)
    throw AppError.validation([{ path: `body.appliesTo[${duplicate}]`, message: '', messageKey: 'movement.kind_repeated', params: { kind: m.appliesTo[duplicate]! } }]);
}

export async function createMilestone(ctx: RequestContext, movementId: string, input: CreateMilestoneInput): Promise<MilestoneView> {
  const actor = await authorize(movementPolicy, ctx, 'manage', tenantLevel);
  const created = await ctx.db.transaction(async (tx) => {
    const row = await lockMovement(tx, actor.tenantId, movementId);
    if (!row) throw AppError.notFound();
    await checkMilestone(tx, row, input);
    const existing = await findMilestones(tx, row.id);
    if (existing.some((m) => m.code === input.code)) {
      throw new AppError('milestone_code_taken', 409, 'movement.milestone_code_taken', [{ path: 'body.code', message: '' }], { code: input.code });
    }
    const milestone = await insertMilestone(tx, {
      id: randomUUID(),
      tenantId: row.tenantId,
      movementId: row.id,
      code: input.code,
      title: normalizeText(input.title),
      deadline: input.deadline,
      phaseCode: input.phaseCode,
      appliesTo: [...input.appliesTo],
      obligation: input.obligation,
      target: input.target === undefined ? null : normalizeText(input.target),
      description: normalizeText(input.description ?? input.title),
      source: input.source ?? null,
      sortOrder: existing.reduce((max, m) => Math.max(max, m.sortOrder), -1) + 1,
    });
    await recordAudit(tx, ctx, {
      action: 'milestone.created',
      entityType: 'movement_milestone',
      entityId: milestone.id,
      after: { movementId: row.id, ...auditMilestone(milestone) },
    });
    await syncMilestoneItems(tx, ctx, row);
    return milestone;
  });
  return presentMilestone(created, todayInVietnam());
}

function isMilestoneObligation(value: string | null): value is MilestoneObligation {
  return (milestoneObligations as readonly string[]).includes(value ?? '');
}

/**
 * Brings the movement's due items in line with its milestones in the caller's transaction, so the inbox shows a new
 * or moved deadline at once rather than at the scheduler's next run. Only active movements carry obligations (the
 * scheduler syncs the same ones).
 */
async function syncMilestoneItems(tx: Tx, ctx: RequestContext, movement: MovementRow): Promise<void> {
  if (movement.status !== 'active') return;
  await syncMilestoneDueItems(tx, movement.id, { ctx });
}

function auditMilestone(m: MilestoneRow) {
  return {
    code: m.code,
    title: m.title,
    deadline: m.deadline,
    phaseCode: m.phaseCode,
    appliesTo: m.appliesTo,
    obligation: m.obligation,
    target: m.target,
    description: m.description,
    source: m.source,
  };
}

export async function updateMilestone(ctx: RequestContext, movementId: string, milestoneId: string, input: UpdateMilestoneInput): Promise<MilestoneView> {
  const actor = await authorize(movementPolicy, ctx, 'manage', tenantLevel);
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await lockMovement(tx, actor.tenantId, movementId);
    if (!row) throw AppError.notFound();
    const current = await findMilestone(tx, row.id, milestoneId);
    if (!current) throw AppError.notFound();
    const next = {
      title: input.title === undefined ? current.title : normalizeText(input.title),
      deadline: input.deadline ?? current.deadline,
      phaseCode: input.phaseCode ?? current.phaseCode,
      appliesTo: input.appliesTo ? [...input.appliesTo] : current.appliesTo,
      obligation: input.obligation ?? current.obligation,
      target: input.target === undefined ? current.target : input.target === null ? null : normalizeText(input.target),
      description: input.description === undefined ? current.description : normalizeText(input.description),
      source: input.source === undefined ? current.source : input.source,
    };
    await checkMilestone(tx, row, next);
    const saved = await updateMilestoneRow(tx, current.id, next);
    // Items opened for the former obligation are no longer owed: cancel them before the new ones are created.
    let cancelledItems = 0;
    if (current.obligation !== saved.obligation && isMilestoneObligation(current.obligation)) {
      cancelledItems += await closeDueItems(tx, { tenantId: row.tenantId, subjectType: 'milestone', subjectId: current.id, kind: current.obligation, resolution: 'cancelled' });
    }
    await syncMilestoneItems(tx, ctx, row);
    // Open items of units whose kind the milestone no longer applies to are no longer owed either (done ones stay).
    // After the sync, which holds the movement's sync lock, so an item the scheduler opened meanwhile is seen too.
    cancelledItems += await cancelMilestoneItemsOutsideKinds(tx, row.tenantId, current.id, saved.appliesTo);
    await recordAudit(tx, ctx, {
      action: 'milestone.updated',
      entityType: 'movement_milestone',
      entityId: current.id,
      before: auditMilestone(current),
      after: { ...auditMilestone(saved), cancelledItems },
    });
    return saved;
  });
  return presentMilestone(updated, todayInVietnam());
}

// ---------------------------------------------------------------------------------------------
// Agencies (standing agency and other roles, over time)
// ---------------------------------------------------------------------------------------------

/**
 * Hands a role to a unit from a date: the assignment of the role in force then is closed at that date and the new
 * one opens, in one transaction. The unit must be of the tenant and valid on the date.
 */
export async function assignAgency(ctx: RequestContext, movementId: string, input: CreateAgencyInput) {
  const actor = await authorize(movementPolicy, ctx, 'manage', tenantLevel);
  const today = todayInVietnam();
  return ctx.db.transaction(async (tx) => {
    const row = await lockMovement(tx, actor.tenantId, movementId);
    if (!row) throw AppError.notFound();
    const unit = await findUnitOn(tx, actor.tenantId, input.unitId, input.validFrom);
    if (!unit) throw AppError.unprocessable('agency_unit_invalid', 'movement.agency_unit_invalid', { date: input.validFrom }, 'body.unitId');
    const sameRole = (await findAgencies(tx, row.id)).filter((a) => a.role === input.role);
    const latest = sameRole.reduce<(typeof sameRole)[number] | null>((acc, a) => (acc === null || a.validFrom > acc.validFrom ? a : acc), null);
    if (latest && input.validFrom <= latest.validFrom) {
      throw AppError.unprocessable('agency_date_order', 'movement.agency_date_order', { date: latest.validFrom }, 'body.validFrom');
    }
    let closed = null;
    let closedBefore = null;
    if (latest && (latest.validTo === null || latest.validTo > input.validFrom)) {
      closedBefore = latest;
      closed = await updateAgencyRow(tx, latest.id, { validTo: input.validFrom });
    }
    const opened = await insertAgency(tx, {
      id: randomUUID(),
      tenantId: row.tenantId,
      movementId: row.id,
      role: input.role,
      unitId: unit.id,
      unitName: unit.name,
      validFrom: input.validFrom,
      validTo: null,
      note: normalizeText(input.note ?? ''),
      source: null,
    });
    await recordAudit(tx, ctx, {
      action: 'agency.assigned',
      entityType: 'movement',
      entityId: row.id,
      unitId: unit.id,
      before: closedBefore
        ? {
            id: closedBefore.id,
            role: closedBefore.role,
            unitId: closedBefore.unitId,
            unitName: closedBefore.unitName,
            validFrom: closedBefore.validFrom,
            validTo: closedBefore.validTo,
          }
        : null,
      after: {
        closed: closed ? { id: closed.id, validTo: closed.validTo } : null,
        opened: { id: opened.id, role: opened.role, unitId: opened.unitId, unitName: opened.unitName, validFrom: opened.validFrom, note: opened.note },
      },
    });
    return { opened: presentAgency(opened, today), closed: closed ? presentAgency(closed, today) : null };
  });
}

// ---------------------------------------------------------------------------------------------
// Packages
// ---------------------------------------------------------------------------------------------

export async function importPackage(ctx: RequestContext, body: unknown): Promise<PackageImportResult> {
  const actor = await authorize(movementPolicy, ctx, 'manage', tenantLevel);
  return importMovementPackage(ctx.db, actor.tenantId, ctx, body, { pathPrefix: 'body', locale: ctx.locale });
}

export async function getMovementPackage(ctx: RequestContext, id: string): Promise<{ fileName: string; json: string }> {
  requireActor(ctx);
  return exportMovementPackage(ctx.db, ctx.actor.tenantId, id);
}
