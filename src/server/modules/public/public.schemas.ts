import { z } from 'zod';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';
import { tieGroupView } from '../dashboards/dashboards.schemas.js';
import { snapshotRowView } from '../snapshots/snapshots.schemas.js';

/** A ranked unit in the public list: the snapshot row without its criteria (the unit route has them). */
export const publicRankingRowView = snapshotRowView.omit({ criteria: true });

export const publicMovementParams = z.object({ id: z.uuid() });
export const publicRankingScopeQuery = z.object({ periodId: z.uuid(), level: unitLevelSchema.default('commune'), groupId: z.uuid().optional() });
export const PUBLIC_RANKING_MAX_LIMIT = 200;
export const publicRankingQuery = publicRankingScopeQuery.extend({
  limit: z.coerce.number().int().min(1).max(PUBLIC_RANKING_MAX_LIMIT).default(50).describe('Số đơn vị mỗi trang (1–200, mặc định 50)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Bỏ qua bấy nhiêu đơn vị đầu (mặc định 0)'),
  q: z.string().trim().max(100).optional().describe('Lọc theo tên hoặc mã đơn vị, có dấu hoặc không dấu'),
});
export type PublicRankingQuery = z.infer<typeof publicRankingQuery>;
export const publicMapQuery = z.object({
  periodId: z.uuid(),
  level: unitLevelSchema.default('commune'),
  criterion: z.string().trim().min(1).max(100).optional().describe('Mã tiêu chí; mặc định: tiêu chí đầu tiên của cấp'),
});
export const publicRankingUnitParams = z.object({ id: z.uuid(), unitId: z.uuid() });
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
        correction: z
          .object({ reason: z.string(), correctedPublishedAt: z.string().nullable() })
          .nullable()
          .describe('Đính chính: lý do, và thời điểm công bố của bản bị thay thế; null nếu là bản công bố đầu tiên'),
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
const rankingHeader = {
  movement: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: periodView,
  level: z.string(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  snapshot: z.object({
    frozenAt: z.string(),
    publishedAt: z.string(),
    revision: z.number().int(),
    criteriaVersion: z.number().int(),
    correction: z
      .object({ reason: z.string(), correctedPublishedAt: z.string().nullable() })
      .nullable()
      .describe('Đính chính: lý do, và thời điểm công bố của bản bị thay thế; null nếu là bản công bố đầu tiên'),
  }),
};
export const publicRankingView = z.object({
  ...rankingHeader,
  total: z.number().int().describe('Số đơn vị trong phạm vi (sau bộ lọc q)'),
  limit: z.number().int(),
  offset: z.number().int(),
  rows: z.array(publicRankingRowView).describe('Các đơn vị của trang, theo thứ tự xếp hạng'),
  ties: z.array(tieGroupView).describe('Các nhóm đồng hạng có mặt trên trang, mỗi nhóm một lần, tính trên toàn phạm vi'),
});
export const publicRankingUnitView = z.object({
  ...rankingHeader,
  row: publicRankingRowView.extend({ scopeTotal: z.number().int().describe('Số đơn vị trong phạm vi') }),
  criteria: z
    .array(z.object({ code: z.string(), title: z.string(), status: z.string(), value: z.string().nullable(), displayValue: z.string().nullable() }))
    .describe('Kết quả từng tiêu chí trong bản chốt'),
});
export const publicSearchView = z.object({
  units: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), kindCode: z.string() })),
  movements: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), shortName: z.string() })),
});
