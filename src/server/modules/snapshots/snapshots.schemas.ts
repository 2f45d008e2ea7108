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

export const snapshotMetaView = z.object({
  id: z.string(),
  periodId: z.string(),
  status: z.enum(['frozen', 'published']),
  revision: z.number().int(),
  trigger: z.string(),
  frozenAt: z.string(),
  publishedAt: z.string().nullable(),
  criteriaSetVersionId: z.string(),
});

export const snapshotView = z.object({
  period: z.object({ id: z.string(), code: z.string(), label: z.string(), status: z.string(), movementId: z.string(), movementName: z.string() }),
  snapshot: snapshotMetaView.nullable(),
  scopes: z.array(snapshotScopeView),
  rows: z.array(snapshotRowView.extend({ scopeKey: z.string() })),
  ties: z.array(tieGroupView.extend({ scopeKey: z.string() })),
  abilities: z.object({ canClose: z.boolean(), canFreeze: z.boolean(), canPublish: z.boolean() }),
});
export type SnapshotView = z.infer<typeof snapshotView>;
