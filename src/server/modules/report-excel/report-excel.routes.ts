import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, ModuleDeps } from '../../http/types.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../auth/access.js';
import { contentDisposition } from '../evidence/file-store.js';
import { importJobView } from './report-excel.schemas.js';
import { buildTemplate, getImportJob, startImport } from './report-excel.service.js';

const tags = ['reports'];
const idParams = z.object({ id: z.string().uuid() }).strict();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel template download and import (multipart in this plugin's scope). */
export async function registerReportExcelRoutes(app: App, deps: ModuleDeps) {
  const maxBytes = deps.config.MAX_UPLOAD_MB * 1024 * 1024;
  app.get(
    '/api/report-periods/:id/template.xlsx',
    {
      config: { access: { permission: 'report.read', heldNowhere: 'not_found' } },
      schema: {
        tags,
        summary: 'Mẫu Excel điền sẵn cho một đơn vị hoặc mọi đơn vị thuộc một huyện',
        params: idParams,
        querystring: z.object({ unitId: z.string().uuid().optional() }).strict(),
      },
    },
    async (request, reply) => {
      const { fileName, buffer } = await buildTemplate(request.ctx, request.params.id, request.query.unitId);
      reply.header('content-type', XLSX);
      reply.header('content-disposition', contentDisposition(fileName));
      return reply.send(buffer);
    },
  );
  app.get(
    '/api/report-imports/:id',
    {
      config: { access: { permission: 'report.submit', heldNowhere: 'not_found' } },
      schema: { tags, summary: 'Tiến độ / kết quả nhập Excel', params: idParams, response: { 200: importJobView } },
    },
    async (request) => getImportJob(request.ctx, request.params.id),
  );
  await app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
    scope.post(
      '/api/report-periods/:id/imports',
      {
        config: { access: { permission: 'report.submit' } },
        onRequest: async (request) => requireActor(request.ctx),
        schema: {
          tags,
          summary: 'Nhập số liệu từ Excel (multipart, trường "file"): kiểm tra mọi dòng, nhập tất cả hoặc không nhập gì; ?wait=true chờ kết quả',
          params: idParams,
          querystring: z.object({ wait: z.enum(['true', 'false']).optional() }).strict(),
          response: { 200: importJobView, 202: importJobView },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('unsupported_media_type', 415, 'error.unsupported_media_type');
        const part = await request.file();
        if (!part) throw new AppError('no_file', 400, 'evidence.no_file', [{ path: 'file', message: '' }]);
        const buffer = await part.toBuffer().catch((error: { code?: string }) => {
          if (error.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('file_too_large', 413, 'evidence.too_large', [{ path: 'file', message: '' }], { limit: deps.config.MAX_UPLOAD_MB });
          throw error;
        });
        const wait = request.query.wait === 'true';
        const job = await startImport(request.ctx, deps.database, request.params.id, { name: part.filename.normalize('NFC'), buffer }, wait);
        return reply.status(wait ? 200 : 202).send(job);
      },
    );
  });
}
