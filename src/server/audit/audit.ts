import { createHash } from 'node:crypto';
import { asc, count, desc, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { canonicalJson } from '../../core/canonical-json.js';
import { executeTogether, insertStatement, queryRows, type Db, type DbOrTx, type Statement, type Tx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { WriteContext } from '../auth/actor.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Advisory lock key held by the one sealer at work (transaction-scoped). */
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
 * The row is written unsealed (no lock, no read of the chain's tail), so concurrent writers never wait
 * on each other; `sealAuditChain` links committed rows into the hash chain shortly afterwards.
 */
export async function recordAudit(tx: Tx, ctx: WriteContext, entry: AuditEntry, tenantId?: string): Promise<void> {
  await executeTogether(tx, [auditStatement(ctx, entry, tenantId)]);
}

/**
 * The audit row's INSERT as a statement: `recordAudit` sends it alone; a hot path passes it to `executeTogether`
 * with the change's other writes (one round trip, same transaction).
 */
export function auditStatement(ctx: WriteContext, entry: AuditEntry, tenantId?: string): Statement {
  return insertStatement(auditLog, {
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
  });
}

type AuditRowRead = typeof auditLog.$inferSelect;

function hashedFieldsOf(row: AuditRowRead, prevHash: string): HashedFields {
  return {
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
    prevHash,
  };
}

/**
 * Links committed, not yet sealed rows into the hash chain, in the order the sealer sees them committed
 * (by `seq` among the visible ones), assigning consecutive chain positions. One sealer at a time across
 * connections and instances (transaction-scoped advisory lock); with `wait: false` a sealer that finds the
 * lock taken returns at once, since the holder is already doing the work. Returns the number of rows sealed.
 */
export async function sealAuditChain(db: Db, options: { wait?: boolean; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      if (options.wait === false) {
        const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${CHAIN_LOCK}) as ok`);
        if (!lock?.ok) return -1;
      } else {
        await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      }
      const pending = await tx.select().from(auditLog).where(isNull(auditLog.chainPos)).orderBy(asc(auditLog.seq)).limit(batchSize);
      if (pending.length === 0) return 0;
      const [tail] = await tx
        .select({ chainPos: auditLog.chainPos, hash: auditLog.hash })
        .from(auditLog)
        .where(isNotNull(auditLog.chainPos))
        .orderBy(desc(auditLog.chainPos))
        .limit(1);
      let pos = tail?.chainPos ?? 0;
      let prevHash = tail?.hash ?? GENESIS_HASH;
      // The links go as four arrays (one parameter each), whatever the batch's size.
      const seqs: string[] = [];
      const positions: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        pos += 1;
        const hash = hashAuditRow(hashedFieldsOf(row, prevHash));
        seqs.push(String(row.seq));
        positions.push(pos);
        prevs.push(prevHash);
        hashes.push(hash);
        prevHash = hash;
      }
      await tx.execute(sql`
        update audit_log set chain_pos = v.pos, prev_hash = v.prev, hash = v.hash
        from unnest(${sql.param(seqs)}::bigint[], ${sql.param(positions)}::bigint[], ${sql.param(prevs)}::text[], ${sql.param(hashes)}::text[]) as v(seq, pos, prev, hash)
        where audit_log.seq = v.seq`);
      return pending.length;
    });
    if (n <= 0) return sealed;
    sealed += n;
    if (n < batchSize) return sealed;
  }
}

/** Seals on an interval until stopped (every app instance runs one; the advisory lock lets one work at a time). */
export function startAuditSealer(db: Db, intervalMs: number, onError: (error: unknown) => void): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? 0 : sealAuditChain(db, { wait: false }))).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      // Seal what the last requests wrote, so a clean shutdown leaves nothing pending.
      await sealAuditChain(db).catch(onError);
    },
  };
}

export type AuditVerification =
  { ok: true; checked: number; pending: number } | { ok: false; checked: number; pending: number; firstBadSeq: number; reason: 'edited' | 'inserted_or_deleted' };

/**
 * Walks the sealed chain in chain order and reports the first row whose hash or link does not match.
 * Rows not yet sealed are counted as pending (the sealer links them within a second or so).
 */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<AuditVerification> {
  const [{ pending } = { pending: 0 }] = await db.select({ pending: count() }).from(auditLog).where(isNull(auditLog.chainPos));
  let prevHash = GENESIS_HASH;
  let lastPos = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.chainPos, lastPos)).orderBy(asc(auditLog.chainPos)).limit(batchSize);
    if (rows.length === 0) return { ok: true, checked, pending };
    for (const row of rows) {
      if (row.prevHash !== prevHash || row.chainPos !== lastPos + 1) return { ok: false, checked, pending, firstBadSeq: row.seq, reason: 'inserted_or_deleted' };
      if (hashAuditRow(hashedFieldsOf(row, prevHash)) !== row.hash) return { ok: false, checked, pending, firstBadSeq: row.seq, reason: 'edited' };
      prevHash = row.hash;
      lastPos = row.chainPos;
      checked += 1;
    }
  }
}
