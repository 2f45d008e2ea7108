import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';

export type AuditRow = typeof auditLog.$inferSelect;

export type AuditFilter = {
  tenantId: string;
  /** WHERE fragment from the scope builder, over audit_log.unit_id. */
  scope: SQL;
  unitId?: string;
  actorUserId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** Inclusive lower and exclusive upper instants. */
  fromInstant?: Date;
  toInstant?: Date;
  limit: number;
  offset: number;
};

/** Audit rows of the tenant matching the filter, newest first, and their total. */
export async function findAuditEntries(db: DbOrTx, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const conditions: SQL[] = [eq(auditLog.tenantId, filter.tenantId), filter.scope];
  if (filter.unitId) conditions.push(eq(auditLog.unitId, filter.unitId));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.fromInstant) conditions.push(gte(auditLog.at, filter.fromInstant));
  if (filter.toInstant) conditions.push(lt(auditLog.at, filter.toInstant));
  const where = and(...conditions);
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(filter.limit).offset(filter.offset);
  const [totalRow] = await db.select({ total: count() }).from(auditLog).where(where);
  return { rows, total: Number(totalRow?.total ?? 0) };
}
