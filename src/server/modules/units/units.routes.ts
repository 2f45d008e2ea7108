import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../auth/access.js';
import type { App } from '../../http/types.js';
import {
  asOfQuery,
  createUnitBody,
  eventRecordedView,
  historyView,
  recordEventBody,
  searchQuery,
  searchView,
  treeView,
  unitDetailView,
  unitIdParams,
  unitKindView,
  updateUnitBody,
} from './units.schemas.js';
import { createUnit, getUnitDetail, getUnitHistory, getUnitTree, listUnitKinds, recordUnitEvent, searchUnits, updateUnit } from './units.service.js';

// The organisation tree is public information: every signed-in user of the tenant reads it (services call
// requireActor); writes check unit.manage on the unit concerned inside the service.
const read = { access: {} };
const write = { access: { permission: 'unit.manage', heldNowhere: 'not_found' } } as const;
/** Anonymous callers get 401 before their input is validated. */
const signedIn = async (request: FastifyRequest) => requireActor(request.ctx);

export function registerUnitRoutes(app: App) {
  app.get(
    '/api/unit-kinds',
    { onRequest: signedIn, config: read, schema: { tags: ['units'], summary: 'Danh mục loại đơn vị', response: { 200: z.array(unitKindView) } } },
    async (request) => listUnitKinds(request.ctx),
  );

  app.get(
    '/api/units/tree',
    { onRequest: signedIn, config: read, schema: { tags: ['units'], summary: 'Cây tổ chức tại một ngày (danh sách phẳng)', querystring: asOfQuery, response: { 200: treeView } } },
    async (request) => getUnitTree(request.ctx, request.query.asOf),
  );

  app.get(
    '/api/units',
    { onRequest: signedIn, config: read, schema: { tags: ['units'], summary: 'Tìm đơn vị theo tên (cả tên cũ) hoặc mã', querystring: searchQuery, response: { 200: searchView } } },
    async (request) => searchUnits(request.ctx, request.query),
  );

  app.get(
    '/api/units/:id',
    {
      onRequest: signedIn,
      config: read,
      schema: { tags: ['units'], summary: 'Chi tiết đơn vị tại một ngày', params: unitIdParams, querystring: asOfQuery, response: { 200: unitDetailView } },
    },
    async (request) => getUnitDetail(request.ctx, request.params.id, request.query.asOf),
  );

  app.get(
    '/api/units/:id/history',
    {
      onRequest: signedIn,
      config: read,
      schema: { tags: ['units'], summary: 'Lịch sử tên, cấp trên và sự kiện của đơn vị', params: unitIdParams, response: { 200: historyView } },
    },
    async (request) => getUnitHistory(request.ctx, request.params.id),
  );

  app.post(
    '/api/units',
    { onRequest: signedIn, config: write, schema: { tags: ['units'], summary: 'Thêm đơn vị', body: createUnitBody, response: { 201: unitDetailView } } },
    async (request, reply) => reply.status(201).send(await createUnit(request.ctx, request.body)),
  );

  app.patch(
    '/api/units/:id',
    {
      onRequest: signedIn,
      config: write,
      schema: { tags: ['units'], summary: 'Sửa thông tin liên hệ, ghi chú', params: unitIdParams, body: updateUnitBody, response: { 200: unitDetailView } },
    },
    async (request) => updateUnit(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/units/:id/events',
    {
      onRequest: signedIn,
      config: write,
      schema: {
        tags: ['units'],
        summary: 'Ghi nhận sự kiện: đổi tên, chuyển cấp trên, giải thể, sáp nhập, chia tách',
        params: unitIdParams,
        body: recordEventBody,
        response: { 201: eventRecordedView },
      },
    },
    async (request, reply) => reply.status(201).send(await recordUnitEvent(request.ctx, request.params.id, request.body)),
  );
}
