import { z } from 'zod';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';
import { rankingRow } from '../dashboards/dashboards.schemas.js';

export const publicMovementParams = z.object({ id: z.uuid() });
export const publicRankingQuery = z.object({ periodId: z.uuid(), level: unitLevelSchema.default('commune') });
export const publicSearchQuery = z.object({ q: z.string().max(200) });
export const datasetParams = z.object({ movementCode: z.string().min(1).max(100), file: z.string().min(1).max(120) });

const periodView = z.object({ id: z.string(), code: z.string(), label: z.string(), startDate: z.string(), endDate: z.string(), dueDate: z.string(), status: z.string() });

export const publicMovementsView = z.array(
  z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    shortName: z.string(),
    status: z.string(),
    description: z.string(),
    periods: z.array(periodView.extend({ reportingLevels: z.array(z.string()), csvUrl: z.string(), jsonUrl: z.string() })),
  }),
);
export const publicRankingView = z.object({
  movement: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: periodView,
  level: z.string(),
  rows: z.array(rankingRow),
});
export const publicSearchView = z.object({
  units: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), kindCode: z.string() })),
  movements: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), shortName: z.string() })),
});
