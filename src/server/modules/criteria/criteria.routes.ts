import { z } from 'zod';
import type { App } from '../../http/types.js';
import {
  createVersionBody,
  criteriaSetView,
  definitionDryRunBody,
  diffQuery,
  diffView,
  dryRunBody,
  evaluationBody,
  evaluationView,
  freezeBody,
  idParams,
  unitScoreView,
  updateVersionBody,
  validateExpressionBody,
  validateExpressionView,
  versionView,
} from './criteria.schemas.js';
import {
  createCriteriaVersion,
  diffVersions,
  dryRunDefinition,
  dryRunVersion,
  freezeVersion,
  getCriteriaSet,
  getCriteriaVersion,
  listEvaluations,
  recordEvaluation,
  updateCriteriaVersion,
  validateExpression,
} from './criteria.service.js';

// Everyone signed in reads criteria, checks formulas and tries the engine; edits need criteria.manage; storing an
// evaluation needs report.review on the unit (checked in the service).
const read = { access: {} };
const manage = { access: { permission: 'criteria.manage' } } as const;
const tags = ['criteria'];

export function registerCriteriaRoutes(app: App) {
  app.get(
    '/api/criteria-sets/:id',
    { config: read, schema: { tags, summary: 'Bộ tiêu chí và lịch sử phiên bản', params: idParams, response: { 200: criteriaSetView } } },
    async (request) => getCriteriaSet(request.ctx, request.params.id),
  );

  app.get(
    '/api/criteria-sets/:id/diff',
    { config: read, schema: { tags, summary: 'So sánh hai phiên bản bộ tiêu chí', params: idParams, querystring: diffQuery, response: { 200: diffView } } },
    async (request) => diffVersions(request.ctx, request.params.id, request.query.from, request.query.to),
  );

  app.post(
    '/api/criteria-sets/:id/versions',
    { config: manage, schema: { tags, summary: 'Tạo phiên bản sửa đổi (bản nháp)', params: idParams, body: createVersionBody, response: { 201: versionView } } },
    async (request, reply) => reply.status(201).send(await createCriteriaVersion(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/criteria-versions/:id',
    { config: read, schema: { tags, summary: 'Một phiên bản bộ tiêu chí', params: idParams, response: { 200: versionView } } },
    async (request) => getCriteriaVersion(request.ctx, request.params.id),
  );

  app.put(
    '/api/criteria-versions/:id',
    { config: manage, schema: { tags, summary: 'Sửa phiên bản nháp', params: idParams, body: updateVersionBody, response: { 200: versionView } } },
    async (request) => updateCriteriaVersion(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/criteria-versions/:id/freeze',
    { config: manage, schema: { tags, summary: 'Khoá phiên bản (ban hành)', params: idParams, body: freezeBody, response: { 200: versionView } } },
    async (request) => freezeVersion(request.ctx, request.params.id, request.body.reason),
  );

  app.post(
    '/api/criteria-versions/:id/dry-run',
    { config: read, schema: { tags, summary: 'Chạy thử chấm điểm với số liệu mẫu (không lưu)', params: idParams, body: dryRunBody, response: { 200: unitScoreView } } },
    async (request) => dryRunVersion(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/criteria/dry-run',
    { config: read, schema: { tags, summary: 'Chạy thử bộ tiêu chí chưa lưu', body: definitionDryRunBody, response: { 200: unitScoreView } } },
    async (request) => dryRunDefinition(request.ctx, request.body),
  );

  app.post(
    '/api/criteria/validate-expression',
    { config: read, schema: { tags, summary: 'Kiểm tra công thức', body: validateExpressionBody, response: { 200: validateExpressionView } } },
    async (request) => validateExpression(request.ctx, request.body),
  );

  app.post(
    '/api/criteria-versions/:id/evaluations',
    {
      config: { access: { permission: 'report.review', heldNowhere: 'not_found' } },
      schema: { tags, summary: 'Lưu kết quả đánh giá một đơn vị theo phiên bản', params: idParams, body: evaluationBody, response: { 201: evaluationView } },
    },
    async (request, reply) => reply.status(201).send(await recordEvaluation(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/criteria-versions/:id/evaluations',
    { config: read, schema: { tags, summary: 'Kết quả đánh giá đã lưu theo phiên bản', params: idParams, response: { 200: z.array(evaluationView) } } },
    async (request) => listEvaluations(request.ctx, request.params.id),
  );
}
