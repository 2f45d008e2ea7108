import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { bandSchema, codeString, criteriaSetVersionSchema, dataElementSchema, targetSchema, unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';
import { documentRefSchema } from '../../../core/movement-package/movement-package.schemas.js';

/**
 * Request and response contracts of the criteria area. The definition itself is the shared
 * `criteriaSetVersionSchema` (src/core/criteria); on the way in it is checked by `validateCriteriaSet`, which lists
 * every problem at once (shape and meaning), so request bodies take it as `unknown` here.
 */

export const idParams = z.object({ id: z.string().uuid() }).strict();

const uuid = z.string().uuid();
const rowVersion = z.number().int().min(1);

/** A criteria set version definition (CriteriaSetVersion); validated by validateCriteriaSet. */
const definitionInput = z.unknown().describe('CriteriaSetVersion: { dataElements, contentAreas, criteria, bands } (src/core/criteria/criteria.schemas.ts)');

export const versionStatus = z.enum(['draft', 'frozen']);
export type VersionStatus = z.infer<typeof versionStatus>;

export const legalBasisView = documentRefSchema;

export const versionSummaryView = z.object({
  id: uuid,
  version: z.number().int(),
  effectiveFrom: z.string(),
  legalBasis: legalBasisView,
  status: versionStatus,
  frozenAt: z.string().nullable(),
  frozenReason: z.string().nullable(),
  createdAt: z.string(),
  /** Version number this one was copied from (amendments); null for the first. */
  basedOnVersion: z.number().int().nullable(),
});
export type VersionSummaryView = z.infer<typeof versionSummaryView>;

export const criteriaSetView = z.object({
  id: uuid,
  code: z.string(),
  movementId: uuid,
  versions: z.array(versionSummaryView),
});
export type CriteriaSetView = z.infer<typeof criteriaSetView>;

export const versionView = z.object({
  id: uuid,
  criteriaSetId: uuid,
  criteriaSetCode: z.string(),
  movementId: uuid,
  version: z.number().int(),
  status: versionStatus,
  effectiveFrom: z.string(),
  legalBasis: legalBasisView,
  frozenAt: z.string().nullable(),
  frozenReason: z.string().nullable(),
  basedOnVersionId: uuid.nullable(),
  definition: criteriaSetVersionSchema,
  rowVersion: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    /** Edit this version: a draft, and the actor holds criteria.manage. */
    canEdit: z.boolean(),
    /** Freeze it: a draft, and criteria.manage. */
    canFreeze: z.boolean(),
    /** Create an amendment based on it: criteria.manage. */
    canAmend: z.boolean(),
  }),
});
export type VersionView = z.infer<typeof versionView>;

export const updateVersionBody = z
  .object({
    rowVersion,
    effectiveFrom: isoDate.optional(),
    legalBasis: documentRefSchema.optional(),
    definition: definitionInput,
  })
  .strict();
export type UpdateVersionInput = z.infer<typeof updateVersionBody>;

export const createVersionBody = z
  .object({
    basedOnVersionId: uuid,
    effectiveFrom: isoDate,
    legalBasis: documentRefSchema.extend({ date: isoDate }).strict(),
  })
  .strict();
export type CreateVersionInput = z.infer<typeof createVersionBody>;

export const freezeBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const diffQuery = z.object({ from: uuid, to: uuid }).strict();

export const changeView = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  label: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const diffView = z.object({
  from: z.object({ id: uuid, version: z.number().int() }),
  to: z.object({ id: uuid, version: z.number().int() }),
  changes: z.array(changeView),
});

export const validateExpressionBody = z
  .object({
    expression: z.string().max(2000),
    dataElements: z.array(dataElementSchema).max(1000),
    expect: z.enum(['number', 'boolean']),
  })
  .strict();

export const expressionErrorView = z.object({ position: z.number().int(), message: z.string(), messageEn: z.string() });
export const validateExpressionView = z.object({
  ok: z.boolean(),
  errors: z.array(expressionErrorView),
  /** Data element codes the expression refers to, in order of first use (empty on a syntax error). */
  references: z.array(z.string()),
  /** The expression's type when it is valid. */
  type: z.enum(['number', 'boolean']).nullable(),
});

/**
 * Data values by data element code: decimal strings ("59.99"), true/false for yes/no elements, null when there is no
 * value yet; checked against the elements' types and bounds by the service.
 */
export const dataValues = z.record(z.string().max(64), z.union([z.string().max(100), z.boolean(), z.null()]));
export type DataValuesInput = z.infer<typeof dataValues>;

export const memberInput = z
  .object({
    name: z.string().trim().min(1).max(500),
    level: unitLevelSchema,
    values: dataValues,
  })
  .strict();
export type MemberInput = z.infer<typeof memberInput>;

const scoringInput = {
  values: dataValues,
  /** Qualitative criteria: criterion code → scale level code. */
  judgements: z.record(z.string().max(64), z.string().max(64)).optional(),
  /** Member units, for group criteria. */
  members: z.array(memberInput).max(2000).optional(),
};

export const dryRunBody = z.object({ level: unitLevelSchema, ...scoringInput }).strict();
export type DryRunInput = z.infer<typeof dryRunBody>;

export const definitionDryRunBody = z.object({ definition: definitionInput, level: unitLevelSchema, ...scoringInput }).strict();
export type DefinitionDryRunInput = z.infer<typeof definitionDryRunBody>;

export const evaluationBody = z
  .object({
    unitId: uuid,
    periodLabel: z.string().trim().min(1).max(100),
    ...scoringInput,
  })
  .strict();
export type EvaluationInput = z.infer<typeof evaluationBody>;

const memberOutcomeView = z.object({
  unitId: z.string(),
  name: z.string(),
  status: z.enum(['met', 'not_met', 'missing', 'not_applicable']),
  missingCodes: z.array(z.string()),
});

export const criterionScoreView = z.object({
  code: codeString,
  kind: z.enum(['ratio', 'value', 'qualitative', 'group']),
  status: z.enum(['met', 'not_met', 'not_applicable', 'awaiting_data', 'awaiting_review']),
  value: z.string().nullable(),
  displayValue: z.string().nullable(),
  displayValueEn: z.string().nullable(),
  target: targetSchema.nullable(),
  points: z.string(),
  maxPoints: z.string(),
  explanation: z.string(),
  explanationEn: z.string(),
  missingCodes: z.array(z.string()),
  judgement: z.string().optional(),
  members: z.array(memberOutcomeView).optional(),
});

/** The scoring engine's UnitScore (src/core/scoring/engine.ts). */
export const unitScoreView = z.object({
  totalPoints: z.string(),
  maxPoints: z.string(),
  metCount: z.number().int(),
  applicableCount: z.number().int(),
  awaitingCount: z.number().int(),
  shareMet: z.string().nullable(),
  shareMetDisplay: z.string().nullable(),
  shareMetDisplayEn: z.string().nullable(),
  classification: bandSchema.nullable(),
  criteria: z.array(criterionScoreView),
});

export const evaluationView = z.object({
  id: uuid,
  criteriaSetVersionId: uuid,
  version: z.number().int(),
  unitId: uuid,
  unitName: z.string().nullable(),
  periodLabel: z.string(),
  level: unitLevelSchema,
  input: z.object({
    values: dataValues,
    judgements: z.record(z.string(), z.string()).optional(),
    members: z.array(memberInput).optional(),
  }),
  result: unitScoreView,
  evaluatedAt: z.string(),
  evaluatedBy: uuid.nullable(),
});
export type EvaluationView = z.infer<typeof evaluationView>;
