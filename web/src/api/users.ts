import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto, UserDto } from '@shared/dto';
import type { UserRole } from '@shared/taxonomy';
import { authKeys } from './auth';
import { api } from './client';

export interface UserListParams {
  page?: number;
  pageSize?: number;
  role?: UserRole;
  q?: string;
}

export interface UpdateMeInput {
  name?: string;
  phone?: string;
  locale?: 'zh-CN' | 'en';
}

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (params: UserListParams) => [...userKeys.lists(), params] as const,
  detail: (id: string) => [...userKeys.all, 'detail', id] as const,
};

export function useUsers(params: UserListParams, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(params),
    queryFn: () => api.get<PageDto<UserDto>>('/api/users', { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeInput) => api.patch<{ user: UserDto }>('/api/users/me', body),
    onSuccess: ({ user }) => {
      qc.setQueryData(authKeys.me(), user);
      void qc.invalidateQueries({ queryKey: userKeys.detail(user.id) });
    },
  });
}

/** Admins lift a sign-in lock left by failed attempts. */
export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ cleared: number }>(`/api/users/${id}/unlock`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}

/** Admins disable an account (its sessions and sockets end at once) or enable it again. */
export function useSetUserDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      api.put<{ user: UserDto }>(`/api/users/${id}/disabled`, { disabled }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}

export interface RolesInput {
  roles: UserRole[];
  brokerCertNo?: string;
  operatorSubmarkets?: string[];
  officialRegion?: string;
}

/** Admins set a user's platform roles (never their own). */
export function useSetUserRoles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RolesInput }) =>
      api.put<{ user: UserDto }>(`/api/users/${id}/roles`, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
