import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.js';
import { difficulties } from '../../db/schema/index.js';
import type { Scope } from '../../auth/actor.js';
import { scopeWhere } from '../../auth/access.js';

export type DifficultyRow = typeof difficulties.$inferSelect;

export function findDifficulty(db: DbOrTx, tenantId: string, id: string) {
  return db
    .select()
    .from(difficulties)
    .where(and(eq(difficulties.tenantId, tenantId), eq(difficulties.id, id)))
    .then((r) => r[0] ?? null);
}

export function lockDifficulty(tx: Tx, tenantId: string, id: string) {
  return tx
    .select()
    .from(difficulties)
    .where(and(eq(difficulties.tenantId, tenantId), eq(difficulties.id, id)))
    .for('update')
    .then((r) => r[0] ?? null);
}

export function findDifficulties(db: DbOrTx, tenantId: string, scope: Scope, filter: { status?: string; unitId?: string; movementId?: string; kind?: string }) {
  const conditions: SQL[] = [eq(difficulties.tenantId, tenantId), scopeWhere(difficulties.unitId, scope)];
  if (filter.status) conditions.push(eq(difficulties.status, filter.status));
  if (filter.unitId) conditions.push(eq(difficulties.unitId, filter.unitId));
  if (filter.movementId) conditions.push(eq(difficulties.movementId, filter.movementId));
  if (filter.kind) conditions.push(eq(difficulties.kind, filter.kind));
  return db
    .select()
    .from(difficulties)
    .where(and(...conditions))
    .orderBy(desc(difficulties.createdAt), desc(difficulties.id));
}

export async function insertDifficulty(tx: Tx, row: typeof difficulties.$inferInsert): Promise<DifficultyRow> {
  const [inserted] = await tx.insert(difficulties).values(row).returning();
  return inserted!;
}

export async function updateDifficultyRow(tx: Tx, id: string, values: Partial<typeof difficulties.$inferInsert>): Promise<DifficultyRow> {
  const [row] = await tx.update(difficulties).set(values).where(eq(difficulties.id, id)).returning();
  return row!;
}
