import { z } from 'zod';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';
import { tieGroupView } from '../dashboards/dashboards.schemas.js';
import { snapshotRowView } from '../snapshots/snapshots.schemas.js';

export const publicMovementParams = z.object({ id: z.uuid() });
export const publicRankingQuery = z.object({ periodId: z.uuid(), level: unitLevelSchema.default('commune'), groupId: z.uuid().optional() });
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
    periods: z.array(
      periodView.extend({
        reportingLevels: z.array(z.string()),
        frozenAt: z.string().describe('Thời điểm chốt xếp hạng'),
        publishedAt: z.string(),
        criteriaVersion: z.number().int(),
        levels: z.array(z.string()).describe('Các cấp có xếp hạng trong bản chốt'),
        groups: z.array(z.object({ id: z.string(), name: z.string() })).describe('Cụm, khối thi đua có xếp hạng trong bản chốt'),
        csvUrl: z.string(),
        jsonUrl: z.string(),
        groupsCsvUrl: z.string().nullable(),
        groupsJsonUrl: z.string().nullable(),
      }),
    ),
  }),
);
export const publicRankingView = z.object({
  movement: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: periodView,
  level: z.string(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  snapshot: z.object({ frozenAt: z.string(), publishedAt: z.string(), revision: z.number().int(), criteriaVersion: z.number().int() }),
  rows: z.array(snapshotRowView),
  ties: z.array(tieGroupView).describe('Các nhóm đồng hạng, mỗi nhóm một lần'),
});
export const publicSearchView = z.object({
  units: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), kindCode: z.string() })),
  movements: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), shortName: z.string() })),
});
