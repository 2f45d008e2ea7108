import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { inboxView } from '../../../src/server/modules/inbox/inbox.schemas';
import { api } from './client';

export type Inbox = z.infer<typeof inboxView>;
export type InboxItem = Inbox['items'][number];
export type InboxStatus = 'due' | 'overdue' | 'done';

export function useInbox(status: InboxStatus, offset = 0) {
  return useQuery({
    queryKey: ['inbox', status, offset],
    queryFn: () => api.get<Inbox>('/api/inbox', { status, limit: 50, offset }),
    placeholderData: keepPreviousData,
  });
}
