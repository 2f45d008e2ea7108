import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from '../../config.js';
import type { App } from '../../http/types.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../auth/access.js';
import { documentEvidenceBody, evidenceParams, evidenceView, fileEvidenceQuery, idParams, okView } from '../reports/reports.schemas.js';
import { addDocumentEvidence, openEvidenceFile, removeEvidence, uploadEvidenceFile } from './evidence.service.js';
import { contentDisposition, createLocalFileStore, type FileStore } from './file-store.js';

const tags = ['reports'];
const submit = { access: { permission: 'report.submit', heldNowhere: 'service' } } as const;

/** Evidence routes, with multipart uploads registered in this plugin's scope only. */
export async function registerEvidenceRoutes(app: App, config: AppConfig, store: FileStore = createLocalFileStore(config.DATA_DIR)) {
  const maxBytes = config.MAX_UPLOAD_MB * 1024 * 1024;
  await app.register(async (plugin: FastifyInstance) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyMultipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });

    scope.post(
      '/api/reports/:id/evidence/files',
      {
        config: submit,
        // Anonymous callers get 401 before the body is read.
        onRequest: async (request) => requireActor(request.ctx),
        schema: {
          tags,
          summary: 'Tải lên tệp minh chứng (multipart, trường "file"); loại tệp xác định theo nội dung',
          params: idParams,
          querystring: fileEvidenceQuery,
          response: { 201: evidenceView },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('unsupported_media_type', 415, 'error.unsupported_media_type');
        const part = await request.file();
        if (!part) throw new AppError('no_file', 400, 'evidence.no_file', [{ path: 'file', message: '' }]);
        const view = await uploadEvidenceFile(
          request.ctx,
          request.params.id,
          request.query,
          { file: part.file, filename: part.filename },
          { store, maxBytes, maxUploadMb: config.MAX_UPLOAD_MB },
        );
        return reply.status(201).send(view);
      },
    );
  });

  app.post(
    '/api/reports/:id/evidence',
    {
      config: submit,
      schema: {
        tags,
        summary: 'Thêm minh chứng là văn bản (số ký hiệu, ngày, cơ quan ban hành, trích yếu)',
        params: idParams,
        body: documentEvidenceBody,
        response: { 201: evidenceView },
      },
    },
    async (request, reply) => reply.status(201).send(await addDocumentEvidence(request.ctx, request.params.id, request.body)),
  );
  app.delete(
    '/api/reports/:id/evidence/:evidenceId',
    { config: submit, schema: { tags, summary: 'Xoá minh chứng', params: evidenceParams, response: { 200: okView } } },
    async (request) => removeEvidence(request.ctx, request.params.id, request.params.evidenceId),
  );
  app.get(
    '/api/evidence/:id/download',
    { config: { access: { permission: 'report.read', heldNowhere: 'not_found' } }, schema: { tags, summary: 'Tải tệp minh chứng (theo phạm vi xem báo cáo)', params: idParams } },
    async (request, reply) => {
      const file = await openEvidenceFile(request.ctx, request.params.id, store);
      reply.header('content-type', file.mediaType);
      reply.header('content-length', String(file.size));
      reply.header('content-disposition', contentDisposition(file.name));
      reply.header('x-content-sha256', file.sha256);
      reply.header('x-content-type-options', 'nosniff');
      return reply.send(file.stream);
    },
  );
}
