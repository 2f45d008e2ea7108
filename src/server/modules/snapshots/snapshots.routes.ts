import type { App } from '../../http/types.js';
import { correctionBody, snapshotPeriodParams, snapshotQuery, snapshotView } from './snapshots.schemas.js';
import { closeAndFreeze, correctSnapshot, freezeSnapshot, getSnapshot, publishSnapshot } from './snapshots.service.js';

// movement.manage over the whole tenant (the service authorises with snapshots.policy).
const manage = { access: { permission: 'movement.manage' } } as const;
const tags = ['rankings'];

/** Ranking snapshots: frozen when a period closes, published (and immutable) when the standing agency says so or the period locks. */
export function registerSnapshotRoutes(app: App) {
  app.get(
    '/api/ranking-snapshots/:periodId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Bản chốt xếp hạng của kỳ: thời điểm chốt, phiên bản tiêu chí, xếp hạng theo cấp và cụm',
        params: snapshotPeriodParams,
        querystring: snapshotQuery,
        response: { 200: snapshotView },
      },
    },
    async (request) => getSnapshot(request.ctx, request.params.periodId, request.query),
  );
  app.post(
    '/api/ranking-snapshots/:periodId/close',
    { config: manage, schema: { tags, summary: 'Đóng kỳ báo cáo ngay và chốt xếp hạng (cùng một giao dịch)', params: snapshotPeriodParams, response: { 200: snapshotView } } },
    async (request) => closeAndFreeze(request.ctx, request.params.periodId),
  );
  app.post(
    '/api/ranking-snapshots/:periodId/freeze',
    { config: manage, schema: { tags, summary: 'Chốt lại xếp hạng của kỳ đã đóng (trước khi công bố)', params: snapshotPeriodParams, response: { 200: snapshotView } } },
    async (request) => freezeSnapshot(request.ctx, request.params.periodId),
  );
  app.post(
    '/api/ranking-snapshots/:periodId/publish',
    { config: manage, schema: { tags, summary: 'Công bố bản chốt xếp hạng; sau khi công bố không thay đổi được', params: snapshotPeriodParams, response: { 200: snapshotView } } },
    async (request) => publishSnapshot(request.ctx, request.params.periodId),
  );
  app.post(
    '/api/ranking-snapshots/:periodId/correct',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Đính chính bảng xếp hạng đã công bố: chốt bản mới kèm lý do; bản cũ vẫn công khai đến khi công bố bản đính chính',
        params: snapshotPeriodParams,
        body: correctionBody,
        response: { 200: snapshotView },
      },
    },
    async (request) => correctSnapshot(request.ctx, request.params.periodId, request.body),
  );
}
