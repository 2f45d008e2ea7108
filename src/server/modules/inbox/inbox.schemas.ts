import { z } from 'zod';
import { dueKinds } from './inbox.service.js';

export const inboxQuery = z
  .object({
    status: z.enum(['due', 'open', 'overdue', 'done', 'all']).optional().describe('due: open, not yet due; open: due + overdue (default); overdue; done; all'),
    unitId: z.string().uuid().optional(),
    kind: z.enum(dueKinds).optional(),
    movementId: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type InboxQueryInput = z.infer<typeof inboxQuery>;

export const inboxItemView = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string().nullable(),
  movementId: z.string().uuid().nullable(),
  movementName: z.string().nullable(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  title: z.string(),
  titleEn: z.string().nullable(),
  link: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(['due', 'overdue', 'done']),
  daysLeft: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const inboxView = z.object({
  today: z.string(),
  counts: z.object({ due: z.number().int(), overdue: z.number().int(), done: z.number().int() }),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(inboxItemView),
});
