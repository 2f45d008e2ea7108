import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeView, tokenCreateBody, tokenCreatedView, tokenView } from '../../../src/server/modules/auth/auth.schemas';
import { api, isApiError, setCsrfToken } from './client';

export type { MeView };
export type ApiToken = z.infer<typeof tokenView>;
export type ApiTokenCreated = z.infer<typeof tokenCreatedView>;
export type ApiTokenInput = z.infer<typeof tokenCreateBody>;

export const meKey = ['auth', 'me'] as const;
const tokensKey = ['auth', 'tokens'] as const;

/** The signed-in user, or null when signed out. Also keeps the CSRF token current. */
export async function fetchMe(): Promise<MeView | null> {
  try {
    const me = await api.get<MeView>('/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api.post<MeView>('/api/auth/login', input),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) => api.post<{ ok: true }>('/api/auth/password', input),
    onSuccess: () => {
      // Lift the forced-change flag at once so the guard lets the user through before the refetch lands.
      queryClient.setQueryData<MeView | null>(meKey, (old) => (old ? { ...old, user: { ...old.user, mustChangePassword: false } } : old));
      void queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api.get<ApiToken[]>('/api/auth/tokens') });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiTokenInput) => api.post<ApiTokenCreated>('/api/auth/tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/auth/tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
