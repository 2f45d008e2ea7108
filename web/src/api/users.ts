import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { grantCreateBody, roleView, userCreateBody, userCreatedView, userListView, userUpdateBody, userView } from '../../../src/server/modules/users/users.schemas';
import { api } from './client';

// Types come from the server's zod contracts (type-only imports).

export type RoleInfo = z.infer<typeof roleView>;
export type UserItem = z.infer<typeof userView>;
export type UserGrant = UserItem['roles'][number];
export type UserList = z.infer<typeof userListView>;
export type UserCreateInput = z.input<typeof userCreateBody>;
export type UserCreated = z.infer<typeof userCreatedView>;
export type UserPatch = z.input<typeof userUpdateBody>;
export type GrantInput = z.input<typeof grantCreateBody>;

const usersKey = ['users'] as const;

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api.get<RoleInfo[]>('/api/roles'), staleTime: 60 * 60_000 });
}

export function useUsers(search: { q?: string; unitId?: string; limit: number; offset: number }) {
  return useQuery({ queryKey: [...usersKey, 'list', search], queryFn: () => api.get<UserList>('/api/users', search), placeholderData: keepPreviousData });
}

function useUsersMutation<TInput, TOutput>(fn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export const useCreateUser = () => useUsersMutation((input: UserCreateInput) => api.post<UserCreated>('/api/users', input));
export const useUpdateUser = () => useUsersMutation(({ id, patch }: { id: string; patch: UserPatch }) => api.patch<UserItem>(`/api/users/${id}`, patch));
export const useResetPassword = () => useUsersMutation((id: string) => api.post<{ temporaryPassword: string }>(`/api/users/${id}/reset-password`));
export const useGrantRole = () => useUsersMutation(({ userId, grant }: { userId: string; grant: GrantInput }) => api.post<unknown>(`/api/users/${userId}/grants`, grant));
export const useRevokeGrant = () =>
  useUsersMutation(({ userId, grantId }: { userId: string; grantId: string }) => api.post<unknown>(`/api/users/${userId}/grants/${grantId}/revoke`));
