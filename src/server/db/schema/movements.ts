import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from './common.js';
import { units } from './units.js';
import { users } from './identity.js';

/**
 * A movement (phong trào thi đua). Descriptive parts of the package (purposes, content areas, sectors, award forms,
 * responsibilities) are kept as JSON as written; the parts other areas act on (phases, milestones, agencies,
 * criteria versions) have tables of their own.
 */
export const movements = pgTable(
  'movements',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    status: text('status').notNull().default('draft'),
    description: text('description').notNull(),
    purposes: text('purposes').notNull(),
    requirements: text('requirements').notNull(),
    issuingDocument: jsonb('issuing_document').notNull(),
    legalBases: jsonb('legal_bases').notNull(),
    participantKinds: jsonb('participant_kinds').notNull(),
    contentAreas: jsonb('content_areas').notNull(),
    prioritySectors: jsonb('priority_sectors').notNull(),
    awardForms: jsonb('award_forms').notNull(),
    responsibilities: jsonb('responsibilities').notNull(),
    rowVersion: integer('row_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('movements_tenant_code_idx').on(t.tenantId, t.code)],
);

export const movementPhases = pgTable(
  'movement_phases',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('movement_phases_movement_idx').on(t.movementId)],
);

export const movementMilestones = pgTable(
  'movement_milestones',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    phaseCode: text('phase_code').notNull(),
    appliesTo: text('applies_to').array().notNull(),
    obligation: text('obligation').notNull(),
    target: text('target'),
    description: text('description').notNull(),
    source: text('source'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('movement_milestones_movement_idx').on(t.movementId, t.deadline)],
);

/** Standing agency, coordinating agency, awards board, council — a role that moves between units over time. */
export const movementAgencies = pgTable(
  'movement_agencies',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    unitName: text('unit_name').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    note: text('note').notNull().default(''),
    source: text('source'),
  },
  (t) => [index('movement_agencies_movement_idx').on(t.movementId)],
);

export const criteriaSets = pgTable(
  'criteria_sets',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    movementId: uuid('movement_id')
      .notNull()
      .references(() => movements.id),
    code: text('code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('criteria_sets_movement_code_idx').on(t.movementId, t.code)],
);

/**
 * One version of a criteria set. Draft versions can be edited; a version freezes when it is published or when the
 * first reporting period using it opens, and is never edited again: an amendment is a new version.
 */
export const criteriaSetVersions = pgTable(
  'criteria_set_versions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    criteriaSetId: uuid('criteria_set_id')
      .notNull()
      .references(() => criteriaSets.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    legalBasis: jsonb('legal_basis').notNull(),
    status: text('status').notNull().default('draft'),
    frozenAt: timestamp('frozen_at', { withTimezone: true, mode: 'date' }),
    frozenReason: text('frozen_reason'),
    definition: jsonb('definition').notNull(),
    basedOnVersionId: uuid('based_on_version_id'),
    rowVersion: integer('row_version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('criteria_set_versions_set_version_idx').on(t.criteriaSetId, t.version)],
);

/** A stored evaluation of a unit against one criteria version (reports will add theirs in the same shape). */
export const criteriaEvaluations = pgTable(
  'criteria_evaluations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    criteriaSetVersionId: uuid('criteria_set_version_id')
      .notNull()
      .references(() => criteriaSetVersions.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    periodLabel: text('period_label').notNull(),
    level: text('level').notNull(),
    input: jsonb('input').notNull(),
    result: jsonb('result').notNull(),
    // Copies of three result fields the ranking reads for every unit of a period: reading them does not open the JSON.
    totalPoints: text('total_points').generatedAlwaysAs(sql`result->>'totalPoints'`),
    shareMet: text('share_met').generatedAlwaysAs(sql`result->>'shareMet'`),
    classificationLabel: text('classification_label').generatedAlwaysAs(sql`result->'classification'->>'label'`),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    evaluatedBy: uuid('evaluated_by').references(() => users.id),
  },
  (t) => [index('criteria_evaluations_version_idx').on(t.criteriaSetVersionId), index('criteria_evaluations_unit_idx').on(t.unitId)],
);
