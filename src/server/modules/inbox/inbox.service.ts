import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dueItems } from '../../db/schema/index.js';

/** Kinds of obligations that appear in a unit's inbox. */
export const dueKinds = [
  'launch',
  'register',
  'register_pilot',
  'registration_review',
  'report_submit',
  'report_resubmit',
  'report_review',
  'difficulty_answer',
  'inspection_response',
  'other',
] as const;
export type DueKind = (typeof dueKinds)[number];

export type OpenDueItemInput = {
  tenantId: string;
  unitId: string;
  movementId?: string | null;
  kind: DueKind;
  subjectType: string;
  subjectId: string;
  title: string;
  titleEn?: string | null;
  link?: string | null;
  dueDate: string;
  details?: Record<string, unknown>;
};

/**
 * Opens a due item for a unit, inside the caller's transaction. Idempotent: while an item of the same kind for the
 * same unit and subject is open, it is updated (title, due date) rather than duplicated. Returns its id.
 */
export async function openDueItem(tx: Tx, input: OpenDueItemInput): Promise<string> {
  const [existing] = await tx
    .select({ id: dueItems.id })
    .from(dueItems)
    .where(
      and(
        eq(dueItems.tenantId, input.tenantId),
        eq(dueItems.unitId, input.unitId),
        eq(dueItems.kind, input.kind),
        eq(dueItems.subjectType, input.subjectType),
        eq(dueItems.subjectId, input.subjectId),
        eq(dueItems.status, 'open'),
      ),
    )
    .for('update');
  if (existing) {
    await tx.update(dueItems).set({ title: input.title, titleEn: input.titleEn ?? null, dueDate: input.dueDate, link: input.link ?? null }).where(eq(dueItems.id, existing.id));
    return existing.id;
  }
  const id = randomUUID();
  await tx.insert(dueItems).values({
    id,
    tenantId: input.tenantId,
    unitId: input.unitId,
    movementId: input.movementId ?? null,
    kind: input.kind,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    title: input.title,
    titleEn: input.titleEn ?? null,
    link: input.link ?? null,
    dueDate: input.dueDate,
    details: input.details ?? {},
  });
  return id;
}

/** Closes the open due items of a subject (optionally only one kind / one unit). Returns how many were closed. */
export async function closeDueItems(
  tx: Tx,
  input: { tenantId: string; subjectType: string; subjectId: string; kind?: DueKind; unitId?: string; resolution: 'done' | 'cancelled' },
): Promise<number> {
  const conditions = [
    eq(dueItems.tenantId, input.tenantId),
    eq(dueItems.subjectType, input.subjectType),
    eq(dueItems.subjectId, input.subjectId),
    eq(dueItems.status, 'open'),
  ];
  if (input.kind) conditions.push(eq(dueItems.kind, input.kind));
  if (input.unitId) conditions.push(eq(dueItems.unitId, input.unitId));
  const closed = await tx
    .update(dueItems)
    .set({ status: 'closed', closedAt: sql`now()`, resolution: input.resolution })
    .where(and(...conditions))
    .returning({ id: dueItems.id });
  return closed.length;
}
