import { compareVietnamese } from '../../../core/text.js';
import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import type { Role } from '../../../core/permissions.js';
import { MAX_PROVINCIAL_PILOTS, PILOTS_WITHOUT_REASON } from '../../../core/registrations/registration-rules.js';
import type { AuthedContext, RequestContext, Scope } from '../../auth/actor.js';
import { inScope, requireActor } from '../../auth/access.js';
import { authorize, can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { closeMovementDueItems, inboxLinks, unionScope } from '../inbox/inbox.service.js';
import { findAgencyUnitId } from '../movements/agency-on-date.js';
import type { MovementRow } from '../movements/movements.repository.js';
import { findSubtreeIdsOn, findUnitOn, findUnitsNamed, type UnitNamed } from '../units/org-on-date.js';
import { obligationReadPermissions } from '../launches/launches.policy.js';
import { requireMovement, requireOpenMovement } from '../launches/launches.service.js';
import { findRecipients, notifyUsers, unitActorRoles } from '../notifications/notifications.service.js';
import { councilOnly, pilotListPolicy, provincialList } from './pilots.policy.js';
import {
  findPilotDeadline,
  findPilotRegistrationsOf,
  findPilotUnitsOf,
  findProvinceLevelUnitIds,
  insertPilotRegistration,
  lockPilotRegistration,
  replacePilotUnits,
  updatePilotRegistrationRow,
  type PilotRegistrationRow,
} from './pilots.repository.js';
import type { PilotListInput, PilotRegistrationView } from './pilots.schemas.js';

export const PROVINCIAL_SCOPE = 'province';
/** Who receives the districts' lists (plan III.4.b: the council through the emulation board, and the DIC). */
const receiverRoles: Role[] = ['council_member', 'emulation_board', 'standing_agency'];

function refuseFuture(date: string): void {
  if (date > todayInVietnam()) throw new AppError('date_in_future', 422, 'pilot.registered_on_future', [{ path: 'body.registeredOn', message: '' }]);
}

function refuseDuplicates(unitIds: readonly string[]): void {
  const seen = new Set<string>();
  unitIds.forEach((id, i) => {
    if (seen.has(id)) throw new AppError('duplicate_unit', 422, 'pilot.duplicate_unit', [{ path: `body.unitIds[${i}]`, message: '' }]);
    seen.add(id);
  });
}

async function requireUnitsExist(ctx: AuthedContext, unitIds: readonly string[], date: string): Promise<Map<string, UnitNamed>> {
  const named = new Map((await findUnitsNamed(ctx.db, ctx.actor.tenantId, unitIds, date)).map((u) => [u.id, u]));
  unitIds.forEach((id, i) => {
    if (!named.has(id)) throw new AppError('not_found', 404, 'error.not_found', [{ path: `body.unitIds[${i}]`, message: '' }]);
  });
  return named;
}

function auditFields(row: PilotRegistrationRow, unitIds: readonly string[]) {
  return {
    scopeKey: row.scopeKey,
    level: row.level,
    registeringUnitId: row.registeringUnitId,
    registeredOn: row.registeredOn,
    deadline: row.deadline,
    isLate: row.isLate,
    reason: row.reason,
    unitIds,
    rowVersion: row.rowVersion,
  };
}

/** Inserts or replaces the list of one scope (one current list per scope and movement), returning the row. */
async function writeList(
  tx: Tx,
  ctx: AuthedContext,
  movement: MovementRow,
  scope: { key: string; level: 'province' | 'district'; registeringUnitId: string | null },
  input: PilotListInput & { registeredOn: string },
  deadline: string | null,
): Promise<{ row: PilotRegistrationRow; before: ReturnType<typeof auditFields> | null }> {
  const locked = await lockPilotRegistration(tx, movement.id, scope.key);
  if (locked && input.rowVersion !== undefined && input.rowVersion !== locked.rowVersion) throw AppError.conflict([{ path: 'body.rowVersion', message: '' }]);
  const isLate = deadline !== null && input.registeredOn > deadline;
  let before: ReturnType<typeof auditFields> | null = null;
  let row: PilotRegistrationRow;
  if (locked) {
    const previous = await findPilotUnitsOf(tx, [locked.id]);
    before = auditFields(
      locked,
      previous.map((p) => p.unitId),
    );
    row = await updatePilotRegistrationRow(tx, locked.id, {
      registeredOn: input.registeredOn,
      deadline,
      isLate,
      reason: input.reason ?? null,
      rowVersion: locked.rowVersion + 1,
      updatedAt: new Date(),
    });
  } else {
    row = await insertPilotRegistration(tx, {
      id: randomUUID(),
      tenantId: ctx.actor.tenantId,
      movementId: movement.id,
      scopeKey: scope.key,
      level: scope.level,
      registeringUnitId: scope.registeringUnitId,
      registeredOn: input.registeredOn,
      deadline,
      isLate,
      reason: input.reason ?? null,
      createdBy: ctx.actor.userId,
    });
  }
  await replacePilotUnits(tx, ctx.actor.tenantId, row.id, input.unitIds);
  return { row, before };
}

/**
 * The council's selection of 1–2 provincial pilot units (plan III.4.a); a third is refused. Council members or the
 * standing agency, tenant-wide. Replaces the current selection. Closes the province-level 'register_pilot' items.
 */
export async function selectProvincialPilots(ctx: RequestContext, movementId: string, input: PilotListInput): Promise<PilotRegistrationView> {
  requireActor(ctx);
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  await authorize(pilotListPolicy, ctx, 'edit', provincialList, councilOnly());
  requireOpenMovement(movement, 'pilot.movement_closed');
  const registeredOn = input.registeredOn ?? todayInVietnam();
  refuseFuture(registeredOn);
  if (input.unitIds.length > MAX_PROVINCIAL_PILOTS) {
    throw new AppError('too_many_pilots', 422, 'pilot.too_many_provincial', [{ path: `body.unitIds[${MAX_PROVINCIAL_PILOTS}]`, message: '' }], { count: input.unitIds.length });
  }
  refuseDuplicates(input.unitIds);
  await requireUnitsExist(ctx, input.unitIds, registeredOn);
  for (const [i, id] of input.unitIds.entries()) {
    if (!(await findUnitOn(ctx.db, ctx.actor.tenantId, id, registeredOn))) {
      throw new AppError('unit_not_valid', 422, 'obligation.unit_not_valid', [{ path: `body.unitIds[${i}]`, message: '' }], { date: registeredOn });
    }
  }
  const deadline = await findPilotDeadline(ctx.db, ctx.actor.tenantId, movementId, 'province');
  const row = await ctx.db.transaction(async (tx) => {
    const { row, before } = await writeList(tx, ctx, movement, { key: PROVINCIAL_SCOPE, level: 'province', registeringUnitId: null }, { ...input, registeredOn }, deadline);
    const provinceUnits = await findProvinceLevelUnitIds(tx, ctx.actor.tenantId);
    const closed = await closeMovementDueItems(tx, { tenantId: ctx.actor.tenantId, movementId, kinds: ['register_pilot'], unitIds: provinceUnits });
    const recipients = await findRecipients(tx, ctx.actor.tenantId, { unitIds: input.unitIds, roles: unitActorRoles });
    await notifyUsers(tx, {
      tenantId: ctx.actor.tenantId,
      recipients,
      kind: 'pilot_selected',
      title: 'Đơn vị được chọn chỉ đạo điểm cấp tỉnh',
      body: `Hội đồng Thi đua - Khen thưởng tỉnh chọn đơn vị của bạn để chỉ đạo làm điểm ${movement.name}.`,
      link: inboxLinks.register_pilot(movementId, input.unitIds[0]!),
    });
    await recordAudit(tx, ctx, {
      action: 'pilot.provincial_selected',
      entityType: 'pilot_registration',
      entityId: row.id,
      before,
      after: { ...auditFields(row, input.unitIds), dueItemsClosed: closed },
    });
    return row;
  });
  return (await presentMany(ctx, [row]))[0]!;
}

/**
 * A district-level unit's list of pilot units from its own subtree (plan III.4.b): at least one; more than two need
 * a reason; a unit outside the district's area on the registration date is refused with its name. Registered after
 * the milestone deadline: accepted and marked late. Sent to the council, the emulation board and the standing agency.
 */
export async function registerDistrictPilots(ctx: RequestContext, movementId: string, districtId: string, input: PilotListInput): Promise<PilotRegistrationView> {
  requireActor(ctx);
  const movement = await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  await authorize(pilotListPolicy, ctx, 'edit', { level: 'district', registeringUnitId: districtId }, 'not_found');
  requireOpenMovement(movement, 'pilot.movement_closed');
  const registeredOn = input.registeredOn ?? todayInVietnam();
  refuseFuture(registeredOn);
  const district = await findUnitOn(ctx.db, ctx.actor.tenantId, districtId, registeredOn);
  if (!district) throw new AppError('unit_not_valid', 422, 'obligation.unit_not_valid', [{ path: 'params.unitId', message: '' }], { date: registeredOn });
  if (district.level !== 'district') throw new AppError('not_district', 422, 'pilot.not_district', [{ path: 'params.unitId', message: '' }]);
  refuseDuplicates(input.unitIds);
  const named = await requireUnitsExist(ctx, input.unitIds, registeredOn);
  const subtree = await findSubtreeIdsOn(ctx.db, ctx.actor.tenantId, districtId, registeredOn);
  input.unitIds.forEach((id, i) => {
    if (!subtree.has(id)) {
      throw new AppError('pilot_outside_subtree', 422, 'pilot.outside_subtree', [{ path: `body.unitIds[${i}]`, message: '' }], {
        name: named.get(id)!.name,
        district: district.name,
      });
    }
  });
  if (input.unitIds.length > PILOTS_WITHOUT_REASON && !input.reason) throw new AppError('reason_required', 422, 'pilot.reason_required', [{ path: 'body.reason', message: '' }]);
  const deadline = await findPilotDeadline(ctx.db, ctx.actor.tenantId, movementId, 'district');
  const row = await ctx.db.transaction(async (tx) => {
    const { row, before } = await writeList(tx, ctx, movement, { key: districtId, level: 'district', registeringUnitId: districtId }, { ...input, registeredOn }, deadline);
    const closed = await closeMovementDueItems(tx, { tenantId: ctx.actor.tenantId, movementId, kinds: ['register_pilot'], unitIds: [districtId] });
    const agencyUnitId = await findAgencyUnitId(tx, ctx.actor.tenantId, movementId, 'standing_agency', todayInVietnam());
    const recipients = await findRecipients(tx, ctx.actor.tenantId, { unitIds: agencyUnitId ? [agencyUnitId] : [], roles: receiverRoles, tenantWide: true });
    await notifyUsers(tx, {
      tenantId: ctx.actor.tenantId,
      recipients,
      kind: 'pilot_registered',
      title: `${district.name} đăng ký đơn vị chỉ đạo điểm${row.isLate ? ' (trễ hạn)' : ''}`,
      body: `${district.name} đăng ký ${input.unitIds.length} đơn vị chỉ đạo điểm ${movement.name}: ${input.unitIds.map((id) => named.get(id)!.name).join(', ')}.`,
      link: inboxLinks.register_pilot(movementId, districtId),
    });
    await recordAudit(tx, ctx, {
      action: 'pilot.district_registered',
      entityType: 'pilot_registration',
      entityId: row.id,
      unitId: districtId,
      before,
      after: { ...auditFields(row, input.unitIds), dueItemsClosed: closed },
    });
    return row;
  });
  return (await presentMany(ctx, [row]))[0]!;
}

function visibleDistrictList(scope: Scope, row: PilotRegistrationRow, unitIds: readonly string[]): boolean {
  return (row.registeringUnitId !== null && inScope(scope, row.registeringUnitId)) || unitIds.some((id) => inScope(scope, id));
}

/**
 * The pilot lists of a movement: the provincial selection (tenant-level, every signed-in user) and the district
 * lists whose district or pilot units are in the actor's read scope.
 */
export async function listPilots(ctx: RequestContext, movementId: string) {
  requireActor(ctx);
  await requireMovement(ctx.db, ctx.actor.tenantId, movementId);
  const scope = await unionScope(ctx.db, ctx.actor, obligationReadPermissions);
  const rows = await findPilotRegistrationsOf(ctx.db, ctx.actor.tenantId, movementId);
  const units = await findPilotUnitsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const visible = rows.filter(
    (r) =>
      r.scopeKey === PROVINCIAL_SCOPE ||
      visibleDistrictList(
        scope,
        r,
        units.filter((u) => u.pilotRegistrationId === r.id).map((u) => u.unitId),
      ),
  );
  const views = await presentMany(ctx, visible);
  const districts = views.filter((v) => v.level === 'district').sort((a, b) => compareVietnamese(a.registeringUnitName ?? '', b.registeringUnitName ?? ''));
  return {
    movementId,
    provincial: views.find((v) => v.level === 'province') ?? null,
    districts,
    abilities: { canSelectProvincial: await can(pilotListPolicy, ctx, 'edit', provincialList) },
  };
}

async function presentMany(ctx: AuthedContext, rows: readonly PilotRegistrationRow[]): Promise<PilotRegistrationView[]> {
  if (rows.length === 0) return [];
  const units = await findPilotUnitsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const out: PilotRegistrationView[] = [];
  for (const row of rows) {
    const own = units.filter((u) => u.pilotRegistrationId === row.id);
    const ids = [...own.map((u) => u.unitId), ...(row.registeringUnitId ? [row.registeringUnitId] : [])];
    const names = new Map((await findUnitsNamed(ctx.db, ctx.actor.tenantId, ids, row.registeredOn)).map((u) => [u.id, u]));
    const canEdit = await can(pilotListPolicy, ctx, 'edit', row);
    out.push({
      id: row.id,
      movementId: row.movementId,
      level: row.level === 'province' ? 'province' : 'district',
      registeringUnitId: row.registeringUnitId,
      registeringUnitName: row.registeringUnitId ? (names.get(row.registeringUnitId)?.name ?? null) : null,
      registeredOn: row.registeredOn,
      deadline: row.deadline,
      isLate: row.isLate,
      reason: row.reason,
      units: own.map((u) => {
        const unit = names.get(u.unitId);
        return { unitId: u.unitId, name: unit?.name ?? u.unitId, code: unit?.code ?? null, kindCode: unit?.kind_code ?? '' };
      }),
      isDemo: row.isDemo,
      rowVersion: row.rowVersion,
      updatedAt: row.updatedAt.toISOString(),
      abilities: { canEdit },
    });
  }
  return out;
}
