import { z } from 'zod';
import type { App } from '../../http/types.js';
import { permissionFor, type ReportAction } from '../../../core/reports/workflow.js';
import {
  compilationQuery,
  compilationView,
  createReportBody,
  formView,
  idParams,
  listReportsQuery,
  missingBody,
  okView,
  periodUnitParams,
  reportSummaryView,
  reportView,
  saveReportBody,
  transitionBody,
} from './reports.schemas.js';
import { closeCompilation, getCompilation, markMissing } from './reports.compilation.js';
import { getReport, getReportForm, listReports, openReport, saveReport } from './reports.service.js';
import { transitionReport } from './reports.transitions.js';

// Reading needs report.read on the report's unit (404 outside scope, in the service); writes name their permission
// here for the outsider suite (a transition's is the one reports.policy checks on the unit or the reviewing unit).
const read = { access: { permission: 'report.read', heldNowhere: 'not_found' } } as const;
const tags = ['reports'];

const transitions: { action: ReportAction; summary: string }[] = [
  { action: 'submit', summary: 'Nộp (hoặc nộp lại) báo cáo; header Idempotency-Key để gửi lại an toàn' },
  { action: 'return', summary: 'Trả lại báo cáo với nhận xét theo từng trường' },
  { action: 'approve', summary: 'Phê duyệt; chấm điểm theo bộ tiêu chí và lưu kết quả' },
  { action: 'lock', summary: 'Khoá báo cáo đã duyệt' },
  { action: 'unlock', summary: 'Mở khoá báo cáo đã duyệt/đã khoá (cần lý do)' },
];

export function registerReportRoutes(app: App) {
  app.get(
    '/api/reports',
    {
      config: { access: { permission: 'report.read' } },
      schema: { tags, summary: 'Báo cáo trong phạm vi', querystring: listReportsQuery, response: { 200: z.array(reportSummaryView) } },
    },
    async (request) => listReports(request.ctx, request.query),
  );
  app.post(
    '/api/reports',
    {
      config: { access: { permission: 'report.submit', heldNowhere: 'not_found' } },
      schema: { tags, summary: 'Mở báo cáo của đơn vị cho kỳ (tạo bản nháp nếu chưa có)', body: createReportBody, response: { 200: reportView, 201: reportView } },
    },
    async (request, reply) => {
      const result = await openReport(request.ctx, request.body);
      return reply.status(result.created ? 201 : 200).send(result.report);
    },
  );
  app.get('/api/reports/:id', { config: read, schema: { tags, summary: 'Một báo cáo', params: idParams, response: { 200: reportView } } }, async (request) =>
    getReport(request.ctx, request.params.id),
  );
  app.get(
    '/api/reports/:id/form',
    { config: read, schema: { tags, summary: 'Biểu mẫu báo cáo (theo bộ tiêu chí áp dụng cho đơn vị)', params: idParams, response: { 200: formView } } },
    async (request) => getReportForm(request.ctx, request.params.id),
  );
  app.put(
    '/api/reports/:id',
    {
      config: { access: { permission: 'report.submit', heldNowhere: 'service' } },
      schema: { tags, summary: 'Lưu số liệu, thuyết minh (rowVersion; 409 nếu đã bị sửa)', params: idParams, body: saveReportBody, response: { 200: reportView } },
    },
    async (request) => saveReport(request.ctx, request.params.id, request.body),
  );
  for (const t of transitions) {
    app.post(
      `/api/reports/:id/${t.action}`,
      {
        config: { access: { permission: permissionFor(t.action), heldNowhere: 'service' } },
        schema: { tags, summary: t.summary, params: idParams, body: transitionBody, response: { 200: reportView } },
      },
      async (request) => {
        const key = request.headers['idempotency-key'];
        return transitionReport(request.ctx, request.params.id, t.action, request.body, typeof key === 'string' ? key : undefined);
      },
    );
  }
  app.get(
    '/api/report-periods/:id/compilation',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tổng hợp kỳ báo cáo: trạng thái từng đơn vị, số liệu tổng hợp, tỷ lệ đầy đủ và đúng hạn',
        params: idParams,
        querystring: compilationQuery,
        response: { 200: compilationView },
      },
    },
    async (request) => getCompilation(request.ctx, request.params.id, request.query.unitId),
  );
  app.post(
    '/api/report-periods/:id/compilations/:unitId/close',
    {
      config: { access: { permission: 'report.review', heldNowhere: 'not_found' } },
      schema: {
        tags,
        summary: 'Đóng báo cáo tổng hợp của đơn vị (mọi đơn vị cấp dưới đã duyệt hoặc ghi nhận không báo cáo)',
        params: periodUnitParams,
        response: { 200: compilationView },
      },
    },
    async (request) => closeCompilation(request.ctx, request.params.id, request.params.unitId),
  );
  app.post(
    '/api/report-periods/:id/missing',
    {
      config: { access: { permission: 'report.review', heldNowhere: 'not_found' } },
      schema: { tags, summary: 'Ghi nhận đơn vị không báo cáo kỳ này (có lý do)', params: idParams, body: missingBody, response: { 200: okView } },
    },
    async (request) => markMissing(request.ctx, request.params.id, request.body),
  );
}
