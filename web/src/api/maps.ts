import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { boundarySetsView, boundarySetView, mapView } from '../../../src/server/modules/maps/maps.schemas';
import { api, ApiError, getApiLocale } from './client';

// Types come from the server's zod contracts (type-only imports).
export type BoundarySets = z.infer<typeof boundarySetsView>;
export type BoundarySet = z.infer<typeof boundarySetView>;
export type MapData = z.infer<typeof mapView>;

export function useBoundarySets() {
  return useQuery({ queryKey: ['maps', 'sets'], queryFn: () => api.get<BoundarySets>('/api/unit-boundary-sets') });
}

export function useMapData(movementId: string | undefined, periodId: string | undefined, level: string, criterion: string | undefined, boundarySetId: string | undefined) {
  return useQuery({
    queryKey: ['maps', 'data', movementId, periodId, level, criterion, boundarySetId],
    queryFn: () => api.get<MapData>(`/api/movements/${movementId}/map`, { periodId, level, criterion, boundarySetId }),
    enabled: Boolean(movementId && periodId),
    placeholderData: keepPreviousData,
  });
}

/** Multipart upload (the shared client speaks JSON only): same cookie, CSRF header and error shape. */
async function uploadForm(form: FormData, csrf: string | null): Promise<BoundarySet> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getApiLocale() };
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch('/api/unit-boundary-sets', { method: 'POST', headers, credentials: 'same-origin', body: form });
  const data = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } & BoundarySet;
  if (!response.ok) throw new ApiError(response.status, data.error?.code ?? 'http_error', data.error?.message ?? `HTTP ${response.status}`, data.error?.details ?? []);
  return data;
}

export function useBoundaryMutations(csrf: string | null) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['maps'] });
  return {
    upload: useMutation({
      mutationFn: ({ file, name, asOf, codeProperty }: { file: File; name: string; asOf: string; codeProperty: string }) => {
        const form = new FormData();
        form.append('name', name);
        form.append('asOf', asOf);
        form.append('codeProperty', codeProperty);
        form.append('file', file, file.name);
        return uploadForm(form, csrf);
      },
      onSuccess: refresh,
    }),
    demo: useMutation({ mutationFn: (body: { asOf: string; levels: string[] }) => api.post<BoundarySet>('/api/unit-boundary-sets/demo', body), onSuccess: refresh }),
  };
}
