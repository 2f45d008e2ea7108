import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicMovementsView, publicRankingView, publicSearchView } from '../../../src/server/modules/public/public.schemas';
import { api } from './client';

// Types come from the server's zod contracts (type-only imports).
export type PublicMovement = z.infer<typeof publicMovementsView>[number];
export type PublicRanking = z.infer<typeof publicRankingView>;
export type PublicSearch = z.infer<typeof publicSearchView>;

export function usePublicMovements() {
  return useQuery({ queryKey: ['public', 'movements'], queryFn: () => api.get<PublicMovement[]>('/api/public/movements') });
}

export function usePublicRanking(movementId: string | undefined, periodId: string | undefined, level: string, groupId?: string) {
  return useQuery({
    queryKey: ['public', 'ranking', movementId, periodId, level, groupId],
    queryFn: () => api.get<PublicRanking>(`/api/public/movements/${movementId}/rankings`, { periodId, level, groupId }),
    enabled: Boolean(movementId && periodId),
    placeholderData: keepPreviousData,
  });
}

export function usePublicSearch(q: string) {
  return useQuery({
    queryKey: ['public', 'search', q],
    queryFn: () => api.get<PublicSearch>('/api/public/search', { q }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
