import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CriteriaSetVersion, Criterion, UnitLevel } from '../../../core/criteria/criteria.schemas.js';
import { addDays, todayInVietnam } from '../../../core/dates.js';
import { renderMessage, type MessageKey } from '../../../core/i18n/messages.js';
import {
  checkCommitment,
  formatBound,
  isRegistrationStatus,
  levelLabel,
  nextRegistrationStatus,
  type Commitment,
  type RegistrationAction,
  type RegistrationStatus,
} from '../../../core/registrations/registration-rules.js';
import type { AuthedContext, RequestContext } from '../../auth/actor.js';
import { inScope, requireAccess, requireActor } from '../../auth/access.js';
import { authorize } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { criteriaSetVersions, unitGroups } from '../../db/schema/index.js';
import { AppError, type ErrorDetail } from '../../errors.js';
import { closeDueItems, closeMovementDueItems, inboxLinks, openDueItem, unionScope } from '../inbox/inbox.service.js';
import { findGroupMembersOn, findGroupOn } from '../groups/groups.repository.js';
import { findAgencyUnitId } from '../movements/agency-on-date.js';
import { findCriteriaVersionOn, type CriteriaVersionRow, type MovementRow } from '../movements/movements.repository.js';
import { findUnitOn, findUnitsNamed, type UnitOn } from '../units/org-on-date.js';
import { obligationReadPermissions } from '../launches/launches.policy.js';
import { requireMovement, requireOpenMovement } from '../launches/launches.service.js';
import { findRecipients, notifyUsers, standingAgencyRoles, unitActorRoles } from '../notifications/notifications.service.js';
import { registrationAbilities, registrationPolicy, reviewDenial } from './registrations.policy.js';
import {
  findExistingRegistration,
  findGroupsLedBy,
  findRegisterDeadline,
  findRegistration,
  findRegistrationEvents,
  findRegistrationsOf,
  insertRegistration,
  insertRegistrationEvent,
  lockRegistration,
  updateRegistrationRow,
  type RegistrationEventRow,
  type RegistrationRow,
} from './registrations.repository.js';
import type { CreateRegistrationInput, RegistrationView, UpdateRegistrationInput } from './registrations.schemas.js';

/** Days the standing agency has to review a submitted registration, and a unit to resubmit a returned one. */
export const REVIEW_DAYS = 10;
export const RESUBMIT_DAYS = 7;

const statusLabels: Record<RegistrationStatus, { vi: string; en: string }> = {
  draft: { vi: 'nháp', en: 'draft' },
  submitted: { vi: 'đã gửi', en: 'submitted' },
  returned: { vi: 'bị trả lại', en: 'returned' },
  confirmed: { vi: 'đã xác nhận', en: 'confirmed' },
};
const actionLabels: Record<RegistrationAction, { vi: string; en: string }> = {
  edit: { vi: 'sửa', en: 'edit' },
  submit: { vi: 'gửi', en: 'submit' },
  confirm: { vi: 'xác nhận', en: 'confirm' },
  return: { vi: 'trả lại', en: 'return' },
};

type ContentArea = { code: string; title: string };
type Subject = { lead: UnitOn; group: { id: string; name: string } | null; members: UnitOn[]; levels: UnitLevel[] };

function statusOf(row: RegistrationRow): RegistrationStatus {
  return isRegistrationStatus(row.status) ? row.status : 'draft';
}

function requireTransition(ctx: RequestContext, row: RegistrationRow, action: RegistrationAction): RegistrationStatus {
  const next = nextRegistrationStatus(statusOf(row), action);
  if (next === null) {
    throw new AppError('transition_not_allowed', 422, 'registration.transition', [{ path: 'status', message: '' }], {
      action: actionLabels[action][ctx.locale],
      status: statusLabels[statusOf(row)][ctx.locale],
    });
  }
  return next;
}

function contentAreasOf(movement: MovementRow): ContentArea[] {
  const raw = Array.isArray(movement.contentAreas) ? (movement.contentAreas as { code?: unknown; title?: unknown }[]) : [];
  return raw.filter((a) => typeof a.code === 'string').map((a) => ({ code: String(a.code), title: String(a.title ?? a.code) }));
}

function definitionOf(version: CriteriaVersionRow | null): CriteriaSetVersion | null {
  return version ? (version.definition as CriteriaSetVersion) : null;
}

function isPercentage(criterion: Criterion): boolean {
  return (criterion.kind === 'ratio' || criterion.kind === 'value') && criterion.display === 'percentage';
}

