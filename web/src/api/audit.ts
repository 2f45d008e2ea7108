import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditEntryView, auditListQuery, auditListView, auditVerifyView } from '../../../src/server/modules/audit/audit.schemas';
import { api } from './client';

export type AuditEntry = z.infer<typeof auditEntryView>;
export type AuditList = z.infer<typeof auditListView>;
export type AuditFilter = Partial<z.input<typeof auditListQuery>> & { limit: number; offset: number };
export type AuditVerification = z.infer<typeof auditVerifyView>;

export function useAudit(filter: AuditFilter) {
  return useQuery({ queryKey: ['audit', filter], queryFn: () => api.get<AuditList>('/api/audit', filter), placeholderData: keepPreviousData });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.get<AuditVerification>('/api/audit/verify') });
}
