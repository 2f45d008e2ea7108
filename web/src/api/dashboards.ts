import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { dashboardView, overdueView, rankingView, scorecardView, trendView } from '../../../src/server/modules/dashboards/dashboards.schemas';
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

export function useDashboard(movementId: string | undefined, periodId: string | undefined, unitId: string | undefined, groupId?: string) {
  return useQuery({
    queryKey: ['dashboard', movementId, periodId, unitId, groupId],
    enabled: Boolean(movementId && periodId),
    queryFn: () => api.get<Dashboard>(`/api/movements/${movementId}/dashboard`, { periodId, unitId, groupId }),
    placeholderData: keepPreviousData,
  });
}

export type Overdue = z.infer<typeof overdueView>;

/** A page of the units overdue for the period (loaded when the overdue tab opens). */
export function useOverdue(movementId: string | undefined, periodId: string | undefined, unitId: string | undefined, groupId: string | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['dashboard', 'overdue', movementId, periodId, unitId, groupId, page, pageSize],
    enabled: Boolean(movementId && periodId),
    queryFn: () =>
      api.get<Overdue>(`/api/movements/${movementId}/dashboard/overdue`, { periodId, unitId, groupId, limit: String(pageSize), offset: String((page - 1) * pageSize) }),
    placeholderData: keepPreviousData,
  });
}

export function useRanking(movementId: string | undefined, periodId: string | undefined, level: string, groupId?: string) {
  return useQuery({
    queryKey: ['ranking', movementId, periodId, level, groupId],
    enabled: Boolean(movementId && periodId),
    queryFn: () => api.get<Ranking>(`/api/movements/${movementId}/rankings`, { periodId, level, groupId }),
    placeholderData: keepPreviousData,
  });
}

export type Trend = z.infer<typeof trendView>;
export type Scorecard = z.infer<typeof scorecardView>;

/** Met % and completeness per period (each period on its own organisation tree). */
export function useTrend(movementId: string | undefined, periodId: string | undefined, unitId: string | undefined, groupId: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'trend', movementId, periodId, unitId, groupId],
    enabled: Boolean(movementId && periodId),
    queryFn: () => api.get<Trend>(`/api/movements/${movementId}/dashboard/trend`, { periodId, unitId, groupId }),
    placeholderData: keepPreviousData,
  });
}

/** A unit's scorecard for a movement (latest approved period unless one is chosen). */
export function useScorecard(unitId: string | undefined, movementId: string | undefined, periodId: string | undefined) {
  return useQuery({
    queryKey: ['scorecard', unitId, movementId, periodId],
    enabled: Boolean(unitId && movementId),
    queryFn: () => api.get<Scorecard>(`/api/units/${unitId}/scorecard`, { movementId, periodId }),
    placeholderData: keepPreviousData,
  });
}