function unitNotValid(date: string, path: string): AppError {
  return new AppError('unit_not_valid', 422, 'obligation.unit_not_valid', [{ path, message: '' }], { date });
}

/**
 * Who registers: the unit itself, or a group (cluster/block) through its leading unit on the reference date. The
 * actor needs registration.submit on the unit / the lead (404 otherwise); the unit must be in force on the date.
 */
async function resolveSubject(ctx: AuthedContext, target: { unitId?: string; groupId?: string | null }, refDate: string, datePath: string): Promise<Subject> {
  const tenantId = ctx.actor.tenantId;
  if (target.groupId) {
    const [exists] = await ctx.db
      .select({ id: unitGroups.id })
      .from(unitGroups)
      .where(and(eq(unitGroups.tenantId, tenantId), eq(unitGroups.id, target.groupId)));
    if (!exists) throw new AppError('not_found', 404, 'error.not_found', [{ path: 'body.groupId', message: '' }]);
    const group = await findGroupOn(ctx.db, tenantId, target.groupId, refDate);
    const members = group ? await findGroupMembersOn(ctx.db, tenantId, target.groupId, refDate) : [];
    const lead = members.find((m) => m.is_lead);
    // Access first: somebody who does not act for the lead learns nothing about the group's state.
    if (lead) await requireAccess(ctx, 'registration.submit', lead.unit_id);
    else await requireAccess(ctx, 'registration.submit');
    if (!group) throw unitNotValid(refDate, datePath);
    if (!lead) throw new AppError('group_no_lead', 422, 'registration.group_no_lead', [{ path: 'body.groupId', message: '' }], { date: refDate });
    const leadUnit = await findUnitOn(ctx.db, tenantId, lead.unit_id, refDate);
    if (!leadUnit) throw unitNotValid(refDate, datePath);
    const memberUnits: UnitOn[] = [];
    for (const m of members) {
      if (m.unit_id === lead.unit_id) continue;
      const unit = await findUnitOn(ctx.db, tenantId, m.unit_id, refDate);
      if (unit) memberUnits.push(unit);
    }
    const levels = [...new Set([leadUnit.level, ...memberUnits.map((u) => u.level)])];
    return { lead: leadUnit, group: { id: group.id, name: group.name }, members: memberUnits, levels };
  }
  const unitId = target.unitId!;
  await requireAccess(ctx, 'registration.submit', unitId);
  const unit = await findUnitOn(ctx.db, tenantId, unitId, refDate);
  if (!unit) throw unitNotValid(refDate, datePath);
  return { lead: unit, group: null, members: [], levels: [unit.level] };
}

type Problem = { code: string; key: MessageKey; params: Record<string, string | number>; path: string };

/**
 * Contents must be the movement's content areas; commitments must name criteria of the criteria version that apply
 * to the registering level(s), and be no looser than the plan's target for each level (the refusal quotes the plan).
 */
function findContentProblems(
  ctx: RequestContext,
  movement: MovementRow,
  definition: CriteriaSetVersion | null,
  levels: readonly UnitLevel[],
  contentAreas: readonly string[],
  commitments: readonly Commitment[],
): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(contentAreasOf(movement).map((a) => a.code));
  contentAreas.forEach((code, i) => {
    if (!known.has(code)) problems.push({ code: 'content_area_unknown', key: 'registration.content_area_unknown', params: { code }, path: `body.contentAreas[${i}]` });
  });
  if (commitments.length > 0 && !definition) {
    problems.push({ code: 'no_criteria_version', key: 'registration.no_criteria_version', params: {}, path: 'body.commitments' });
    return problems;
  }
  const seen = new Set<string>();
  commitments.forEach((c, i) => {
    const path = `body.commitments[${i}]`;
    const criterion = definition!.criteria.find((x) => x.code === c.criterionCode);
    if (!criterion) {
      problems.push({ code: 'invalid_commitment', key: 'registration.criterion_unknown', params: { code: c.criterionCode }, path: `${path}.criterionCode` });
      return;
    }
    if (seen.has(c.criterionCode)) {
      problems.push({ code: 'invalid_commitment', key: 'registration.commitment_duplicate', params: { code: c.criterionCode }, path: `${path}.criterionCode` });
      return;
    }
    seen.add(c.criterionCode);
    if (criterion.kind === 'qualitative') {
      problems.push({ code: 'invalid_commitment', key: 'registration.criterion_qualitative', params: { code: c.criterionCode }, path: `${path}.criterionCode` });
      return;
    }
    const applicable = levels.filter((l) => criterion.levels.includes(l));
    if (applicable.length === 0) {
      problems.push({
        code: 'invalid_commitment',
        key: 'registration.criterion_not_applicable',
        params: { code: c.criterionCode, level: levelLabel(levels[0] ?? 'other', ctx.locale) },
        path: `${path}.criterionCode`,
      });
      return;
    }
    for (const level of applicable) {
      const target = criterion.targets.find((t) => t.level === level);
      if (!target) continue;
      const check = checkCommitment(c, target);
      if (!check.ok) {
        const pct = isPercentage(criterion);
        problems.push({
          code: 'commitment_looser',
          key: check.direction === 'below' ? 'registration.commitment_below' : 'registration.commitment_above',
          params: {
            commitment: formatBound(c.comparator, c.threshold, pct, ctx.locale, true),
            target: formatBound(target.comparator, target.threshold, pct, ctx.locale),
            level: levelLabel(level, ctx.locale),
          },
          path: `${path}.threshold`,
        });
        break;
      }
    }
  });
  return problems;
}

