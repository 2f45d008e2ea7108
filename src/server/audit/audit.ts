import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { canonicalJson } from '../../core/canonical-json.js';
import type { DbOrTx, Tx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { RequestContext } from '../auth/actor.js';

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 727002;

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
};

type HashedFields = {
  tenantId: string | null;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
};

/** SHA-256 over the canonical JSON of the row's content and the previous row's hash. */
export function hashAuditRow(row: HashedFields): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(content).digest('hex');
}

/** Values are stored as plain JSON, so what is hashed is exactly what is read back. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/**
 * Appends an audit record inside the caller's transaction: the write and its audit commit together.
 * A transaction-scoped advisory lock serialises the chain across connections and instances.
 */
export async function recordAudit(
  tx: Tx,
  ctx: Pick<RequestContext, 'actor' | 'requestId'> & { actorName?: string },
  entry: AuditEntry,
  tenantId?: string,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const fields: HashedFields = {
    tenantId: tenantId ?? ctx.actor?.tenantId ?? null,
    at: new Date(),
    actorUserId: ctx.actor?.userId ?? null,
    // Writes without a signed-in actor (CLI, system jobs) name themselves.
    actorName: ctx.actor?.username ?? ctx.actorName ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    unitId: entry.unitId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: ctx.requestId || null,
    prevHash: last[0]?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...fields, hash: hashAuditRow(fields) });
}

export type AuditVerification =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBadSeq: number; reason: 'edited' | 'inserted_or_deleted' };

/** Walks the chain in order and reports the first row whose hash or link does not match. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      if (row.prevHash !== prevHash) return { ok: false, checked, firstBadSeq: row.seq, reason: 'inserted_or_deleted' };
      const expected = hashAuditRow({
        tenantId: row.tenantId,
        at: row.at,
        actorUserId: row.actorUserId,
        actorName: row.actorName,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        unitId: row.unitId,
        before: row.before,
        after: row.after,
        requestId: row.requestId,
        prevHash: row.prevHash,
      });
      if (expected !== row.hash) return { ok: false, checked, firstBadSeq: row.seq, reason: 'edited' };
      prevHash = row.hash;
      lastSeq = row.seq;
      checked += 1;
    }
  }
}
