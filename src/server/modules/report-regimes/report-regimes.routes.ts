import { z } from 'zod';
import type { App } from '../../http/types.js';
import { createPeriodsBody, createRegimeBody, idParams, listPeriodsQuery, periodView, regimeView } from './report-regimes.schemas.js';
import { createPeriods, createRegime, getPeriod, getRegime, listPeriods, listRegimes, openPeriodNow } from './report-regimes.service.js';

// Every signed-in user reads regimes and periods (the services call requireActor); configuring them needs movement.manage.
const read = { access: {} };
const manage = { access: { permission: 'movement.manage' } } as const;
const tags = ['reports'];

export function registerReportRegimeRoutes(app: App) {
  app.get('/api/report-regimes', { config: read, schema: { tags, summary: 'Chế độ báo cáo', response: { 200: z.array(regimeView) } } }, async (request) =>
    listRegimes(request.ctx),
  );
  app.post(
    '/api/report-regimes',
    { config: manage, schema: { tags, summary: 'Tạo chế độ báo cáo (NĐ 09/2019)', body: createRegimeBody, response: { 201: regimeView } } },
    async (request, reply) => reply.status(201).send(await createRegime(request.ctx, request.body)),
  );
  app.get('/api/report-regimes/:id', { config: read, schema: { tags, summary: 'Một chế độ báo cáo', params: idParams, response: { 200: regimeView } } }, async (request) =>
    getRegime(request.ctx, request.params.id),
  );
  app.post(
    '/api/report-regimes/:id/periods',
    {
      config: manage,
      schema: { tags, summary: 'Tạo các kỳ báo cáo của một năm, hoặc một kỳ tuỳ chỉnh', params: idParams, body: createPeriodsBody, response: { 201: z.array(periodView) } },
    },
    async (request, reply) => reply.status(201).send(await createPeriods(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/report-periods',
    { config: read, schema: { tags, summary: 'Kỳ báo cáo', querystring: listPeriodsQuery, response: { 200: z.array(periodView) } } },
    async (request) => listPeriods(request.ctx, request.query),
  );
  app.get('/api/report-periods/:id', { config: read, schema: { tags, summary: 'Một kỳ báo cáo', params: idParams, response: { 200: periodView } } }, async (request) =>
    getPeriod(request.ctx, request.params.id),
  );
  app.post(
    '/api/report-periods/:id/open',
    { config: manage, schema: { tags, summary: 'Mở kỳ báo cáo ngay (khoá phiên bản bộ tiêu chí, giao việc nộp báo cáo)', params: idParams, response: { 200: periodView } } },
    async (request) => openPeriodNow(request.ctx, request.params.id),
  );
}
