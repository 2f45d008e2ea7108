import { z } from 'zod';
import { tieGroupView } from '../dashboards/dashboards.schemas.js';

export const snapshotPeriodParams = z.object({ periodId: z.uuid() });
export const snapshotQuery = z.object({ scope: z.string().max(200).optional().describe('level:commune hoặc group:<id>:commune; mặc định: mọi phạm vi') });

export const snapshotRowView = z.object({
  rank: z.number().int(),
  unitId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  totalPoints: z.string(),
  shareMet: z.string().nullable(),
  classification: z.string().nullable(),
  tiedCount: z.number().int().describe('Số đơn vị cùng hạng trong phạm vi, kể cả đơn vị này (1: không đồng hạng)'),
  tieExplanation: z.string().nullable().describe('Giải thích đồng hạng: nêu tên đơn vị cùng hạng khi nhóm nhỏ (≤ 5 đơn vị khác), nếu không thì số đơn vị'),
  previousRank: z.number().int().nullable(),
  movement: z.number().int().nullable(),
  criteria: z.array(z.object({ code: z.string(), status: z.string(), value: z.string().nullable(), displayValue: z.string().nullable() })),
});

export const snapshotScopeView = z.object({
  key: z.string(),
  kind: z.enum(['level', 'group']),
  level: z.string(),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  units: z.number().int(),
});

export const correctionBody = z.object({
  reason: z.string().trim().min(10).max(2000).describe('Lý do đính chính (công bố cùng bảng xếp hạng mới), 10–2000 ký tự'),
});

export const snapshotMetaView = z.object({
  id: z.string(),
  periodId: z.string(),
  status: z.enum(['frozen', 'published', 'superseded']),
  revision: z.number().int(),
  trigger: z.string(),
  frozenAt: z.string(),
  publishedAt: z.string().nullable(),
  criteriaSetVersionId: z.string(),
  supersedesId: z.string().nullable().describe('Bản đính chính: bản đã công bố mà bản này thay thế'),
  correctionReason: z.string().nullable(),
  supersededAt: z.string().nullable().describe('Thời điểm bị thay thế bởi bản đính chính'),
});

export const snapshotView = z.object({
  period: z.object({ id: z.string(), code: z.string(), label: z.string(), status: z.string(), movementId: z.string(), movementName: z.string() }),
  snapshot: snapshotMetaView.nullable().describe('Bản hiện hành: bản đính chính chưa công bố nếu có, nếu không thì bản đã công bố hoặc đã chốt'),
  published: snapshotMetaView.nullable().describe('Bản đang công khai trên cổng thông tin (null khi chưa công bố)'),
  history: z.array(snapshotMetaView).describe('Mọi bản của kỳ, cũ trước: các lần công bố, đính chính'),
  scopes: z.array(snapshotScopeView),
  rows: z.array(snapshotRowView.extend({ scopeKey: z.string() })),
  ties: z.array(tieGroupView.extend({ scopeKey: z.string() })),
  abilities: z.object({ canClose: z.boolean(), canFreeze: z.boolean(), canPublish: z.boolean(), canCorrect: z.boolean() }),
});
export type SnapshotView = z.infer<typeof snapshotView>;