function throwProblems(ctx: RequestContext, problems: Problem[]): void {
  const first = problems[0];
  if (!first) return;
  const details: ErrorDetail[] = problems.map((p) => ({ path: p.path, message: renderMessage(p.key, ctx.locale, p.params) }));
  throw new AppError(first.code, 422, first.key, details, first.params);
}

function requireComplete(
  ctx: RequestContext,
  values: { contentAreas: readonly string[]; signerName: string | null; signerPosition: string | null; signedOn: string | null },
): void {
  const details: ErrorDetail[] = [];
  if (values.contentAreas.length === 0) details.push({ path: 'body.contentAreas', message: renderMessage('registration.content_areas_required', ctx.locale) });
  if (!values.signerName || !values.signerPosition) details.push({ path: 'body.signer', message: renderMessage('registration.signer_required', ctx.locale) });
  if (!values.signedOn) details.push({ path: 'body.signedOn', message: renderMessage('registration.signed_on_required', ctx.locale) });
  if (details.length > 0) throw new AppError('registration_incomplete', 422, 'registration.incomplete', details);
}

function refuseFutureSignedOn(signedOn: string | null | undefined): void {
  if (signedOn && signedOn > todayInVietnam()) throw new AppError('date_in_future', 422, 'registration.signed_on_future', [{ path: 'body.signedOn', message: '' }]);
}

function auditFields(row: RegistrationRow) {
  return {
    movementId: row.movementId,
    unitId: row.unitId,
    groupId: row.groupId,
    memberUnitIds: row.memberUnitIds,
    status: row.status,
    contentAreas: row.contentAreas,
    commitments: row.commitments,
    signer: row.signerName ? { name: row.signerName, position: row.signerPosition } : null,
    signedOn: row.signedOn,
    note: row.note,
    reviewComment: row.reviewComment,
    rowVersion: row.rowVersion,
  };
}

async function addEvent(tx: Tx, ctx: AuthedContext, row: RegistrationRow, action: string, fromStatus: string | null, comment: string | null = null) {
  await insertRegistrationEvent(tx, {
    id: randomUUID(),
    tenantId: row.tenantId,
    registrationId: row.id,
    action,
    fromStatus,
    toStatus: row.status,
    comment,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.fullName,
  });
}

