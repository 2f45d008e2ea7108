import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import { codeString, unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';
import { cutoffRules, frequencies, periodStatuses } from '../../../core/reports/periods.js';

const uuid = z.string().uuid();
const days = z.number().int().min(0).max(366);

export const idParams = z.object({ id: uuid }).strict();

export const reviewerRuleSchema = z.enum(['parent_district', 'standing_agency']);
export const scheduleSchema = z.object({ openDaysBeforeEnd: days, dueDaysAfterEnd: days, closeDaysAfterDue: days, lockDaysAfterClose: days }).strict();

/** Fields of a report regime (Decree 09/2019 art. 7). */
export const createRegimeBody = z
  .object({
    code: codeString,
    name: z.string().trim().min(1).max(500),
    content: z.string().trim().min(1).max(10_000),
    criteriaSetId: uuid,
    movementId: uuid.optional(),
    reportingLevels: z.array(unitLevelSchema).min(1),
    rootUnitId: uuid.nullable().optional(),
    receivingUnitName: z.string().trim().min(1).max(500),
    frequency: z.enum(frequencies),
    cutoffRule: z.enum(cutoffRules).default('decree_09'),
    schedule: scheduleSchema.optional(),
    method: z.string().trim().min(1).max(1000),
    /** Reviewer per reporting level; default commune → its district, others → the standing agency. */
    reviewerRules: z.partialRecord(unitLevelSchema, reviewerRuleSchema).optional(),
  })
  .strict();
export type CreateRegimeInput = z.infer<typeof createRegimeBody>;

export const regimeView = z.object({
  id: uuid,
  code: z.string(),
  name: z.string(),
  content: z.string(),
  criteriaSetId: uuid,
  movementId: uuid.nullable(),
  reportingLevels: z.array(z.string()),
  rootUnitId: uuid.nullable(),
  receivingUnitName: z.string(),
  frequency: z.enum(frequencies),
  cutoffRule: z.enum(cutoffRules),
  schedule: scheduleSchema,
  method: z.string(),
  reviewerRules: z.record(z.string(), z.string()),
  isDemo: z.boolean(),
  rowVersion: z.number().int(),
  abilities: z.object({ canManage: z.boolean() }),
});
export type RegimeView = z.infer<typeof regimeView>;

export const createPeriodsBody = z.union([
  z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
  z
    .object({
      custom: z
        .object({
          code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
          label: z.string().trim().min(1).max(200),
          startDate: isoDate,
          endDate: isoDate,
          opensOn: isoDate,
          dueDate: isoDate,
          closesOn: isoDate,
          locksOn: isoDate,
        })
        .strict(),
    })
    .strict(),
]);
export type CreatePeriodsInput = z.infer<typeof createPeriodsBody>;

export const periodView = z.object({
  id: uuid,
  regimeId: uuid,
  regimeName: z.string(),
  code: z.string(),
  label: z.string(),
  kind: z.string(),
  startDate: z.string().describe('Data cut-off: first day'),
  endDate: z.string().describe('Data cut-off: last day'),
  opensOn: z.string(),
  dueDate: z.string(),
  closesOn: z.string(),
  locksOn: z.string(),
  status: z.enum(periodStatuses),
  criteriaSetVersionId: uuid,
  isDemo: z.boolean(),
  abilities: z.object({ canOpen: z.boolean() }),
});
export type PeriodView = z.infer<typeof periodView>;

export const listPeriodsQuery = z.object({ regimeId: uuid.optional(), status: z.enum(periodStatuses).optional() }).strict();
