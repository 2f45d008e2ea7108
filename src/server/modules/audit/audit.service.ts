import { todayInVietnam } from '../../../core/dates.js';
import type { RequestContext } from '../../auth/actor.js';
import { requireAccess, requireTenantWide, scopeFor, scopeWhere } from '../../auth/access.js';
import { verifyAuditChain, type AuditVerification } from '../../audit/audit.js';
import { auditLog } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { findUnitNames } from '../units/org-on-date.js';
import { findAuditEntries, type AuditRow } from './audit.repository.js';
import type { AuditEntryView, AuditListQuery } from './audit.schemas.js';

/** Midnight starting the calendar day in Vietnam (UTC+7, no daylight saving). */
function startOfVietnamDay(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

function presentAuditEntry(row: AuditRow, names: ReadonlyMap<string, string>): AuditEntryView {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    unitId: row.unitId,
    unitName: row.unitId ? (names.get(row.unitId) ?? null) : null,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
  };
}

/** The tenant's audit trail within the actor's audit.read scope (rows without a unit only for a tenant-wide scope). */
export async function listAuditEntries(ctx: RequestContext, query: AuditListQuery) {
  const actor = await requireAccess(ctx, 'audit.read');
  if (query.from && query.to && query.from > query.to) {
    throw AppError.validation([{ path: 'querystring.to', message: '' }], 'audit.date_order');
  }
  const scope = await scopeFor(ctx.db, actor, 'audit.read');
  let toInstant: Date | undefined;
  if (query.to) {
    toInstant = startOfVietnamDay(query.to);
    toInstant.setUTCDate(toInstant.getUTCDate() + 1);
  }
  const { rows, total } = await findAuditEntries(ctx.db, {
    tenantId: actor.tenantId,
    scope: scopeWhere(auditLog.unitId, scope),
    unitId: query.unitId,
    actorUserId: query.userId,
    entityType: query.entityType,
    entityId: query.entityId,
    action: query.action,
    fromInstant: query.from ? startOfVietnamDay(query.from) : undefined,
    toInstant,
    limit: query.limit,
    offset: query.offset,
  });
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((id): id is string => id !== null))];
  const names = await findUnitNames(ctx.db, actor.tenantId, unitIds, todayInVietnam());
  return { items: rows.map((r) => presentAuditEntry(r, names)), total };
}

/** Checks the whole hash chain; only for a tenant-wide system administrator. */
export async function verifyAudit(ctx: RequestContext): Promise<AuditVerification> {
  await requireTenantWide(ctx, 'system.admin');
  return verifyAuditChain(ctx.db);
}