/** Submission: the unit's (and joint members') 'register' items close; the standing agency gets a review item. */
async function applySubmit(tx: Tx, ctx: AuthedContext, current: RegistrationRow, movement: MovementRow, subject: Subject): Promise<RegistrationRow> {
  const from = current.status;
  const now = new Date();
  const row = await updateRegistrationRow(tx, current.id, {
    status: 'submitted',
    memberUnitIds: subject.members.map((m) => m.id),
    submittedAt: now,
    firstSubmittedAt: current.firstSubmittedAt ?? now,
    submissionCount: current.submissionCount + 1,
    reviewComment: null,
    rowVersion: current.rowVersion + 1,
    updatedAt: now,
  });
  await addEvent(tx, ctx, row, from === 'returned' ? 'resubmitted' : 'submitted', from);
  const unitIds = [row.unitId, ...row.memberUnitIds];
  const closed = await closeMovementDueItems(tx, { tenantId: row.tenantId, movementId: row.movementId, kinds: ['register'], unitIds });
  const today = todayInVietnam();
  const agencyUnitId = await findAgencyUnitId(tx, row.tenantId, row.movementId, 'standing_agency', today);
  const who = subject.group ? `${subject.group.name} (${subject.lead.name})` : subject.lead.name;
  let reviewItemId: string | null = null;
  if (agencyUnitId) {
    reviewItemId = await openDueItem(tx, {
      tenantId: row.tenantId,
      unitId: agencyUnitId,
      movementId: row.movementId,
      kind: 'registration_review',
      subjectType: 'registration',
      subjectId: row.id,
      title: `Xem xét đăng ký thi đua của ${who} — ${movement.shortName}`,
      titleEn: `Review the registration of ${who} — ${movement.code}`,
      link: inboxLinks.registration(row.id),
      dueDate: addDays(today, REVIEW_DAYS),
      details: { registrationUnitId: row.unitId, submission: row.submissionCount },
    });
  }
  const recipients = await findRecipients(tx, row.tenantId, { unitIds: agencyUnitId ? [agencyUnitId] : [], roles: standingAgencyRoles, tenantWide: true });
  await notifyUsers(tx, {
    tenantId: row.tenantId,
    recipients,
    kind: 'registration_submitted',
    title: `${who} ${from === 'returned' ? 'gửi lại' : 'gửi'} đăng ký thi đua`,
    body: `${who} đã ${from === 'returned' ? 'gửi lại' : 'gửi'} bản đăng ký tham gia ${movement.name}. Đề nghị xem xét, xác nhận hoặc trả lại kèm ý kiến.`,
    link: inboxLinks.registration(row.id),
    dueItemId: reviewItemId,
  });
  await recordAudit(tx, ctx, {
    action: from === 'returned' ? 'registration.resubmitted' : 'registration.submitted',
    entityType: 'registration',
    entityId: row.id,
    unitId: row.unitId,
    before: { status: from },
    after: { ...auditFields(row), dueItemsClosed: closed, reviewItemId },
  });
  return row;
}

// ---- writes -------------------------------------------------------------------------------------------------

/**
 * Creates a registration as a draft (or submits it at once with `submit: true`). Refused: a closed movement, unknown
 * content areas, commitments looser than the plan (422, the plan's figure in the message), a second registration of
 * the same unit / group (409).
 */
