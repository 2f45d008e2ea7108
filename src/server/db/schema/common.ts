import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table holding a province's data carries the tenant (province) key. */
export const tenantId = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
