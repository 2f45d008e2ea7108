import { z } from 'zod';

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const notificationsQuery = z
  .object({
    unread: booleanQuery.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const notificationView = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  dueItemId: z.string().uuid().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const notificationListView = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(notificationView),
});

export const notificationIdParams = z.object({ id: z.string().uuid() }).strict();
export const markedView = z.object({ marked: z.number().int() });

export const outboxQuery = z
  .object({
    status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

export const outboxView = z.object({
  smtpConfigured: z.boolean(),
  counts: z.object({ pending: z.number().int(), sent: z.number().int(), failed: z.number().int() }),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(
    z.object({
      id: z.string().uuid(),
      toAddress: z.string(),
      toUserId: z.string().uuid().nullable(),
      subject: z.string(),
      bodyText: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.string(),
      sentAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