export async function createRegistration(ctx: RequestContext, movementId: string, input: CreateRegistrationInput): Promise<RegistrationView> {
  requireActor(ctx);
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  const today = todayInVietnam();
  const refDate = input.signedOn && input.signedOn <= today ? input.signedOn : today;
  const subject = await resolveSubject(ctx, input, refDate, input.signedOn ? 'body.signedOn' : input.groupId ? 'body.groupId' : 'body.unitId');
  requireOpenMovement(movement, 'registration.movement_closed');
  refuseFutureSignedOn(input.signedOn);
  const version = await findCriteriaVersionOn(ctx.db, ctx.actor.tenantId, movementId, refDate);
  const contentAreas = [...new Set(input.contentAreas)];
  throwProblems(ctx, findContentProblems(ctx, movement, definitionOf(version), subject.levels, contentAreas, input.commitments));
  const existing = await findExistingRegistration(ctx.db, movementId, input.groupId ? { groupId: input.groupId } : { unitId: subject.lead.id });
  if (existing) throw existsError(Boolean(input.groupId));
  if (input.submit)
    requireComplete(ctx, { contentAreas, signerName: input.signer?.name ?? null, signerPosition: input.signer?.position ?? null, signedOn: input.signedOn ?? null });
  try {
    const row = await ctx.db.transaction(async (tx) => {
      let created = await insertRegistration(tx, {
        id: randomUUID(),
        tenantId: ctx.actor.tenantId,
        movementId,
        unitId: subject.lead.id,
        groupId: subject.group?.id ?? null,
        memberUnitIds: subject.members.map((m) => m.id),
        status: 'draft',
        criteriaSetVersionId: version?.id ?? null,
        level: subject.lead.level,
        contentAreas,
        commitments: input.commitments,
        signerName: input.signer?.name ?? null,
        signerPosition: input.signer?.position ?? null,
        signedOn: input.signedOn ?? null,
        note: input.note ?? null,
        createdBy: ctx.actor.userId,
      });
      await addEvent(tx, ctx, created, 'created', null);
      await recordAudit(tx, ctx, { action: 'registration.created', entityType: 'registration', entityId: created.id, unitId: created.unitId, after: auditFields(created) });
      if (input.submit) created = await applySubmit(tx, ctx, created, movement, subject);
      return created;
    });
    return presentOne(ctx, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw existsError(Boolean(input.groupId));
    throw error;
  }
}

function existsError(group: boolean): AppError {
  return group
    ? new AppError('registration_exists', 409, 'registration.group_exists', [{ path: 'body.groupId', message: '' }])
    : new AppError('registration_exists', 409, 'registration.exists', [{ path: 'body.unitId', message: '' }]);
}

async function loadForWrite(ctx: AuthedContext, id: string): Promise<{ row: RegistrationRow; movement: MovementRow }> {
  const row = await findRegistration(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  await authorize(registrationPolicy, ctx, 'write', row, 'not_found');
  return { row, movement: await requireMovement(ctx.db, ctx.actor.tenantId, row.movementId) };
}

/** Edits a draft or returned registration (the unit holds the pen), with optimistic locking on rowVersion. */
export async function updateRegistration(ctx: RequestContext, id: string, input: UpdateRegistrationInput): Promise<RegistrationView> {
  requireActor(ctx);
  const { row: current, movement } = await loadForWrite(ctx, id);
  requireTransition(ctx, current, 'edit');
  requireOpenMovement(movement, 'registration.movement_closed');
  refuseFutureSignedOn(input.signedOn);
  const signedOn = input.signedOn === undefined ? current.signedOn : input.signedOn;
  const refDate = signedOn ?? todayInVietnam();
  const subject = await resolveSubject(ctx, { unitId: current.unitId, groupId: current.groupId }, refDate, 'body.signedOn');
  const contentAreas = input.contentAreas ? [...new Set(input.contentAreas)] : current.contentAreas;
  const commitments = (input.commitments ?? current.commitments) as Commitment[];
  const version = await findCriteriaVersionOn(ctx.db, ctx.actor.tenantId, current.movementId, refDate);
  throwProblems(ctx, findContentProblems(ctx, movement, definitionOf(version), subject.levels, contentAreas, commitments));
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'edit');
    const updated = await updateRegistrationRow(tx, id, {
      contentAreas,
      commitments,
      criteriaSetVersionId: version?.id ?? null,
      signerName: input.signer === undefined ? locked.signerName : (input.signer?.name ?? null),
      signerPosition: input.signer === undefined ? locked.signerPosition : (input.signer?.position ?? null),
      signedOn,
      note: input.note === undefined ? locked.note : input.note,
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
    await addEvent(tx, ctx, updated, 'updated', locked.status);
    await recordAudit(tx, ctx, {
      action: 'registration.updated',
      entityType: 'registration',
      entityId: id,
      unitId: updated.unitId,
      before: auditFields(locked),
      after: auditFields(updated),
    });
    return updated;
  });
  return presentOne(ctx, row);
}

/** Sends a draft or returned registration to the standing agency; it must be complete and within the plan. */
export async function submitRegistration(ctx: RequestContext, id: string, input: { rowVersion?: number }): Promise<RegistrationView> {
  requireActor(ctx);
  const { row: current, movement } = await loadForWrite(ctx, id);
  requireTransition(ctx, current, 'submit');
  requireOpenMovement(movement, 'registration.movement_closed');
  requireComplete(ctx, current);
  const refDate = current.signedOn ?? todayInVietnam();
  const subject = await resolveSubject(ctx, { unitId: current.unitId, groupId: current.groupId }, refDate, 'body.signedOn');
  const version = await findCriteriaVersionOn(ctx.db, ctx.actor.tenantId, current.movementId, refDate);
  throwProblems(ctx, findContentProblems(ctx, movement, definitionOf(version), subject.levels, current.contentAreas, current.commitments as Commitment[]));
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (input.rowVersion !== undefined && locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'submit');
    return applySubmit(tx, ctx, locked, movement, subject);
  });
  return presentOne(ctx, row);
}

