import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createDifficultyBody, difficultyListQuery, difficultyView } from '../../../src/server/modules/difficulties/difficulties.schemas';
import { api } from './client';

// Types come from the server's zod contracts (type-only imports).
export type Difficulty = z.infer<typeof difficultyView>;
export type DifficultyInput = z.input<typeof createDifficultyBody>;
export type DifficultyFilter = z.infer<typeof difficultyListQuery>;
export type DifficultyStatus = Difficulty['status'];
export type DifficultyKind = Difficulty['kind'];
export type DifficultyAttachment = Difficulty['attachments'][number];

const key = ['difficulties'] as const;

/** Everything a difficulty write can change: the lists, the detail, the inbox and the registration pages' card. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: key }), qc.invalidateQueries({ queryKey: ['inbox'] }), qc.invalidateQueries({ queryKey: ['notifications'] })]);
}

export function useDifficulties(filter: DifficultyFilter, enabled = true) {
  return useQuery({ queryKey: [...key, 'list', filter], queryFn: () => api.get<Difficulty[]>('/api/difficulties', filter), enabled });
}

export function useDifficulty(id: string) {
  return useQuery({ queryKey: [...key, 'detail', id], queryFn: () => api.get<Difficulty>(`/api/difficulties/${id}`) });
}

export function useFileDifficulty() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: DifficultyInput) => api.post<Difficulty>('/api/difficulties', input), onSuccess: invalidate });
}

export function useAnswerDifficulty(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { answer: string; rowVersion: number }) => api.post<Difficulty>(`/api/difficulties/${id}/answer`, input),
    onSuccess: invalidate,
  });
}

export function useCloseDifficulty(id: string) {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (input: { rowVersion: number }) => api.post<Difficulty>(`/api/difficulties/${id}/close`, input), onSuccess: invalidate });
}
