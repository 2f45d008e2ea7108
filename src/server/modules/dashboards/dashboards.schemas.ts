import { z } from 'zod';
import { unitLevelSchema } from '../../../core/criteria/criteria.schemas.js';

const percent = z.string().nullable().describe('Phần trăm, 2 chữ số thập phân; null khi mẫu số bằng 0');

export const movementIdParams = z.object({ id: z.uuid() });
export const dashboardQuery = z.object({
  periodId: z.uuid(),
  unitId: z.uuid().optional(),
  groupId: z.uuid().optional().describe('Cụm, khối thi đua: chỉ tính các đơn vị thành viên vào ngày cuối kỳ'),
});
export const trendQuery = dashboardQuery.extend({ periods: z.coerce.number().int().min(2).max(20).default(8).describe('Số kỳ gần nhất (tính cả kỳ đã chọn)') });
export const scorecardQuery = z.object({ movementId: z.uuid(), periodId: z.uuid().optional() });
export const scorecardExportQuery = z.object({ unitId: z.uuid(), periodId: z.uuid().optional() });

/** Distribution buckets: a unit's value relative to its target (see countCriterionBuckets). */
export const distributionBuckets = ['lt50', '50to80', '80to100', 'unscaled', 'met', 'exceeds'] as const;
export const distributionBucketLabels: Record<(typeof distributionBuckets)[number], { vi: string; en: string }> = {
  lt50: { vi: 'Không đạt: dưới 50 % chỉ tiêu', en: 'Not met: below 50 % of target' },
  '50to80': { vi: 'Không đạt: 50 – dưới 80 % chỉ tiêu', en: 'Not met: 50 – 80 % of target' },
  '80to100': { vi: 'Không đạt: 80 – dưới 100 % chỉ tiêu', en: 'Not met: 80 – 100 % of target' },
  unscaled: { vi: 'Không đạt (không so được theo tỷ lệ)', en: 'Not met (no ratio to target)' },
  met: { vi: 'Đạt: 100 – dưới 120 % chỉ tiêu', en: 'Met: 100 – 120 % of target' },
  exceeds: { vi: 'Vượt: từ 120 % chỉ tiêu', en: 'Exceeded: 120 % of target or more' },
};
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
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  groups: z
    .array(z.object({ id: z.string(), name: z.string(), kind: z.string(), expected: z.number().int(), approved: z.number().int(), completenessPercent: percent }))
    .describe('Cụm, khối có thành viên trong phạm vi: xem chi tiết theo cụm'),
  distribution: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      level: z.string(),
      target: z.string().nullable(),
      buckets: z.array(z.object({ key: z.enum(distributionBuckets), count: z.number().int() })),
      notApplicable: z.number().int(),
      awaitingData: z.number().int(),
    }),
  ),
  overdueTotal: z.number().int().describe('Số đơn vị quá hạn chưa nộp báo cáo kỳ này; danh sách: /dashboard/overdue'),
  generatedAt: z.string(),
});
export type DashboardView = z.infer<typeof dashboardView>;

export const overdueQuery = dashboardQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Số dòng mỗi trang (1–500)'),
  offset: z.coerce.number().int().min(0).default(0).describe('Bỏ qua số dòng đầu'),
});
export const overdueView = z.object({
  total: z.number().int().describe('Số đơn vị quá hạn chưa nộp (cả danh sách)'),
  limit: z.number().int().nullable(),
  offset: z.number().int(),
  rows: z
    .array(
      z.object({
        unitId: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        level: z.string(),
        parentName: z.string().nullable(),
        reportStatus: z.string().nullable().describe('null: chưa mở báo cáo; draft: đang soạn'),
        daysOverdue: z.number().int(),
      }),
    )
    .describe('Đơn vị quá hạn chưa nộp báo cáo kỳ này: theo cấp, đơn vị cấp trên, tên'),
});
export type OverdueView = z.infer<typeof overdueView>;

