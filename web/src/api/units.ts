import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  historyView,
  recordEventBody,
  searchQuery,
  searchView,
  treeView,
  unitDetailView,
  unitKindView,
  updateUnitBody,
} from '../../../src/server/modules/units/units.schemas';
import type { groupDetailView, groupView } from '../../../src/server/modules/groups/groups.schemas';
import { api } from './client';

// Types come from the server's zod contracts (type-only imports: nothing of the server reaches the bundle).

export type UnitKind = z.infer<typeof unitKindView>;
export type UnitTree = z.infer<typeof treeView>;
export type UnitTreeNode = UnitTree['nodes'][number];
export type UnitList = z.infer<typeof searchView>;
export type UnitListItem = UnitList['items'][number];
export type UnitDetail = z.infer<typeof unitDetailView>;
export type UnitStatus = UnitDetail['status'];
export type LineageKind = 'full' | 'partial';
export type LineageEventType = 'created' | 'renamed' | 'moved' | 'merged_into' | 'split_from' | 'dissolved';
export type UnitHistory = z.infer<typeof historyView>;
export type LegalBasis = NonNullable<UnitHistory['events'][number]['legalBasis']>;
export type ContactPatch = z.input<typeof updateUnitBody>;
export type UnitEventInput = z.input<typeof recordEventBody>;
export type UnitGroup = z.infer<typeof groupView>;
export type UnitGroupDetail = z.infer<typeof groupDetailView>;
/** Query of GET /api/units; includeClosed is sent as "true"/"false". */
export type UnitSearch = Omit<Partial<z.input<typeof searchQuery>>, 'includeClosed' | 'limit' | 'offset'> & { includeClosed?: boolean; limit?: number; offset?: number };

const unitsKey = ['units'] as const;

export function useUnitKinds() {
  return useQuery({ queryKey: ['unit-kinds'], queryFn: () => api.get<UnitKind[]>('/api/unit-kinds'), staleTime: 60 * 60_000 });
}

export function useUnitTree(asOf: string) {
  return useQuery({ queryKey: [...unitsKey, 'tree', asOf], queryFn: () => api.get<UnitTree>('/api/units/tree', { asOf }), staleTime: 5 * 60_000 });
}

export function searchUnits(search: UnitSearch): Promise<UnitList> {
  return api.get<UnitList>('/api/units', search);
}

export function useUnitSearch(search: UnitSearch, enabled = true) {
  return useQuery({ queryKey: [...unitsKey, 'search', search], queryFn: () => searchUnits(search), enabled, placeholderData: keepPreviousData });
}

export function useUnit(id: string, asOf: string) {
  return useQuery({ queryKey: [...unitsKey, 'detail', id, asOf], queryFn: () => api.get<UnitDetail>(`/api/units/${id}`, { asOf }) });
}

export function useUnitHistory(id: string) {
  return useQuery({ queryKey: [...unitsKey, 'history', id], queryFn: () => api.get<UnitHistory>(`/api/units/${id}/history`) });
}

export function useUpdateUnitContact(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ContactPatch) => api.patch<unknown>(`/api/units/${id}`, patch),
    // Not on error: after a 409 the form keeps the user's text until they choose to reload.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...unitsKey, 'detail', id] }),
  });
}

export function useRecordUnitEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitEventInput) => api.post<unknown>(`/api/units/${id}/events`, input),
    // Names, parents and trees may all change: refetch everything about units.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitsKey }),
  });
}

export function useGroups(asOf: string) {
  return useQuery({ queryKey: ['groups', asOf], queryFn: () => api.get<UnitGroup[]>('/api/groups', { asOf }) });
}

export function useGroup(id: string | null, asOf: string) {
  return useQuery({ queryKey: ['groups', 'detail', id, asOf], queryFn: () => api.get<UnitGroupDetail>(`/api/groups/${id}`, { asOf }), enabled: id !== null });
}
