import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/types.js';
import {
  datasetParams,
  publicMapQuery,
  publicMovementParams,
  publicMovementsView,
  publicRankingQuery,
  publicRankingScopeQuery,
  publicRankingUnitParams,
  publicRankingUnitView,
  publicRankingView,
  publicSearchQuery,
  publicSearchView,
} from './public.schemas.js';
import { getCatalog, getDataset, getPublicMap, getPublicRanking, getPublicRankingUnit, listPublicMovements, searchPublic } from './public.service.js';
import { mapView } from '../maps/maps.schemas.js';

const tags = ['public'];
const access = (reason: string) => ({ access: { public: true as const, reason } });
// Shared caches may keep public answers a minute: results of closed periods change rarely.
const cached = (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=60');
/** The answer, marked cacheable once it is known (an error is not). */
async function cachedAnswer<T>(reply: FastifyReply, answer: Promise<T>): Promise<T> {
  const view = await answer;
  cached(reply);
  return view;
}
const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** The public portal and open data: no login, read-only, published ranking snapshots only. */
export function registerPublicRoutes(app: App) {
  app.get(
    '/api/public/movements',
    {
      config: access('cổng công khai: tổng quan phong trào và các kỳ đã công bố'),
      schema: { tags, summary: 'Phong trào và các kỳ đã công bố', response: { 200: publicMovementsView } },
    },
    async (request, reply) => {
      cached(reply);
      return listPublicMovements(request.ctx);
    },
  );
  app.get(
    '/api/public/movements/:id/rankings',
    {
      config: access('cổng công khai: xếp hạng của kỳ đã công bố'),
      schema: {
        tags,
        summary: 'Xếp hạng đã công bố theo cấp, từng trang (limit, offset), lọc theo tên (q)',
        params: publicMovementParams,
        querystring: publicRankingQuery,
        response: { 200: publicRankingView },
      },
    },
    async (request, reply) => cachedAnswer(reply, getPublicRanking(request.ctx, request.params.id, request.query)),
  );
  app.get(
    '/api/public/movements/:id/rankings/units/:unitId',
    {
      config: access('cổng công khai: kết quả từng tiêu chí của một đơn vị trong kỳ đã công bố'),
      schema: {
        tags,
        summary: 'Một đơn vị trong xếp hạng đã công bố, kèm kết quả từng tiêu chí',
        params: publicRankingUnitParams,
        querystring: publicRankingScopeQuery,
        response: { 200: publicRankingUnitView },
      },
    },
    async (request, reply) => cachedAnswer(reply, getPublicRankingUnit(request.ctx, request.params.id, request.params.unitId, request.query)),
  );
  app.get(
    '/api/public/movements/:id/map',
    {
      config: access('cổng công khai: bản đồ kết quả của kỳ đã công bố'),
      schema: {
        tags,
        summary: 'Bản đồ tô màu theo tiêu chí, từ bản xếp hạng đã công bố (ranh giới, trạng thái và giá trị từng đơn vị)',
        params: publicMovementParams,
        querystring: publicMapQuery,
        response: { 200: mapView },
      },
    },
    async (request, reply) => cachedAnswer(reply, getPublicMap(request.ctx, request.params.id, request.query)),
  );
  app.get(
    '/api/public/search',
    {
      config: access('cổng công khai: tìm đơn vị và phong trào'),
      schema: { tags, summary: 'Tìm kiếm không dấu', querystring: publicSearchQuery, response: { 200: publicSearchView } },
    },
    async (request, reply) => {
      cached(reply);
      return searchPublic(request.ctx, request.query.q);
    },
  );
  app.get(
    '/api/public/datasets.jsonld',
    { config: access('dữ liệu mở: danh mục DCAT'), schema: { tags, summary: 'Danh mục dữ liệu mở (DCAT, JSON-LD)' } },
    async (request, reply) => {
      const catalog = await getCatalog(request.ctx, baseUrlOf(request));
      cached(reply).type('application/ld+json; charset=utf-8');
      return JSON.stringify(catalog);
    },
  );
  app.get(
    '/api/public/datasets/:movementCode/:file',
    {
      config: access('dữ liệu mở: bảng kết quả CSV/JSON của kỳ đã công bố'),
      schema: { tags, summary: 'Bảng kết quả của kỳ đã công bố: {mã kỳ}.csv hoặc {mã kỳ}.json', params: datasetParams },
    },
    async (request, reply) => {
      const dataset = await getDataset(request.ctx, request.params.movementCode, request.params.file);
      cached(reply);
      if (dataset.kind === 'csv') {
        reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${dataset.fileName.replace(/[^\w.-]/g, '_')}"`);
        return dataset.body;
      }
      reply.type('application/json; charset=utf-8');
      return JSON.stringify(dataset.body);
    },
  );
}