export const trendView = z.object({
  movement: movementRef,
  period: periodView,
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  periods: z.array(z.object({ id: z.string(), code: z.string(), label: z.string(), endDate: z.string(), dueDate: z.string() })),
  completeness: z.array(
    z.object({
      periodId: z.string(),
      level: z.string(),
      expected: z.number().int(),
      submitted: z.number().int(),
      approved: z.number().int(),
      onTime: z.number().int(),
      completenessPercent: percent,
      timelinessPercent: percent,
    }),
  ),
  criteria: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      level: z.string(),
      points: z.array(z.object({ periodId: z.string(), evaluated: z.number().int(), met: z.number().int(), metPercent: percent })),
    }),
  ),
});
export type TrendView = z.infer<typeof trendView>;

const rate = z.string().nullable().describe('Tỷ lệ 0–100, 2 chữ số thập phân');
export const diligenceView = z
  .object({
    index: z.string().nullable().describe('Chỉ số chuyên cần 0–100 = 50 % đúng hạn + 30 % minh chứng + 20 % không bị trả lại; null khi chưa có kỳ đến hạn'),
    weights: z.object({ timeliness: z.number(), evidence: z.number(), returns: z.number() }),
    timeliness: z.object({ due: z.number().int(), onTime: z.number().int(), rate }),
    evidence: z.object({ criteria: z.number().int(), withEvidence: z.number().int(), rate }),
    returns: z.object({ submitted: z.number().int(), returned: z.number().int(), rate }),
  })
  .describe('Chỉ số chuyên cần (decision 0012)');
export type DiligenceView = z.infer<typeof diligenceView>;

export const scorecardView = z.object({
  unitId: z.string(),
  movementId: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), level: z.string().nullable() }),
  period: z.object({ id: z.string(), code: z.string(), label: z.string() }).nullable(),
  rank: z
    .object({
      rank: z.number().int(),
      of: z.number().int(),
      level: z.string(),
      tiedCount: z.number().int().describe('Số đơn vị cùng hạng, kể cả đơn vị này'),
      tieExplanation: z.string().nullable(),
    })
    .nullable(),
  diligence: diligenceView,
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
      evidence: z.array(
        z.object({
          id: z.string(),
          documentNumber: z.string().nullable(),
          documentDate: z.string().nullable(),
          issuer: z.string().nullable(),
          summary: z.string().nullable(),
          fileName: z.string().nullable(),
          downloadUrl: z.string().nullable(),
        }),
      ),
      history: z.array(
        z.object({
          periodId: z.string(),
          periodLabel: z.string(),
          unitId: z.string().describe('Đơn vị của kết quả: chính đơn vị, hoặc đơn vị tiền thân theo lịch sử sáp nhập'),
          unitName: z.string(),
          status: z.string().nullable(),
          value: z.string().nullable(),
          numericValue: z.string().nullable(),
        }),
      ),
    }),
  ),
  periods: z.array(z.object({ id: z.string(), code: z.string(), label: z.string(), unitId: z.string(), unitName: z.string(), totalPoints: z.string() })),
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
  tiedCount: z.number().int().describe('Số đơn vị cùng hạng, kể cả đơn vị này (1: không đồng hạng)'),
  tieExplanation: z.string().nullable().describe('Giải thích đồng hạng: nêu tên đơn vị cùng hạng khi nhóm nhỏ (≤ 5 đơn vị khác), nếu không thì số đơn vị'),
  previousRank: z.number().int().nullable(),
  movement: z.number().int().nullable().describe('Hạng kỳ trước − hạng kỳ này: dương là tăng hạng'),
});
/** A rank shared by several units, described once per group (core describeTies). */
export const tieGroupView = z
  .object({
    rank: z.number().int(),
    count: z.number().int(),
    totalPoints: z.string(),
    shareMet: z.string().nullable(),
    reason: z.string(),
    reasonEn: z.string(),
    names: z.array(z.string()).nullable().describe('Tên các đơn vị cùng hạng khi nhóm nhỏ (≤ 6 đơn vị), nếu không thì null'),
  })
  .describe('Nhóm đồng hạng: hạng, số đơn vị, lý do không phân định được');
export const rankingView = z.object({
  movement: movementRef,
  period: periodView,
  level: z.string(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  rows: z.array(rankingRow),
  ties: z.array(tieGroupView),
});
export type RankingView = z.infer<typeof rankingView>;
