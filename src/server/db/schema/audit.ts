import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail. Rows are written in the business transaction without a hash; a sealer then
 * links them into a hash chain in commit order (`chain_pos`), each row storing the previous row's hash,
 * so `thidua audit verify` finds the first edited, inserted or deleted sealed row (decision 0005).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    unitId: uuid('unit_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** Position in the hash chain, assigned when the row is sealed; null while pending. */
    chainPos: bigint('chain_pos', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_tenant_at_idx').on(t.tenantId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_unit_idx').on(t.unitId),
    index('audit_actor_idx').on(t.actorUserId),
    uniqueIndex('audit_chain_pos_idx').on(t.chainPos),
    index('audit_unsealed_idx')
      .on(t.seq)
      .where(sql`${t.chainPos} is null`),
  ],
);
