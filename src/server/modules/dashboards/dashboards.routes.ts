import type { App } from '../../http/app.js';
import { dashboardQuery, dashboardView, movementIdParams, rankingQuery, rankingView, scorecardQuery, scorecardView } from './dashboards.schemas.js';
import { getDashboard, getRankings, getScorecard } from './dashboards.service.js';
import { buildDashboardWorkbook } from './dashboards.xlsx.js';

// dashboard.read; the service scopes every figure to the actor's units (404 for a unit outside them).
const read = { access: { permission: 'dashboard.read' } };
const tags = ['dashboards'];

export function registerDashboardRoutes(app: App) {
  app.get(
    '/api/movements/:id/dashboard',
    { config: read, schema: { tags, summary: 'Bảng điều khiển: tiêu chí đạt theo cấp, tính đầy đủ và đúng hạn, xem chi tiết theo đơn vị', params: movementIdParams, querystring: dashboardQuery, response: { 200: dashboardView } } },
    async (request) => getDashboard(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/dashboard.xlsx',
    { config: read, schema: { tags, summary: 'Xuất bảng điều khiển (XLSX)', params: movementIdParams, querystring: dashboardQuery } },
    async (request, reply) => {
      const view = await getDashboard(request.ctx, request.params.id, request.query);
      const buffer = await buildDashboardWorkbook(view);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="bang-dieu-khien-${view.movement.code.replace(/[^\w.-]/g, '_')}-${view.period.code.replace(/[^\w.-]/g, '_')}.xlsx"`)
        .send(buffer);
    },
  );
  app.get(
    '/api/units/:id/scorecard',
    { config: read, schema: { tags, summary: 'Phiếu kết quả của đơn vị: từng tiêu chí, chỉ tiêu, trạng thái, giải thích, lịch sử', params: movementIdParams, querystring: scorecardQuery, response: { 200: scorecardView } } },
    async (request) => getScorecard(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/movements/:id/rankings',
    { config: read, schema: { tags, summary: 'Xếp hạng trong cấp hoặc cụm thi đua, đồng hạng có giải thích, thay đổi so với kỳ trước', params: movementIdParams, querystring: rankingQuery, response: { 200: rankingView } } },
    async (request) => getRankings(request.ctx, request.params.id, request.query),
  );
}
