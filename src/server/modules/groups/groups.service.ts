import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '../../../core/dates.js';
import { containsDate } from '../../../core/org/intervals.js';
import { vietnameseCollator } from '../../../core/org/tree.js';
import type { RequestContext } from '../../auth/actor.js';
import { requireActor } from '../../auth/access.js';
import { can } from '../../auth/policy.js';
import { recordAudit } from '../../audit/audit.js';
import type { DbOrTx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { findUnit, findVersions } from '../units/units.repository.js';
import { requireTenantWideUnitManage, tenantTop, unitPolicy } from '../units/units.policy.js';
import {
  findGroup,
  findGroupCodeHolders,
  findGroupRows,
  findMember,
  findMemberRows,
  findOverlappingMembers,
  insertGroup,
  insertMember,
  lockGroup,
  lockGroupCode,
  setMemberEnd,
  type GroupListRow,
  type MemberListRow,
} from './groups.repository.js';
import type { AddMemberInput, CreateGroupInput, GroupView, MemberView } from './groups.schemas.js';

function presentGroup(row: GroupListRow): GroupView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as GroupView['kind'],
    description: row.description,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    memberCount: row.member_count,
  };
}

function presentMember(row: MemberListRow): MemberView {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    kindCode: row.kind_code,
    isLead: row.is_lead,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}

const unprocessable = (code: string, key: Parameters<typeof AppError.unprocessable>[1], path: string, params: Record<string, string | number> = {}) =>
  AppError.unprocessable(code, key, params, path);

async function requireGroup(db: DbOrTx, tenantId: string, id: string) {
  const group = await findGroup(db, tenantId, id);
  if (!group) throw AppError.notFound();
  return group;
}

/** Groups in force on the date, with their member counts that day. */
export async function listGroups(ctx: RequestContext, asOf: string | undefined): Promise<GroupView[]> {
  requireActor(ctx);
  const rows = await findGroupRows(ctx.db, ctx.actor.tenantId, asOf ?? todayInVietnam());
  return rows.map(presentGroup);
}

export async function getGroup(ctx: RequestContext, id: string, asOf: string | undefined) {
  requireActor(ctx);
  const tenantId = ctx.actor.tenantId;
  const date = asOf ?? todayInVietnam();
  const [row] = await findGroupRows(ctx.db, tenantId, date, id);
  if (!row) throw AppError.notFound();
  const [members, canManage] = await Promise.all([findMemberRows(ctx.db, tenantId, id, date), can(unitPolicy, ctx, 'manage', tenantTop)]);
  // Lead first, then by Vietnamese name (sorted here: PGlite has no ICU collation).
  const ordered = members.map(presentMember).sort((a, b) => Number(b.isLead) - Number(a.isLead) || vietnameseCollator.compare(a.unitName, b.unitName));
  return { asOf: date, group: presentGroup(row), members: ordered, abilities: { canManage } };
}

/** Creates a cluster/block; its code may not be held by another group at an overlapping time. */
export async function createGroup(ctx: RequestContext, input: CreateGroupInput): Promise<GroupView> {
  requireActor(ctx);
  await requireTenantWideUnitManage(ctx);
  const tenantId = ctx.actor.tenantId;
  const row = {
    id: randomUUID(),
    tenantId,
    code: input.code,
    name: input.name,
    kind: input.kind,
    description: input.description ?? null,
    validFrom: input.validFrom,
    validTo: null,
  };
  await ctx.db.transaction(async (tx) => {
    await lockGroupCode(tx, tenantId, input.code);
    if ((await findGroupCodeHolders(tx, tenantId, input.code, input.validFrom)).length > 0) {
      throw unprocessable('code_in_use', 'group.code_in_use', 'body.code', { code: input.code });
    }
    await insertGroup(tx, row);
    const { tenantId: _tenant, ...audited } = row;
    await recordAudit(tx, ctx, { action: 'group.created', entityType: 'unit_group', entityId: row.id, after: audited });
  });
  return { ...row, memberCount: 0 };
}

/**
 * Adds a unit to a group from a date. The membership ends no later than the unit and the group do, so a unit
 * that later merges away does not stay a member forever.
 */
export async function addMember(ctx: RequestContext, groupId: string, input: AddMemberInput): Promise<MemberView> {
  requireActor(ctx);
  await requireTenantWideUnitManage(ctx);
  const tenantId = ctx.actor.tenantId;
  await requireGroup(ctx.db, tenantId, groupId);
  const unit = await findUnit(ctx.db, tenantId, input.unitId);
  if (!unit) throw new AppError('not_found', 404, 'error.not_found', [{ path: 'body.unitId', message: '' }]);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const group = await lockGroup(tx, tenantId, groupId);
    if (!group) throw AppError.notFound();
    if (!containsDate(group, input.validFrom)) throw unprocessable('group_not_valid', 'group.not_valid', 'body.validFrom', { date: input.validFrom });
    const versions = await findVersions(tx, tenantId, [unit.id]);
    if (!containsDate(unit, input.validFrom) || !versions.some((v) => containsDate(v, input.validFrom))) {
      throw unprocessable('unit_not_valid', 'group.unit_not_valid', 'body.unitId', { date: input.validFrom });
    }
    const ends = [unit.validTo, group.validTo].filter((d): d is string => d !== null).sort();
    const interval = { validFrom: input.validFrom, validTo: ends[0] ?? null };
    if ((await findOverlappingMembers(tx, tenantId, groupId, interval, { unitId: unit.id })).length > 0) {
      throw unprocessable('member_exists', 'group.member_exists', 'body.unitId');
    }
    const isLead = input.isLead ?? false;
    if (isLead && (await findOverlappingMembers(tx, tenantId, groupId, interval, { leadsOnly: true })).length > 0) {
      throw unprocessable('lead_exists', 'group.lead_exists', 'body.isLead');
    }
    const row = { id, tenantId, groupId, unitId: unit.id, isLead, ...interval };
    await insertMember(tx, row);
    await recordAudit(tx, ctx, {
      action: 'group.member_added',
      entityType: 'unit_group',
      entityId: groupId,
      unitId: unit.id,
      after: { memberId: id, unitId: unit.id, isLead, ...interval },
    });
  });
  const [member] = await findMemberRows(ctx.db, tenantId, groupId, input.validFrom, id);
  return presentMember(member!);
}

/** Ends a membership on a date (exclusive). A membership can be shortened, not lengthened. */
export async function endMember(ctx: RequestContext, groupId: string, memberId: string, validTo: string): Promise<MemberView> {
  requireActor(ctx);
  await requireTenantWideUnitManage(ctx);
  const tenantId = ctx.actor.tenantId;
  await requireGroup(ctx.db, tenantId, groupId);
  await ctx.db.transaction(async (tx) => {
    await lockGroup(tx, tenantId, groupId);
    const member = await findMember(tx, tenantId, groupId, memberId);
    if (!member) throw AppError.notFound();
    if (member.validTo !== null && member.validTo <= validTo) {
      throw unprocessable('member_already_ended', 'group.member_already_ended', 'body.validTo', { date: member.validTo });
    }
    if (validTo <= member.validFrom) throw unprocessable('date_order', 'unit.date_order', 'body.validTo');
    await setMemberEnd(tx, memberId, validTo);
    await recordAudit(tx, ctx, {
      action: 'group.member_ended',
      entityType: 'unit_group',
      entityId: groupId,
      unitId: member.unitId,
      before: { memberId, validTo: member.validTo },
      after: { memberId, validTo },
    });
  });
  const [member] = await findMemberRows(ctx.db, tenantId, groupId, validTo, memberId);
  return presentMember(member!);
}
