import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';

export const auditListQuery = z
  .object({
    unitId: z.uuid().optional(),
    userId: z.uuid().optional().describe('Người thực hiện'),
    entityType: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    from: isoDate.optional().describe('Từ ngày (giờ Việt Nam), tính cả ngày này'),
    to: isoDate.optional().describe('Đến ngày (giờ Việt Nam), tính cả ngày này'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditListView = z.object({ items: z.array(auditEntryView), total: z.number().int() });

export const auditVerifyView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** Rows written but not yet linked into the chain (the sealer links them within seconds). */
  pending: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  reason: z.enum(['edited', 'inserted_or_deleted']).optional(),
});
