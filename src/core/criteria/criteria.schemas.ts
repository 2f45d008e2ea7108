import { z } from 'zod';
import type { MessageKey } from '../i18n/messages';

/**
 * Contracts for data elements, criteria and versioned criteria sets.
 * Shared by the scoring engine (src/core/scoring), the movement package format,
 * the server routes and the web forms. Decimal quantities travel as strings so
 * that no binary floating point touches a boundary (see docs/decisions).
 */

/** A decimal number written as a string: "90", "59.99", "-1.5". */
export const decimalString = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, { message: 'validation.decimal' satisfies MessageKey });

/** Stable machine code: lower snake case, e.g. records_online. */
export const codeString = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: 'validation.code' satisfies MessageKey });

/** Levels at which targets differ (plan IV.1). Unit kinds map to a level through the kind catalogue. */
export const unitLevels = ['province', 'department', 'district', 'commune', 'enterprise', 'university', 'individual', 'other'] as const;
export const unitLevelSchema = z.enum(unitLevels);
export type UnitLevel = z.infer<typeof unitLevelSchema>;

export const valueTypes = ['integer', 'decimal', 'percentage', 'boolean', 'text', 'date'] as const;
export const valueTypeSchema = z.enum(valueTypes);
export type ValueType = z.infer<typeof valueTypeSchema>;

export const aggregations = ['sum', 'average', 'count_true', 'none'] as const;
export const aggregationSchema = z.enum(aggregations);
export type Aggregation = z.infer<typeof aggregationSchema>;

export const dataElementSchema = z
  .object({
    code: codeString,
    name: z.string().min(1).max(500),
    valueType: valueTypeSchema,
    unitOfMeasure: z.string().max(50).optional(),
    help: z.string().max(2000).optional(),
    aggregation: aggregationSchema,
    min: decimalString.optional(),
    max: decimalString.optional(),
  })
  .strict();
export type DataElement = z.infer<typeof dataElementSchema>;

export const comparators = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;
export const comparatorSchema = z.enum(comparators);
export type Comparator = z.infer<typeof comparatorSchema>;

/** Target for one level: "value ≥ 90". For yes/no criteria the threshold is "1" (yes). */
export const targetSchema = z
  .object({
    level: unitLevelSchema,
    comparator: comparatorSchema,
    threshold: decimalString,
    /** Points awarded when met at this level; defaults to the criterion's points. */
    points: decimalString.optional(),
  })
  .strict();
export type Target = z.infer<typeof targetSchema>;

export const evidenceRequirements = ['none', 'document', 'file', 'document_or_file'] as const;
export const evidenceRequirementSchema = z.enum(evidenceRequirements);
export type EvidenceRequirement = z.infer<typeof evidenceRequirementSchema>;

const criterionBase = {
  code: codeString,
  title: z.string().min(1).max(1000),
  contentArea: codeString,
  /** Levels the criterion applies to; a unit at another level gets "not applicable". */
  levels: z.array(unitLevelSchema).min(1),
  targets: z.array(targetSchema),
  /** Maximum points when met (used when the target has no points of its own). */
  points: decimalString,
  evidence: evidenceRequirementSchema,
  help: z.string().max(4000).optional(),
  /** Reference to the plan's paragraph, e.g. "IV.1.a". */
  source: z.string().max(200).optional(),
};

export const ratioCriterionSchema = z
  .object({
    ...criterionBase,
    kind: z.literal('ratio'),
    /** Expressions over data elements, e.g. "#{records_online}" and "#{records_total} - #{records_secret}". */
    numerator: z.string().min(1).max(2000),
    denominator: z.string().min(1).max(2000),
    /** percentage: value = numerator / denominator × 100. */
    display: z.enum(['percentage', 'ratio']),
  })
  .strict();

export const valueCriterionSchema = z
  .object({
    ...criterionBase,
    kind: z.literal('value'),
    /** Expression giving a number, a percentage or a yes/no (1/0). */
    expression: z.string().min(1).max(2000),
    display: z.enum(['number', 'percentage', 'boolean']),
  })
  .strict();

export const qualitativeLevelSchema = z
  .object({
    code: codeString,
    label: z.string().min(1).max(200),
    /** Whether a judgement at this level counts as meeting the criterion. */
    meets: z.boolean(),
    /** Share of the criterion's points awarded, "0" to "1". */
    pointsShare: decimalString,
  })
  .strict();
export type QualitativeLevel = z.infer<typeof qualitativeLevelSchema>;

export const qualitativeCriterionSchema = z
  .object({
    ...criterionBase,
    kind: z.literal('qualitative'),
    scale: z.array(qualitativeLevelSchema).min(2),
  })
  .strict();

export const groupCriterionSchema = z
  .object({
    ...criterionBase,
    kind: z.literal('group'),
    /** Level of the member units evaluated, e.g. department. */
    memberLevel: unitLevelSchema,
    /** Yes/no expression evaluated on each member's data, e.g. "#{lgsp_shared_db_connected}". */
    memberCondition: z.string().min(1).max(2000),
  })
  .strict();

export const criterionSchema = z.discriminatedUnion('kind', [ratioCriterionSchema, valueCriterionSchema, qualitativeCriterionSchema, groupCriterionSchema]);
export type Criterion = z.infer<typeof criterionSchema>;
export type CriterionKind = Criterion['kind'];

/** Classification band: a unit whose share of criteria met (percent) is ≥ minShareMet gets this label. */
export const bandSchema = z
  .object({
    code: codeString,
    label: z.string().min(1).max(200),
    minShareMet: decimalString,
  })
  .strict();
export type Band = z.infer<typeof bandSchema>;

export const contentAreaSchema = z
  .object({
    code: codeString,
    title: z.string().min(1).max(1000),
    order: z.number().int().min(0),
  })
  .strict();
export type ContentArea = z.infer<typeof contentAreaSchema>;

/** One version of a criteria set: what the scoring engine needs, nothing more. */
export const criteriaSetVersionSchema = z
  .object({
    dataElements: z.array(dataElementSchema),
    contentAreas: z.array(contentAreaSchema),
    criteria: z.array(criterionSchema),
    bands: z.array(bandSchema),
  })
  .strict();
export type CriteriaSetVersion = z.infer<typeof criteriaSetVersionSchema>;
