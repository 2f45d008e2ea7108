import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { auditLog } from '../db/schema/index.js';
import { queryRows, type DatabaseHandle } from '../db/client.js';
import { createTestDatabase, testEngine } from '../../../tests/helpers/test-db.js';
import { recordAudit, sealAuditChain, verifyAuditChain } from './audit.js';

let handle: DatabaseHandle;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ handle, drop } = await createTestDatabase());
});
afterAll(async () => drop?.());

const ctx = { actor: null, requestId: 'test', actorName: 'test' };

async function writeOne(label: string): Promise<void> {
  await handle.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, { action: 'test.write', entityType: 'test', entityId: label, after: { label, tên: 'Hải Dương' } });
  });
}

async function positions(): Promise<number[]> {
  const rows = await handle.db.select({ pos: auditLog.chainPos }).from(auditLog).orderBy(asc(auditLog.chainPos));
  return rows.map((r) => r.pos ?? -1);
}

describe('audit chain sealed after commit', () => {
  it('writes rows unsealed, then links every committed row once, in one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => writeOne(`w${i}`)));
    // A rolled-back write leaves no row (and a gap in seq, not in the chain).
    await expect(
      handle.db.transaction(async (tx) => {
        await recordAudit(tx, ctx, { action: 'test.rolled_back', entityType: 'test', entityId: 'x' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const before = await verifyAuditChain(handle.db);
    expect(before).toEqual({ ok: true, checked: 0, pending: 40 });

    expect(await sealAuditChain(handle.db, { batchSize: 7 })).toBe(40);
    expect(await sealAuditChain(handle.db)).toBe(0);
    expect(await positions()).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 40, pending: 0 });

    await Promise.all(Array.from({ length: 10 }, (_, i) => writeOne(`later${i}`)));
    expect(await sealAuditChain(handle.db)).toBe(10);
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, checked: 50, pending: 0 });
  });

  it('detects an edited sealed row and a deleted one, and a row taken out of the chain', async () => {
    const [row] = await handle.db.select().from(auditLog).where(eq(auditLog.chainPos, 5));
    await handle.db
      .update(auditLog)
      .set({ after: { label: 'sửa tay' } })
      .where(eq(auditLog.seq, row!.seq));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, firstBadSeq: row!.seq, reason: 'edited', checked: 4 });
    await handle.db.update(auditLog).set({ after: row!.after }).where(eq(auditLog.seq, row!.seq));
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);

    // Un-sealing a row (to edit it and let the sealer re-link it) breaks its successor's link.
    await handle.db.update(auditLog).set({ chainPos: null }).where(eq(auditLog.seq, row!.seq));
    const [next] = await handle.db.select().from(auditLog).where(eq(auditLog.chainPos, 6));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, firstBadSeq: next!.seq, reason: 'inserted_or_deleted', pending: 1 });
    await handle.db.update(auditLog).set({ chainPos: 5 }).where(eq(auditLog.seq, row!.seq));
    expect((await verifyAuditChain(handle.db)).ok).toBe(true);

    await handle.db.delete(auditLog).where(eq(auditLog.seq, row!.seq));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: false, firstBadSeq: next!.seq, reason: 'inserted_or_deleted' });
  });
});

describe.skipIf(testEngine() !== 'postgres')('audit sealing across connections (PostgreSQL)', () => {
  let other: DatabaseHandle;
  let dropOther: () => Promise<void>;
  beforeAll(async () => {
    ({ handle: other, drop: dropOther } = await createTestDatabase());
  });
  afterAll(async () => dropOther?.());

  it('seals a row whose transaction commits after later rows were sealed, after them, keeping the chain whole', async () => {
    const db = other.db;
    let releaseSlow!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
    let slowWrote!: () => void;
    const slowHasWritten = new Promise<void>((resolve) => (slowWrote = resolve));
    const slow = db.transaction(async (tx) => {
      await recordAudit(tx, ctx, { action: 'test.slow', entityType: 'test', entityId: 'slow' });
      slowWrote();
      await slowMayCommit;
    });
    await slowHasWritten;
    for (let i = 0; i < 5; i += 1) {
      await db.transaction(async (tx) => recordAudit(tx, ctx, { action: 'test.fast', entityType: 'test', entityId: `fast${i}` }));
    }
    expect(await sealAuditChain(db)).toBe(5);
    releaseSlow();
    await slow;
    expect(await sealAuditChain(db)).toBe(1);
    const [slowRow] = await db.select().from(auditLog).where(eq(auditLog.entityId, 'slow'));
    // Lowest seq, last in the chain: chain order is the order rows became visible.
    expect(slowRow!.chainPos).toBe(6);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 6, pending: 0 });
  });

  it('lets many writers and several sealers run at once without a duplicate or a missing link', async () => {
    const db = other.db;
    const writers = Array.from({ length: 200 }, (_, i) =>
      db.transaction(async (tx) => recordAudit(tx, ctx, { action: 'test.burst', entityType: 'test', entityId: randomUUID(), after: { i } })),
    );
    const sealers = Array.from({ length: 6 }, () => sealAuditChain(db, { wait: false, batchSize: 25 }));
    await Promise.all([...writers, ...sealers]);
    await sealAuditChain(db);
    const pending = await db.select({ seq: auditLog.seq }).from(auditLog).where(isNull(auditLog.chainPos));
    expect(pending).toEqual([]);
    const [totals] = await queryRows<{ n: number; maxPos: number }>(db, sql`select count(*)::int as n, max(chain_pos)::int as "maxPos" from audit_log`);
    expect(totals!.maxPos).toBe(totals!.n);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 206, pending: 0 });
  });
});
