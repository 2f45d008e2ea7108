import { z } from 'zod';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';

const percent = z.string().nullable().describe('Phần trăm, 2 chữ số thập phân; null khi mẫu số bằng 0');

export const movementIdParams = z.object({ id: z.uuid() });
export const dashboardQuery = z.object({ periodId: z.uuid(), unitId: z.uuid().optional() });
export const scorecardQuery = z.object({ movementId: z.uuid(), periodId: z.uuid().optional() });
export const rankingQuery = z.object({ periodId: z.uuid(), level: unitLevelSchema.default('commune'), groupId: z.uuid().optional() });

const periodView = z.object({ id: z.string(), code: z.string(), label: z.string(), startDate: z.string(), endDate: z.string(), dueDate: z.string(), status: z.string() });
const movementRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const dashboardView = z.object({
  movement: movementRef,
  period: periodView,
  unit: z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), level: z.string(), parentId: z.string().nullable() }).nullable(),
  criteria: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      contentArea: z.string(),
      level: z.string(),
      target: z.string().nullable(),
      expected: z.number().int(),
      evaluated: z.number().int().describe('Đơn vị có kết quả đã duyệt: đạt + không đạt'),
      met: z.number().int(),
      metPercent: percent.describe('Đạt / đã đánh giá × 100'),
      notMet: z.number().int(),
      notApplicable: z.number().int(),
      awaiting: z.number().int().describe('Chưa có kết quả đã duyệt, hoặc kết quả còn chờ số liệu'),
    }),
  ),
  completeness: z.array(
    z.object({
      level: z.string(),
      expected: z.number().int(),
      submitted: z.number().int(),
      approved: z.number().int(),
      completenessPercent: percent,
      onTime: z.number().int(),
      late: z.number().int(),
      overdue: z.number().int(),
      timelinessPercent: percent,
    }),
  ),
  children: z.array(
    z.object({
      unitId: z.string(),
      code: z.string().nullable(),
      name: z.string(),
      level: z.string(),
      expected: z.number().int(),
      approved: z.number().int(),
      completenessPercent: percent,
      hasChildren: z.boolean(),
    }),
  ),
  generatedAt: z.string(),
});
export type DashboardView = z.infer<typeof dashboardView>;

export const scorecardView = z.object({
  unitId: z.string(),
  movementId: z.string(),
  period: z.object({ id: z.string(), code: z.string(), label: z.string() }).nullable(),
  totals: z.object({ totalPoints: z.string(), maxPoints: z.string(), shareMet: z.string().nullable(), classification: z.string().nullable() }).nullable(),
  criteria: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      status: z.string(),
      value: z.string().nullable(),
      target: z.string().nullable(),
      points: z.string(),
      maxPoints: z.string(),
      explanation: z.string(),
      history: z.array(z.object({ periodId: z.string(), periodLabel: z.string(), status: z.string().nullable(), value: z.string().nullable() })),
    }),
  ),
  periods: z.array(z.object({ id: z.string(), code: z.string(), label: z.string(), totalPoints: z.string() })),
});
export type ScorecardView = z.infer<typeof scorecardView>;

export const rankingRow = z.object({
  rank: z.number().int(),
  unitId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  totalPoints: z.string(),
  shareMet: z.string().nullable(),
  classification: z.string().nullable(),
  tieExplanation: z.string().nullable(),
  previousRank: z.number().int().nullable(),
  movement: z.number().int().nullable().describe('Hạng kỳ trước − hạng kỳ này: dương là tăng hạng'),
});
export const rankingView = z.object({
  movement: movementRef,
  period: periodView,
  level: z.string(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  rows: z.array(rankingRow),
});
export type RankingView = z.infer<typeof rankingView>;
