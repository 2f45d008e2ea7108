import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { publicMovementsView, publicRankingUnitView, publicRankingView, publicSearchView } from '../../../src/server/modules/public/public.schemas';
import { api } from './client';
import type { MapData } from './maps';

// Types come from the server's zod contracts (type-only imports).
export type PublicMovement = z.infer<typeof publicMovementsView>[number];
export type PublicRanking = z.infer<typeof publicRankingView>;
export type PublicSearch = z.infer<typeof publicSearchView>;
export type PublicRankingUnit = z.infer<typeof publicRankingUnitView>;

export function usePublicMovements() {
  return useQuery({ queryKey: ['public', 'movements'], queryFn: () => api.get<PublicMovement[]>('/api/public/movements') });
}

export type PublicRankingPage = { limit: number; offset: number; q?: string };

/** One page of a published ranking (the server pages and filters; ties are counted over the whole scope). */
export function usePublicRanking(movementId: string | undefined, periodId: string | undefined, level: string, groupId: string | undefined, page: PublicRankingPage) {
  const q = page.q?.trim() || undefined;
  return useQuery({
    queryKey: ['public', 'ranking', movementId, periodId, level, groupId, page.limit, page.offset, q],
    queryFn: () => api.get<PublicRanking>(`/api/public/movements/${movementId}/rankings`, { periodId, level, groupId, limit: page.limit, offset: page.offset, q }),
    enabled: Boolean(movementId && periodId),
    placeholderData: keepPreviousData,
  });
}

/** One unit's published row with its criteria, loaded when the reader opens it. */
export function usePublicRankingUnit(movementId: string | undefined, periodId: string | undefined, level: string, groupId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: ['public', 'ranking-unit', movementId, periodId, level, groupId, unitId],
    queryFn: () => api.get<PublicRankingUnit>(`/api/public/movements/${movementId}/rankings/units/${unitId}`, { periodId, level, groupId }),
    enabled: Boolean(movementId && periodId && unitId),
    staleTime: 60_000,
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

/** The choropleth of a published period (from the ranking snapshot), loaded when the reader opens the map. */
export function usePublicMap(movementId: string | undefined, periodId: string | undefined, level: string, criterion: string | undefined) {
  return useQuery({
    queryKey: ['public', 'map', movementId, periodId, level, criterion],
    queryFn: () => api.get<MapData>(`/api/public/movements/${movementId}/map`, { periodId, level, criterion }),
    enabled: Boolean(movementId && periodId),
    placeholderData: keepPreviousData,
  });
}
