import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './common.js';
import { units } from './units.js';

/**
 * A unit's obligation with a due date ("Việc cần làm"): launch, register, report, review, answer a return, respond
 * to an inspection… Opened and closed by the areas that own the obligation, in the same transaction as the change.
 */
export const dueItems = pgTable(
  'due_items',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    movementId: uuid('movement_id'),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    link: text('link'),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    resolution: text('resolution'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('due_items_unit_status_idx').on(t.tenantId, t.unitId, t.status, t.dueDate), index('due_items_subject_idx').on(t.subjectType, t.subjectId)],
);
