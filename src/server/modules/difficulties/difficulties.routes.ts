import { z } from 'zod';
import type { App } from '../../http/types.js';
import { answerBody, closeBody, createDifficultyBody, difficultyListQuery, difficultyParams, difficultyView } from './difficulties.schemas.js';
import { answerDifficulty, closeDifficulty, fileDifficulty, getDifficulty, listDifficulties } from './difficulties.service.js';

const tags = ['difficulties'];

export function registerDifficultyRoutes(app: App) {
  app.post(
    '/api/difficulties',
    // registration.submit or report.submit on the unit, checked in the service (404 out of scope).
    { config: { access: {} }, schema: { tags, summary: 'Gửi khó khăn, vướng mắc hoặc đề xuất điều chỉnh', body: createDifficultyBody, response: { 201: difficultyView } } },
    async (request, reply) => reply.status(201).send(await fileDifficulty(request.ctx, request.body)),
  );
  app.get(
    '/api/difficulties',
    { config: { access: {} }, schema: { tags, summary: 'Khó khăn, đề xuất (trong phạm vi)', querystring: difficultyListQuery, response: { 200: z.array(difficultyView) } } },
    async (request) => listDifficulties(request.ctx, request.query),
  );
  app.get(
    '/api/difficulties/:id',
    { config: { access: {} }, schema: { tags, summary: 'Chi tiết khó khăn, đề xuất', params: difficultyParams, response: { 200: difficultyView } } },
    async (request) => getDifficulty(request.ctx, request.params.id),
  );
  app.post(
    '/api/difficulties/:id/answer',
    {
      config: { access: { permission: 'registration.review', heldNowhere: 'service' } },
      schema: { tags, summary: 'Trả lời (Ban TĐKT, cơ quan thường trực)', params: difficultyParams, body: answerBody, response: { 200: difficultyView } },
    },
    async (request) => answerDifficulty(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/difficulties/:id/close',
    {
      config: { access: {} },
      schema: { tags, summary: 'Đóng (đơn vị gửi hoặc cơ quan trả lời)', params: difficultyParams, body: closeBody.nullish(), response: { 200: difficultyView } },
    },
    async (request) => closeDifficulty(request.ctx, request.params.id, request.body ?? {}),
  );
}
