import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './common.js';

/** A province (or centrally-run city) using the deployment. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});
