import type { App } from '../../http/types.js';
import {
  dashboardQuery,
  dashboardView,
  movementIdParams,
  overdueQuery,
  overdueView,
  rankingQuery,
  rankingView,
  scorecardExportQuery,
  scorecardQuery,
  scorecardView,
  trendQuery,
  trendView,
} from './dashboards.schemas.js';
import { getDashboard, getRankings, getScorecard, getTrend, listOverdue } from './dashboards.service.js';
import { buildDashboardWorkbook, buildScorecardWorkbook } from './dashboards.xlsx.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const safe = (s: string) => s.replace(/[^\w.-]/g, '_');

// dashboard.read; the service scopes every figure to the actor's units (404 for a unit outside them).
const read = { access: { permission: 'dashboard.read' } } as const;
// A unit's scorecard is looked up within the actor's dashboard.read scope.
const readUnit = { access: { permission: 'dashboard.read', heldNowhere: 'not_found' } } as const;
const tags = ['dashboards'];

export function registerDashboardRoutes(app: App) {
  app.get(
    '/api/movements/:id/dashboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bảng điều khiển: tiêu chí đạt theo cấp, tính đầy đủ và đúng hạn, xem chi tiết theo đơn vị',
        params: movementIdParams,
        querystring: dashboardQuery,
        response: { 200: dashboardView },
      },
    },
    async (request) => getDashboard(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/dashboard.xlsx',
    { config: read, schema: { tags, summary: 'Xuất bảng điều khiển (XLSX)', params: movementIdParams, querystring: dashboardQuery } },
    async (request, reply) => {
      const view = await getDashboard(request.ctx, request.params.id, request.query);
      const [overdue, trend, rankings] = await Promise.all([
        listOverdue(request.ctx, request.params.id, { ...request.query, limit: null, offset: 0 }),
        getTrend(request.ctx, request.params.id, { ...request.query, periods: 8 }),
        Promise.all(
          [...new Set(view.criteria.map((c) => c.level))].map((level) =>
            getRankings(request.ctx, request.params.id, { periodId: request.query.periodId, level, groupId: request.query.groupId }),
          ),
        ),
      ]);
      const buffer = await buildDashboardWorkbook(view, { overdue: overdue.rows, trend, rankings });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="bang-dieu-khien-${safe(view.movement.code)}-${safe(view.period.code)}.xlsx"`)
        .send(buffer);
    },
  );
  app.get(
    '/api/movements/:id/dashboard/overdue',
    {
      config: read,
      schema: {
        tags,
        summary: 'Đơn vị quá hạn chưa nộp báo cáo kỳ này, theo trang (cùng phạm vi, đơn vị, cụm như bảng điều khiển)',
        params: movementIdParams,
        querystring: overdueQuery,
        response: { 200: overdueView },
      },
    },
    async (request) => listOverdue(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/dashboard/trend',
    {
      config: read,
      schema: {
        tags,
        summary: 'Xu hướng qua các kỳ: tỷ lệ đạt theo tiêu chí, tính đầy đủ và đúng hạn; mỗi kỳ theo cây tổ chức của kỳ đó',
        params: movementIdParams,
        querystring: trendQuery,
        response: { 200: trendView },
      },
    },
    async (request) => getTrend(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/scorecard.xlsx',
    {
      config: readUnit,
      schema: {
        tags,
        summary: 'Xuất phiếu kết quả của đơn vị (XLSX): tiêu chí, minh chứng, lịch sử, chỉ số chuyên cần',
        params: movementIdParams,
        querystring: scorecardExportQuery,
      },
    },
    async (request, reply) => {
      const view = await getScorecard(request.ctx, request.query.unitId, { movementId: request.params.id, periodId: request.query.periodId });
      const buffer = await buildScorecardWorkbook(view);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="phieu-ket-qua-${safe(view.period?.code ?? 'chua-co-ky')}.xlsx"`)
        .send(buffer);
    },
  );
  app.get(
    '/api/units/:id/scorecard',
    {
      config: readUnit,
      schema: {
        tags,
        summary: 'Phiếu kết quả của đơn vị: từng tiêu chí, chỉ tiêu, trạng thái, giải thích, lịch sử',
        params: movementIdParams,
        querystring: scorecardQuery,
        response: { 200: scorecardView },
      },
    },
    async (request) => getScorecard(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/rankings',
    {
      config: read,
      schema: {
        tags,
        summary: 'Xếp hạng trong cấp hoặc cụm thi đua, đồng hạng có giải thích, thay đổi so với kỳ trước',
        params: movementIdParams,
        querystring: rankingQuery,
        response: { 200: rankingView },
      },
    },
    async (request) => getRankings(request.ctx, request.params.id, request.query),
  );
}
