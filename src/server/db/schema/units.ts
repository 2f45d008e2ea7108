import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from './common.js';

/** Configurable catalogue of unit kinds; `level` maps a kind to the criteria level. */
export const unitKinds = pgTable(
  'unit_kinds',
  {
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    level: text('level').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

/**
 * A unit's identity over its whole life. Name and parent change over time and live in unit_versions;
 * an official code is unique only within a validity interval (codes are reused after mergers).
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    code: text('code'),
    kindCode: text('kind_code').notNull(),
    adminType: text('admin_type'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    isDemo: boolean('is_demo').notNull().default(false),
    note: text('note'),
    address: text('address'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    /** Accent-folded names of every version, for search (see src/core/text.ts). */
    searchText: text('search_text').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('units_tenant_code_idx').on(t.tenantId, t.code), index('units_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`)],
);

/** Name and parent of a unit for [validFrom, validTo). */
export const unitVersions = pgTable(
  'unit_versions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    parentId: uuid('parent_id').references(() => units.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('unit_versions_unit_idx').on(t.unitId, t.validFrom), index('unit_versions_parent_idx').on(t.parentId), index('unit_versions_tenant_idx').on(t.tenantId)],
);

/** Created, renamed, moved, merged into, split from, dissolved — with the legal basis. */
export const lineageEvents = pgTable(
  'lineage_events',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    type: text('type').notNull(),
    relatedUnitIds: uuid('related_unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    legalBasisNumber: text('legal_basis_number'),
    legalBasisDate: date('legal_basis_date', { mode: 'string' }),
    legalBasisTitle: text('legal_basis_title'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('lineage_unit_idx').on(t.unitId), index('lineage_related_idx').using('gin', t.relatedUnitIds)],
);

/** Emulation clusters and blocks (cụm, khối thi đua) and other groups. */
export const unitGroups = pgTable('unit_groups', {
  id: uuid('id').primaryKey(),
  tenantId: tenantId(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  description: text('description'),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
  rowVersion: integer('row_version').notNull().default(1),
  createdAt: createdAt(),
});

export const unitGroupMembers = pgTable(
  'unit_group_members',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => unitGroups.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    isLead: boolean('is_lead').notNull().default(false),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [index('group_members_group_idx').on(t.groupId), index('group_members_unit_idx').on(t.unitId)],
);

/**
 * One counter for the shape of every organisation tree: triggers on units, unit_versions and unit_kinds add one on
 * each statement that changes them, so a tree cached in the application is reused only while the counter is unchanged
 * (decision 0015). One row, id 1.
 */
export const orgTreeVersion = pgTable('org_tree_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
