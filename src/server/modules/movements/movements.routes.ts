import { z } from 'zod';
import type { App } from '../../http/types.js';
import {
  agencyAssignedView,
  asOfQuery,
  createAgencyBody,
  createMilestoneBody,
  idParams,
  milestoneParams,
  milestoneView,
  movementDetailView,
  movementListItemView,
  packageBody,
  packageImportedView,
  updateMilestoneBody,
  updateMovementBody,
} from './movements.schemas.js';
import { assignAgency, createMilestone, getMovement, getMovementPackage, importPackage, listMovements, updateMilestone, updateMovement } from './movements.service.js';

// Every signed-in user reads movements; writes need movement.manage (checked in the service).
const read = { access: {} };
const manage = { access: { permission: 'movement.manage' } } as const;
const tags = ['movements'];

export function registerMovementRoutes(app: App) {
  app.get(
    '/api/movements',
    { config: read, schema: { tags, summary: 'Danh sách phong trào thi đua', querystring: asOfQuery, response: { 200: z.array(movementListItemView) } } },
    async (request) => listMovements(request.ctx, request.query.asOf),
  );

  app.get(
    '/api/movements/:id',
    { config: read, schema: { tags, summary: 'Chi tiết phong trào', params: idParams, querystring: asOfQuery, response: { 200: movementDetailView } } },
    async (request) => getMovement(request.ctx, request.params.id, request.query.asOf),
  );

  app.patch(
    '/api/movements/:id',
    { config: manage, schema: { tags, summary: 'Sửa phong trào, chuyển trạng thái', params: idParams, body: updateMovementBody, response: { 200: movementDetailView } } },
    async (request) => updateMovement(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/movements/:id/milestones',
    { config: manage, schema: { tags, summary: 'Thêm mốc tiến độ', params: idParams, body: createMilestoneBody, response: { 201: milestoneView } } },
    async (request, reply) => reply.status(201).send(await createMilestone(request.ctx, request.params.id, request.body)),
  );

  app.patch(
    '/api/movements/:id/milestones/:milestoneId',
    { config: manage, schema: { tags, summary: 'Sửa mốc tiến độ', params: milestoneParams, body: updateMilestoneBody, response: { 200: milestoneView } } },
    async (request) => updateMilestone(request.ctx, request.params.id, request.params.milestoneId, request.body),
  );

  app.post(
    '/api/movements/:id/agencies',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Giao vai trò (cơ quan thường trực, phối hợp…) cho đơn vị từ một ngày',
        params: idParams,
        body: createAgencyBody,
        response: { 201: agencyAssignedView },
      },
    },
    async (request, reply) => reply.status(201).send(await assignAgency(request.ctx, request.params.id, request.body)),
  );

  app.get('/api/movements/:id/package', { config: read, schema: { tags, summary: 'Xuất gói phong trào (JSON)', params: idParams } }, async (request, reply) => {
    const { fileName, json } = await getMovementPackage(request.ctx, request.params.id);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).send(json);
  });

  app.post(
    '/api/movement-packages',
    { config: manage, schema: { tags, summary: 'Nhập gói phong trào (JSON)', body: packageBody, response: { 201: packageImportedView } } },
    async (request, reply) => reply.status(201).send(await importPackage(request.ctx, request.body)),
  );
}
