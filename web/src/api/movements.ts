import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { agencyView, milestoneView, movementDetailView, movementListItemView, packageImportedView, phaseView } from '../../../src/server/modules/movements/movements.schemas';
import { ApiError, api, getApiLocale, type ApiErrorDetail } from './client';

// Types come from the server's zod contracts (type-only imports: nothing of the server reaches the bundle).

export type MovementListItem = z.infer<typeof movementListItemView>;
export type MovementDetail = z.infer<typeof movementDetailView>;
export type MovementStatus = MovementDetail['status'];
export type MovementPhase = z.infer<typeof phaseView>;
export type MovementMilestone = z.infer<typeof milestoneView>;
export type MilestoneStatus = MovementMilestone['status'];
export type MovementAgency = z.infer<typeof agencyView>;
export type MovementCriteriaSet = MovementDetail['criteriaSets'][number];
export type PackageImported = z.infer<typeof packageImportedView>;

export const movementsKey = ['movements'] as const;

export function useMovements() {
  return useQuery({ queryKey: [...movementsKey, 'list'], queryFn: () => api.get<MovementListItem[]>('/api/movements') });
}

export function useMovement(id: string) {
  return useQuery({ queryKey: [...movementsKey, 'detail', id], queryFn: () => api.get<MovementDetail>(`/api/movements/${id}`) });
}

/** Imports a movement package (already parsed JSON); an invalid one is refused whole with every error by path. */
export function useImportPackage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (pkg: unknown) => api.post<PackageImported>('/api/movement-packages', pkg),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: movementsKey }),
  });
}

function fileNameOf(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/**
 * Downloads the movement package (JSON) as a file. Fetched first so that a refusal (no frozen version, signed out)
 * shows as a message instead of a JSON error page.
 */
export async function downloadMovementPackage(id: string, fallbackName: string): Promise<void> {
  const locale = getApiLocale();
  let response: Response;
  try {
    response = await fetch(`/api/movements/${id}/package`, { credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': locale } });
  } catch {
    throw new ApiError(0, 'network', locale === 'en' ? 'Cannot reach the server. Check the network and try again.' : 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  }
  if (!response.ok) {
    let error = new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
    try {
      const data = (await response.json()) as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } };
      if (data.error) error = new ApiError(response.status, data.error.code ?? 'error', data.error.message ?? error.message, data.error.details ?? []);
    } catch {
      // Not JSON.
    }
    throw error;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