/** The reviewer may act when the unit is in their registration.review scope; a visible one without it → 403. */
async function loadForReview(ctx: AuthedContext, id: string): Promise<{ row: RegistrationRow; movement: MovementRow }> {
  const row = await findRegistration(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  await authorize(registrationPolicy, ctx, 'review', row, reviewDenial(ctx, row));
  return { row, movement: await requireMovement(ctx.db, ctx.actor.tenantId, row.movementId) };
}

/** The standing agency confirms a submitted registration; the review item closes and the unit is told. */
export async function confirmRegistration(ctx: RequestContext, id: string, input: { rowVersion?: number; comment?: string }): Promise<RegistrationView> {
  requireActor(ctx);
  const { row: current, movement } = await loadForReview(ctx, id);
  requireTransition(ctx, current, 'confirm');
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (input.rowVersion !== undefined && locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'confirm');
    const updated = await updateRegistrationRow(tx, id, {
      status: 'confirmed',
      reviewedAt: new Date(),
      reviewedBy: ctx.actor.userId,
      reviewComment: input.comment ?? null,
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
    await addEvent(tx, ctx, updated, 'confirmed', locked.status, input.comment ?? null);
    await closeDueItems(tx, { tenantId: updated.tenantId, subjectType: 'registration', subjectId: id, kind: 'registration_review', resolution: 'done' });
    const recipients = await findRecipients(tx, updated.tenantId, { unitIds: [updated.unitId], roles: unitActorRoles });
    await notifyUsers(tx, {
      tenantId: updated.tenantId,
      recipients,
      kind: 'registration_confirmed',
      title: 'Đăng ký thi đua đã được xác nhận',
      body: `Bản đăng ký tham gia ${movement.name} đã được cơ quan thường trực xác nhận.${input.comment ? ` Ý kiến: ${input.comment}` : ''}`,
      link: inboxLinks.registration(id),
    });
    await recordAudit(tx, ctx, {
      action: 'registration.confirmed',
      entityType: 'registration',
      entityId: id,
      unitId: updated.unitId,
      before: { status: locked.status },
      after: auditFields(updated),
    });
    return updated;
  });
  return presentOne(ctx, row);
}

/** The standing agency returns a submitted registration with comments; the unit gets a 'register' item again. */
export async function returnRegistration(ctx: RequestContext, id: string, input: { rowVersion?: number; comment: string }): Promise<RegistrationView> {
  requireActor(ctx);
  const { row: current, movement } = await loadForReview(ctx, id);
  requireTransition(ctx, current, 'return');
  const row = await ctx.db.transaction(async (tx) => {
    const locked = await lockRegistration(tx, ctx.actor.tenantId, id);
    if (!locked) throw AppError.notFound();
    if (input.rowVersion !== undefined && locked.rowVersion !== input.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
    requireTransition(ctx, locked, 'return');
    const updated = await updateRegistrationRow(tx, id, {
      status: 'returned',
      reviewedAt: new Date(),
      reviewedBy: ctx.actor.userId,
      reviewComment: input.comment,
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
    await addEvent(tx, ctx, updated, 'returned', locked.status, input.comment);
    await closeDueItems(tx, { tenantId: updated.tenantId, subjectType: 'registration', subjectId: id, kind: 'registration_review', resolution: 'done' });
    const itemId = await openDueItem(tx, {
      tenantId: updated.tenantId,
      unitId: updated.unitId,
      movementId: updated.movementId,
      kind: 'register',
      subjectType: 'registration',
      subjectId: id,
      title: `Hoàn thiện, gửi lại đăng ký thi đua theo ý kiến trả lại — ${movement.shortName}`,
      titleEn: `Revise and resubmit the registration — ${movement.code}`,
      link: inboxLinks.registration(id),
      dueDate: addDays(todayInVietnam(), RESUBMIT_DAYS),
      details: { comment: input.comment },
    });
    const recipients = await findRecipients(tx, updated.tenantId, { unitIds: [updated.unitId], roles: unitActorRoles });
    await notifyUsers(tx, {
      tenantId: updated.tenantId,
      recipients,
      kind: 'registration_returned',
      title: 'Đăng ký thi đua bị trả lại',
      body: `Bản đăng ký tham gia ${movement.name} được trả lại để hoàn thiện. Ý kiến: ${input.comment}`,
      link: inboxLinks.registration(id),
      dueItemId: itemId,
    });
    await recordAudit(tx, ctx, {
      action: 'registration.returned',
      entityType: 'registration',
      entityId: id,
      unitId: updated.unitId,
      before: { status: locked.status },
      after: auditFields(updated),
    });
    return updated;
  });
  return presentOne(ctx, row);
}

// ---- reads --------------------------------------------------------------------------------------------------

export async function getRegistration(ctx: RequestContext, id: string): Promise<RegistrationView> {
  requireActor(ctx);
  const row = await findRegistration(ctx.db, ctx.actor.tenantId, id);
  if (!row) throw AppError.notFound();
  await authorize(registrationPolicy, ctx, 'read', row, 'not_found');
  return presentOne(ctx, row);
}

/** Registrations of a movement whose unit (or a joint member) is in the actor's read scope. */
export async function listRegistrations(ctx: RequestContext, movementId: string, query: { status?: RegistrationStatus; unitId?: string }) {
  requireActor(ctx);
  await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  const scope = await unionScope(ctx.db, ctx.actor, obligationReadPermissions);
  if (query.unitId && !inScope(scope, query.unitId)) throw AppError.notFound();
  const rows = await findRegistrationsOf(ctx.db, ctx.actor.tenantId, movementId, scope, query);
  const views = await presentMany(ctx, rows, false);
  return views.map(({ history: _history, ...rest }) => rest);
}

/**
 * What the registration form needs for a unit or group: its level(s), the movement's content areas, the criteria
 * that apply with the plan's targets, the existing registration if any, and the deadline.
 */
export async function getRegistrationForm(ctx: RequestContext, movementId: string, query: { unitId?: string; groupId?: string; asOf?: string }) {
  requireActor(ctx);
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  if ((query.unitId === undefined) === (query.groupId === undefined)) {
    throw AppError.validation([{ path: 'querystring.unitId', message: '', messageKey: 'registration.unit_or_group_query' }]);
  }
  const today = todayInVietnam();
  // The signing date when given (as createRegistration resolves the subject), never after today.
  const refDate = query.asOf && query.asOf <= today ? query.asOf : today;
  const subject = await resolveSubjectForRead(ctx, query, refDate);
  const version = await findCriteriaVersionOn(ctx.db, ctx.actor.tenantId, movementId, refDate);
  const definition = definitionOf(version);
  const existing = await findExistingRegistration(ctx.db, movementId, query.groupId ? { groupId: query.groupId } : { unitId: subject.lead.id });
  const deadline = await findRegisterDeadline(ctx.db, movementId, subject.lead.kind_code);
  return {
    movementId,
    movementStatus: movement.status,
    unitId: query.unitId ?? null,
    groupId: query.groupId ?? null,
    levels: subject.levels.map((l) => ({ level: l, label: levelLabel(l, ctx.locale) })),
    criteriaSetVersionId: version?.id ?? null,
    contentAreas: contentAreasOf(movement),
    criteria: (definition?.criteria ?? [])
      .filter((c) => c.kind !== 'qualitative' && subject.levels.some((l) => c.levels.includes(l)))
      .map((c) => ({
        code: c.code,
        title: c.title,
        contentArea: c.contentArea,
        kind: c.kind,
        display: 'display' in c ? c.display : null,
        targets: c.targets
          .filter((t) => subject.levels.includes(t.level))
          .map((t) => ({ level: t.level, comparator: t.comparator, threshold: t.threshold, text: formatBound(t.comparator, t.threshold, isPercentage(c), ctx.locale) })),
      })),
    existingRegistrationId: existing?.id ?? null,
    deadline,
    ledGroups: query.unitId ? await findLedGroups(ctx, query.unitId, refDate, deadline) : [],
  };
}

/**
 * The clusters and blocks the unit leads on the reference date, or else on the registration deadline (a cluster of
 * the plan's years may have ended since), each with the date to register it on.
 */
async function findLedGroups(ctx: AuthedContext, unitId: string, refDate: string, deadline: string | null) {
  const onRef = await findGroupsLedBy(ctx.db, ctx.actor.tenantId, unitId, refDate);
  const onDeadline = deadline && deadline < refDate ? await findGroupsLedBy(ctx.db, ctx.actor.tenantId, unitId, deadline) : [];
  const out = onRef.map((g) => ({ ...g, asOf: refDate }));
  for (const g of onDeadline) if (!out.some((o) => o.id === g.id)) out.push({ ...g, asOf: deadline! });
  return out;
}

/** Like resolveSubject, but a unit no longer in force is still described (by its latest version). */
async function resolveSubjectForRead(ctx: AuthedContext, query: { unitId?: string; groupId?: string }, date: string): Promise<Subject> {
  try {
    return await resolveSubject(ctx, query, date, 'querystring.unitId');
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'unit_not_valid' || !query.unitId) throw error;
    const [unit] = await findUnitsNamed(ctx.db, ctx.actor.tenantId, [query.unitId], date);
    if (!unit) throw error;
    return { lead: unit, group: null, members: [], levels: [unit.level] };
  }
}

async function presentOne(ctx: AuthedContext, row: RegistrationRow): Promise<RegistrationView> {
  const [view] = await presentMany(ctx, [row], true);
  return view!;
}

function toIso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

async function presentMany(ctx: AuthedContext, rows: readonly RegistrationRow[], withHistory: boolean): Promise<RegistrationView[]> {
  if (rows.length === 0) return [];
  const today = todayInVietnam();
  const movementCache = new Map<string, MovementRow>();
  const versionCache = new Map<string, CriteriaSetVersion | null>();
  const unitIds = rows.flatMap((r) => [r.unitId, ...r.memberUnitIds]);
  const names = new Map((await findUnitsNamed(ctx.db, ctx.actor.tenantId, unitIds, today)).map((u) => [u.id, u]));
  const groupIds = [...new Set(rows.map((r) => r.groupId).filter((g): g is string => g !== null))];
  const groupNames = new Map<string, string>();
  for (const g of groupIds) {
    const [found] = await ctx.db.select({ name: unitGroups.name }).from(unitGroups).where(eq(unitGroups.id, g));
    if (found) groupNames.set(g, found.name);
  }
  const out: RegistrationView[] = [];
  for (const row of rows) {
    let movement = movementCache.get(row.movementId);
    if (!movement) {
      movement = await requireMovement(ctx.db, ctx.actor.tenantId, row.movementId);
      movementCache.set(row.movementId, movement);
    }
    const versionKey = row.criteriaSetVersionId ?? '';
    let definition = versionCache.get(versionKey);
    if (definition === undefined) {
      const version = row.criteriaSetVersionId ? await findCriteriaVersionById(ctx.db, row.criteriaSetVersionId) : null;
      definition = definitionOf(version);
      versionCache.set(versionKey, definition);
    }
    const areas = new Map(contentAreasOf(movement).map((a) => [a.code, a.title]));
    const level = row.level as UnitLevel;
    const unit = names.get(row.unitId);
    const deadline = unit ? await findRegisterDeadline(ctx.db, row.movementId, unit.kind_code) : null;
    const doneOn = row.signedOn ?? (row.firstSubmittedAt ? todayInVietnam(row.firstSubmittedAt) : null);
    const status = statusOf(row);
    const events: RegistrationEventRow[] = withHistory ? await findRegistrationEvents(ctx.db, row.id) : [];
    out.push({
      id: row.id,
      movementId: row.movementId,
      movementName: movement.shortName,
      unitId: row.unitId,
      unitName: unit?.name ?? null,
      groupId: row.groupId,
      groupName: row.groupId ? (groupNames.get(row.groupId) ?? null) : null,
      memberUnits: row.memberUnitIds.map((id) => ({ unitId: id, name: names.get(id)?.name ?? id })),
      status,
      level,
      levelLabel: levelLabel(level, ctx.locale),
      criteriaSetVersionId: row.criteriaSetVersionId,
      contentAreas: row.contentAreas.map((code) => ({ code, title: areas.get(code) ?? code })),
      commitments: (row.commitments as Commitment[]).map((c) => {
        const criterion = definition?.criteria.find((x) => x.code === c.criterionCode) ?? null;
        const target = criterion?.targets.find((t) => t.level === level) ?? null;
        const pct = criterion ? isPercentage(criterion) : false;
        return {
          criterionCode: c.criterionCode,
          criterionTitle: criterion?.title ?? null,
          comparator: c.comparator,
          threshold: c.threshold,
          text: formatBound(c.comparator, c.threshold, pct, ctx.locale),
          planTarget: target ? { comparator: target.comparator, threshold: target.threshold, text: formatBound(target.comparator, target.threshold, pct, ctx.locale) } : null,
        };
      }),
      signer: row.signerName && row.signerPosition ? { name: row.signerName, position: row.signerPosition } : null,
      signedOn: row.signedOn,
      note: row.note,
      submittedAt: toIso(row.submittedAt),
      firstSubmittedAt: toIso(row.firstSubmittedAt),
      submissionCount: row.submissionCount,
      reviewedAt: toIso(row.reviewedAt),
      reviewComment: row.reviewComment,
      deadline,
      onTime: deadline && doneOn ? doneOn <= deadline : null,
      isDemo: row.isDemo,
      rowVersion: row.rowVersion,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      history: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, comment: e.comment, actorName: e.actorName, at: e.at.toISOString() })),
      abilities: await registrationAbilities(ctx, row, status, movement.status === 'active'),
    });
  }
  return out;
}

async function findCriteriaVersionById(db: DbOrTx, id: string): Promise<CriteriaVersionRow | null> {
  const [row] = await db.select().from(criteriaSetVersions).where(eq(criteriaSetVersions.id, id));
  return row ?? null;
}
