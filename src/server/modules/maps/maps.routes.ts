import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../../config.js';
import { authorize, tenantLevel } from '../../auth/policy.js';
import type { App } from '../../http/types.js';
import { zodDetails } from '../../http/errors.js';
import { AppError } from '../../errors.js';
import { boundarySetPolicy } from './maps.policy.js';
import { boundarySetDetailView, boundarySetParams, boundarySetsView, boundarySetView, demoBoundaryBody, mapQuery, mapView, movementParams, uploadFields } from './maps.schemas.js';
import { createDemoBoundarySet, getBoundarySet, getMap, listBoundarySets, uploadBoundarySet } from './maps.service.js';

const tags = ['maps'];
const read = { access: { permission: 'dashboard.read' } } as const;
const manage = { access: { permission: 'unit.manage' } } as const;

/** Unit boundaries (GeoJSON upload, demo geometry) and the choropleth data of a criterion. */
export async function registerMapRoutes(app: App, config: AppConfig) {
  const maxBytes = config.GEOJSON_MAX_MB * 1024 * 1024;
  app.get('/api/unit-boundary-sets', { config: read, schema: { tags, summary: 'Các bộ ranh giới đơn vị (GeoJSON)', response: { 200: boundarySetsView } } }, async (request) =>
    listBoundarySets(request.ctx, config.GEOJSON_MAX_MB),
  );
  app.get(
    '/api/unit-boundary-sets/:id',
    { config: read, schema: { tags, summary: 'Một bộ ranh giới với hình học', params: boundarySetParams, response: { 200: boundarySetDetailView } } },
    async (request) => getBoundarySet(request.ctx, request.params.id),
  );
  app.post(
    '/api/unit-boundary-sets/demo',
    {
      config: manage,
      schema: { tags, summary: 'Tạo hình học minh hoạ (hình chữ nhật theo mã đơn vị; không phải ranh giới thật)', body: demoBoundaryBody, response: { 201: boundarySetView } },
    },
    async (request, reply) => reply.status(201).send(await createDemoBoundarySet(request.ctx, request.body)),
  );
  app.get(
    '/api/movements/:id/map',
    {
      config: read,
      schema: {
        tags,
        summary: 'Bản đồ tô màu theo tiêu chí: ranh giới và trạng thái, giá trị của từng đơn vị',
        params: movementParams,
        querystring: mapQuery,
        response: { 200: mapView },
      },
    },
    async (request) => getMap(request.ctx, request.params.id, request.query),
  );

  await app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    scope.post(
      '/api/unit-boundary-sets',
      {
        config: manage,
        // Anonymous callers and people without the permission over the whole province are refused before the body is read.
        onRequest: async (request) => {
          await authorize(boundarySetPolicy, request.ctx, 'upload', tenantLevel);
        },
        schema: { tags, summary: 'Tải lên ranh giới đơn vị (multipart: trường "file" GeoJSON, "name", "asOf", "codeProperty")', response: { 201: boundarySetView } },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('unsupported_media_type', 415, 'error.unsupported_media_type');
        const fields: Record<string, string> = {};
        let file: Buffer | null = null;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || file) {
                part.file.resume();
                continue;
              }
              file = await part.toBuffer();
            } else if (typeof part.value === 'string') {
              fields[part.fieldname] = part.value;
            }
          }
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('file_too_large', 413, 'map.too_large', [{ path: 'file', message: '' }], { limit: config.GEOJSON_MAX_MB });
          throw error;
        }
        if (!file) throw new AppError('no_file', 400, 'map.no_file', [{ path: 'file', message: '' }]);
        const parsed = uploadFields.safeParse(fields);
        if (!parsed.success) throw AppError.validation(zodDetails(parsed.error, request.ctx.locale, 'body'));
        return reply.status(201).send(await uploadBoundarySet(request.ctx, parsed.data, file));
      },
    );
  });
}
