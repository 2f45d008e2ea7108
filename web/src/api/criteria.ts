import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  createVersionBody,
  criteriaSetView,
  diffView,
  dryRunBody,
  unitScoreView,
  validateExpressionBody,
  validateExpressionView,
  versionSummaryView,
  versionView,
} from '../../../src/server/modules/criteria/criteria.schemas';
import type { CriteriaSetVersion, DataElement } from '../../../src/core/criteria/criteria.schemas';
import { api, apiRequest } from './client';
import { movementsKey } from './movements';

// Types come from the server's zod contracts (type-only imports: nothing of the server reaches the bundle).

export type CriteriaSet = z.infer<typeof criteriaSetView>;
export type CriteriaVersionSummary = z.infer<typeof versionSummaryView>;
export type CriteriaVersion = z.infer<typeof versionView>;
export type CriteriaDiff = z.infer<typeof diffView>;
export type CriteriaChange = CriteriaDiff['changes'][number];
export type UnitScore = z.infer<typeof unitScoreView>;
export type CriterionScore = UnitScore['criteria'][number];
export type CriterionStatus = CriterionScore['status'];
export type DryRunInput = z.input<typeof dryRunBody>;
export type CreateVersionInput = z.input<typeof createVersionBody>;
export type ExpressionCheck = z.infer<typeof validateExpressionView>;
export type ExpressionCheckInput = z.input<typeof validateExpressionBody>;

const criteriaKey = ['criteria'] as const;

export function useCriteriaSet(id: string | null) {
  return useQuery({ queryKey: [...criteriaKey, 'set', id], queryFn: () => api.get<CriteriaSet>(`/api/criteria-sets/${id}`), enabled: id !== null });
}

export function useCriteriaVersion(id: string | null) {
  return useQuery({ queryKey: [...criteriaKey, 'version', id], queryFn: () => api.get<CriteriaVersion>(`/api/criteria-versions/${id}`), enabled: id !== null });
}

export function useCriteriaDiff(setId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: [...criteriaKey, 'diff', setId, from, to],
    queryFn: () => api.get<CriteriaDiff>(`/api/criteria-sets/${setId}/diff`, { from, to }),
    enabled: from !== null && to !== null && from !== to,
    placeholderData: keepPreviousData,
  });
}

/** After any write: versions, diffs and the movement's version lists may all change. */
function useInvalidateCriteria() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: criteriaKey }), queryClient.invalidateQueries({ queryKey: movementsKey })]);
}

export type SaveVersionInput = {
  rowVersion: number;
  effectiveFrom?: string;
  legalBasis?: CriteriaVersion['legalBasis'];
  definition: CriteriaSetVersion;
};

export function useSaveVersion(id: string) {
  const invalidate = useInvalidateCriteria();
  return useMutation({
    mutationFn: (input: SaveVersionInput) => apiRequest<CriteriaVersion>('PUT', `/api/criteria-versions/${id}`, input),
    // Not on error: after a 409 the editor keeps the user's changes until they choose to reload.
    onSuccess: () => invalidate(),
  });
}

export function useFreezeVersion(id: string) {
  const invalidate = useInvalidateCriteria();
  return useMutation({
    mutationFn: (reason: string) => api.post<CriteriaVersion>(`/api/criteria-versions/${id}/freeze`, { reason }),
    onSuccess: () => invalidate(),
  });
}

export function useCreateVersion(setId: string) {
  const invalidate = useInvalidateCriteria();
  return useMutation({
    mutationFn: (input: CreateVersionInput) => api.post<CriteriaVersion>(`/api/criteria-sets/${setId}/versions`, input),
    onSuccess: () => invalidate(),
  });
}

/** Scores sample values against a stored version (nothing is written). */
export function useDryRun(versionId: string) {
  return useMutation({ mutationFn: (input: DryRunInput) => api.post<UnitScore>(`/api/criteria-versions/${versionId}/dry-run`, input) });
}

/** Scores sample values against an unsaved definition (the editor's own "try it"). */
export function useDefinitionDryRun() {
  return useMutation({ mutationFn: (input: DryRunInput & { definition: CriteriaSetVersion }) => api.post<UnitScore>('/api/criteria/dry-run', input) });
}

/** Checks one formula against the data elements; a wrong formula is an answer (ok: false), not an error. */
export function validateExpression(expression: string, dataElements: DataElement[], expect: 'number' | 'boolean'): Promise<ExpressionCheck> {
  return api.post<ExpressionCheck>('/api/criteria/validate-expression', { expression, dataElements, expect } satisfies ExpressionCheckInput);
}
