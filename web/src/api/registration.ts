import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createLaunchBody, launchView, progressView } from '../../../src/server/modules/launches/launches.schemas';
import type {
  createRegistrationBody,
  registrationFormView,
  updateRegistrationBody,
  registrationListItemView,
  registrationView,
} from '../../../src/server/modules/registrations/registrations.schemas';
import type { pilotListBody, pilotOverviewView, pilotRegistrationView } from '../../../src/server/modules/pilots/pilots.schemas';
import { api, apiRequest } from './client';

// Types come from the server's zod contracts (type-only imports).
export type Launch = z.infer<typeof launchView>;
export type LaunchInput = z.input<typeof createLaunchBody>;
export type Progress = z.infer<typeof progressView>;
export type Obligation = Progress['obligation'];
export type Registration = z.infer<typeof registrationView>;
export type RegistrationListItem = z.infer<typeof registrationListItemView>;
export type RegistrationForm = z.infer<typeof registrationFormView>;
export type RegistrationInput = z.input<typeof createRegistrationBody>;
export type RegistrationPatch = z.input<typeof updateRegistrationBody>;
export type PilotOverview = z.infer<typeof pilotOverviewView>;
export type PilotRegistration = z.infer<typeof pilotRegistrationView>;
export type PilotInput = z.input<typeof pilotListBody>;
/** The few fields of GET /api/movements this area needs. */
export type MovementRef = { id: string; code: string; name: string; status: string };

const key = ['registration'] as const;

export function useMovementRefs() {
  return useQuery({ queryKey: [...key, 'movements'], queryFn: () => api.get<MovementRef[]>('/api/movements'), staleTime: 60_000 });
}

export function useProgress(movementId: string | undefined, obligation: Obligation) {
  return useQuery({
    queryKey: [...key, 'progress', movementId, obligation],
    queryFn: () => api.get<Progress>(`/api/movements/${movementId}/progress`, { obligation }),
    enabled: !!movementId,
  });
}

export function useLaunches(movementId: string | undefined, unitId?: string) {
  return useQuery({
    queryKey: [...key, 'launches', movementId, unitId],
    queryFn: () => api.get<Launch[]>(`/api/movements/${movementId}/launches`, { unitId }),
    enabled: !!movementId,
  });
}

export function useRecordLaunch(movementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LaunchInput) => api.post<Launch>(`/api/movements/${movementId}/launches`, input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

/** The form data for a unit, or for a cluster/block registering jointly through its lead unit (groupId). */
export function useRegistrationForm(movementId: string, target: { unitId?: string; groupId?: string; asOf?: string }, enabled = true) {
  return useQuery({
    queryKey: [...key, 'form', movementId, target.unitId ?? null, target.groupId ?? null, target.asOf ?? null],
    queryFn: () =>
      api.get<RegistrationForm>(
        `/api/movements/${movementId}/registration-form`,
        target.groupId ? { groupId: target.groupId, asOf: target.asOf } : { unitId: target.unitId, asOf: target.asOf },
      ),
    enabled: enabled && !!(target.unitId || target.groupId),
  });
}

export function useRegistrations(movementId: string | undefined, status?: string) {
  return useQuery({
    queryKey: [...key, 'list', movementId, status],
    queryFn: () => api.get<RegistrationListItem[]>(`/api/movements/${movementId}/registrations`, { status }),
    enabled: !!movementId,
  });
}

export function useRegistration(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => api.get<Registration>(`/api/registrations/${id}`) });
}

export function useCreateRegistration(movementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RegistrationInput) => api.post<Registration>(`/api/movements/${movementId}/registrations`, input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

/** Edits a draft or returned registration; with `submit`, sends it again with the edited version. */
export function useUpdateRegistration(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ patch, submit }: { patch: RegistrationPatch; submit: boolean }) => {
      const saved = await api.patch<Registration>(`/api/registrations/${id}`, patch);
      return submit ? api.post<Registration>(`/api/registrations/${id}/submit`, { rowVersion: saved.rowVersion }) : saved;
    },
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

export function useReviewRegistration(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, comment, rowVersion }: { action: 'confirm' | 'return' | 'submit'; comment?: string; rowVersion: number }) =>
      api.post<Registration>(`/api/registrations/${id}/${action}`, action === 'submit' ? { rowVersion } : { rowVersion, comment: comment || undefined }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

export function usePilots(movementId: string) {
  return useQuery({ queryKey: [...key, 'pilots', movementId], queryFn: () => api.get<PilotOverview>(`/api/movements/${movementId}/pilot-units`) });
}

export function useRegisterPilots(movementId: string, unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PilotInput) => apiRequest<PilotRegistration>('PUT', `/api/movements/${movementId}/pilot-units/${unitId}`, input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

/** The council's (or the standing agency's on its behalf) 1–2 provincial pilot units; replaces the current selection. */
export function useSelectProvincialPilots(movementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PilotInput) => apiRequest<PilotRegistration>('PUT', `/api/movements/${movementId}/pilot-units/provincial`, input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] })]),
  });
}

export function pilotXlsxUrl(movementId: string): string {
  return `/api/movements/${movementId}/pilot-units.xlsx`;
}
