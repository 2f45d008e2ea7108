import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  compilationView,
  evidenceView,
  formView,
  reportSummaryView,
  reportView,
  saveReportBody,
  transitionBody,
  documentEvidenceBody,
} from '../../../src/server/modules/reports/reports.schemas';
import type { periodView } from '../../../src/server/modules/report-regimes/report-regimes.schemas';
import type { importJobView } from '../../../src/server/modules/report-excel/report-excel.schemas';
import { api, apiRequest, ApiError, getApiLocale } from './client';

// Types come from the server's zod contracts (type-only imports).
export type ReportSummary = z.infer<typeof reportSummaryView>;
export type Report = z.infer<typeof reportView>;
export type ReportForm = z.infer<typeof formView>;
export type ReportFormArea = ReportForm['areas'][number];
export type ReportFormElement = ReportFormArea['elements'][number];
export type ReportFormCriterion = ReportFormArea['criteria'][number];
export type Evidence = z.infer<typeof evidenceView>;
export type Period = z.infer<typeof periodView>;
export type Compilation = z.infer<typeof compilationView>;
export type ImportJob = z.infer<typeof importJobView>;
export type SaveReportInput = z.input<typeof saveReportBody>;
export type TransitionInput = z.input<typeof transitionBody>;
export type DocumentEvidenceInput = z.input<typeof documentEvidenceBody>;

const key = ['reports'] as const;

export function usePeriods() {
  return useQuery({ queryKey: [...key, 'periods'], queryFn: () => api.get<Period[]>('/api/report-periods'), staleTime: 60_000 });
}

export function useReports(query: { periodId?: string; toReview?: boolean }) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: () => api.get<ReportSummary[]>('/api/reports', { periodId: query.periodId, toReview: query.toReview ? 'true' : undefined, limit: 500 }),
  });
}

export function useReportForm(id: string) {
  return useQuery({ queryKey: [...key, 'form', id], queryFn: () => api.get<ReportForm>(`/api/reports/${id}/form`) });
}

export function useCompilation(periodId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: [...key, 'compilation', periodId, unitId],
    queryFn: () => api.get<Compilation>(`/api/report-periods/${periodId}/compilation`, { unitId }),
    enabled: !!periodId,
  });
}

export function openReport(periodId: string, unitId: string): Promise<Report> {
  return api.post<Report>('/api/reports', { periodId, unitId });
}

/** A write the shared client cannot express (custom header, multipart): same cookie, CSRF and error shape. */
async function rawSend<T>(method: string, path: string, csrf: string | null, body: BodyInit | undefined, headers: Record<string, string> = {}): Promise<T> {
  const all: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getApiLocale(), ...headers };
  if (csrf) all['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, { method, headers: all, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, 'network', getApiLocale() === 'en' ? 'Cannot reach the server.' : 'Không kết nối được máy chủ.');
  }
  if (!response.ok) {
    let data: { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } = {};
    try {
      data = await response.json();
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, data.error?.code ?? 'http_error', data.error?.message ?? `HTTP ${response.status}`, data.error?.details ?? []);
  }
  return (await response.json()) as T;
}

export function useReportMutations(id: string, csrf: string | null) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  return {
    save: useMutation({ mutationFn: (body: SaveReportInput) => apiRequest<Report>('PUT', `/api/reports/${id}`, body), onSuccess: refresh }),
    transition: useMutation({
      mutationFn: ({ action, body, idempotencyKey }: { action: 'submit' | 'return' | 'approve'; body: TransitionInput; idempotencyKey?: string }) =>
        rawSend<Report>('POST', `/api/reports/${id}/${action}`, csrf, JSON.stringify(body), {
          'Content-Type': 'application/json',
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        }),
      onSuccess: refresh,
    }),
    addDocument: useMutation({ mutationFn: (body: DocumentEvidenceInput) => api.post<Evidence>(`/api/reports/${id}/evidence`, body), onSuccess: refresh }),
    uploadFile: useMutation({
      mutationFn: ({ criterionCode, file }: { criterionCode: string; file: File }) => {
        const form = new FormData();
        form.append('file', file, file.name);
        return rawSend<Evidence>('POST', `/api/reports/${id}/evidence/files?criterionCode=${encodeURIComponent(criterionCode)}`, csrf, form);
      },
      onSuccess: refresh,
    }),
    removeEvidence: useMutation({ mutationFn: (evidenceId: string) => api.delete<unknown>(`/api/reports/${id}/evidence/${evidenceId}`), onSuccess: refresh }),
  };
}

export function useMarkMissing(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; reason: string }) => api.post<unknown>(`/api/report-periods/${periodId}/missing`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function startImport(periodId: string, file: File, csrf: string | null): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  return rawSend<ImportJob>('POST', `/api/report-periods/${periodId}/imports`, csrf, form);
}

export function getImportJob(id: string): Promise<ImportJob> {
  return api.get<ImportJob>(`/api/report-imports/${id}`);
}

export function templateUrl(periodId: string, unitId?: string): string {
  return unitId ? `/api/report-periods/${periodId}/template.xlsx?unitId=${unitId}` : `/api/report-periods/${periodId}/template.xlsx`;
}
