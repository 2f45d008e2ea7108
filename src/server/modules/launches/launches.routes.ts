import { z } from 'zod';
import type { App } from '../../http/types.js';
import {
  createLaunchBody,
  launchListQuery,
  launchParams,
  launchProgressQuery,
  launchView,
  movementParams,
  progressQuery,
  progressView,
  updateLaunchBody,
} from './launches.schemas.js';
import { getLaunch, listLaunches, recordLaunch, updateLaunch } from './launches.service.js';
import { getObligationProgress } from './progress.service.js';

const tags = ['launches'];
// Writes need registration.submit on the unit (checked in the service, 404 out of scope); reads are scoped lists.
const submit = { access: { permission: 'registration.submit', heldNowhere: 'not_found' } } as const;
const read = { access: {} };

export function registerLaunchRoutes(app: App) {
  app.post(
    '/api/movements/:id/launches',
    { config: submit, schema: { tags, summary: 'Ghi nhận phát động phong trào của đơn vị', params: movementParams, body: createLaunchBody, response: { 201: launchView } } },
    async (request, reply) => reply.status(201).send(await recordLaunch(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/movements/:id/launches',
    {
      config: read,
      schema: { tags, summary: 'Các bản ghi phát động (trong phạm vi)', params: movementParams, querystring: launchListQuery, response: { 200: z.array(launchView) } },
    },
    async (request) => listLaunches(request.ctx, request.params.id, request.query.unitId),
  );
  app.get('/api/launches/:id', { config: read, schema: { tags, summary: 'Chi tiết phát động', params: launchParams, response: { 200: launchView } } }, async (request) =>
    getLaunch(request.ctx, request.params.id),
  );
  app.patch(
    '/api/launches/:id',
    { config: submit, schema: { tags, summary: 'Sửa bản ghi phát động', params: launchParams, body: updateLaunchBody, response: { 200: launchView } } },
    async (request) => updateLaunch(request.ctx, request.params.id, request.body),
  );
  app.get(
    '/api/movements/:id/launch-progress',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tiến độ phát động theo cấp và theo huyện, danh sách quá hạn',
        params: movementParams,
        querystring: launchProgressQuery,
        response: { 200: progressView },
      },
    },
    async (request) => getObligationProgress(request.ctx, request.params.id, { ...request.query, obligation: 'launch' }),
  );
  app.get(
    '/api/movements/:id/progress',
    {
      config: read,
      schema: {
        tags,
        summary: 'Tiến độ phát động / đăng ký / đăng ký chỉ đạo điểm so với mốc của phong trào',
        params: movementParams,
        querystring: progressQuery,
        response: { 200: progressView },
      },
    },
    async (request) => getObligationProgress(request.ctx, request.params.id, { ...request.query, obligation: request.query.obligation ?? 'launch' }),
  );
}
