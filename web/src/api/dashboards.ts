import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { dashboardView, rankingView } from '../../../src/server/modules/dashboards/dashboards.schemas';
import type { periodView, regimeView } from '../../../src/server/modules/report-regimes/report-regimes.schemas';
import { api } from './client';

export type Dashboard = z.infer<typeof dashboardView>;
export type Ranking = z.infer<typeof rankingView>;
export type Regime = z.infer<typeof regimeView>;
export type Period = z.infer<typeof periodView>;

/** Periods of every regime of a movement, newest first. */
export function useMovementPeriods(movementId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'periods', movementId],
    enabled: Boolean(movementId),
    queryFn: async () => {
      const regimes = (await api.get<Regime[]>('/api/report-regimes')).filter((r) => r.movementId === movementId);
      const lists = await Promise.all(regimes.map((r) => api.get<Period[]>('/api/report-periods', { regimeId: r.id })));
      return lists.flat().sort((a, b) => b.endDate.localeCompare(a.endDate));
    },
  });
}

export function useDashboard(movementId: string | undefined, periodId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', movementId, periodId, unitId],
    enabled: Boolean(movementId && periodId),
    queryFn: () => api.get<Dashboard>(`/api/movements/${movementId}/dashboard`, { periodId, unitId }),
    placeholderData: keepPreviousData,
  });
}

export function useRanking(movementId: string | undefined, periodId: string | undefined, level: string) {
  return useQuery({
    queryKey: ['ranking', movementId, periodId, level],
    enabled: Boolean(movementId && periodId),
    queryFn: () => api.get<Ranking>(`/api/movements/${movementId}/rankings`, { periodId, level }),
    placeholderData: keepPreviousData,
  });
}
