import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiErrorMessage } from './client';
import { api } from './client';
import type { SearchParams } from './search';

export interface NotificationDto {
  id: string;
  /** listing_match, saved_search, org_invitation, account_locked, or a module's event (offer_made, contract_ready…). */
  type: string;
  /** The category the user can switch off (null on match and account notices stored before categories). */
  category: string | null;
  title: ApiErrorMessage;
  body: ApiErrorMessage;
  link: string;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationDto[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

export interface SavedSearchDto {
  id: string;
  name: string;
  query: SearchParams;
  notify: boolean;
  createdAt: string;
}

export interface NotificationListParams {
  page?: number;
  pageSize?: number;
  unread?: boolean;
}

/** The bell polls at this rate; new matches arrive from the search-sync worker at any time. */
export const NOTIFICATION_POLL_MS = 30_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  list: (params: NotificationListParams) => [...notificationKeys.lists(), params] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
  saved: () => ['saved-searches'] as const,
};

export function useNotifications(params: NotificationListParams) {
  return useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: () =>
      api.get<NotificationPage>('/api/notifications', {
        page: params.page,
        pageSize: params.pageSize,
        unread: params.unread ? 'true' : undefined,
      }),
    placeholderData: keepPreviousData,
  });
}

/** The unread count for the header bell: one tiny page, polled. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () =>
      (await api.get<NotificationPage>('/api/notifications', { page: 1, pageSize: 1, unread: 'true' })).unread,
    enabled,
    refetchInterval: NOTIFICATION_POLL_MS,
    staleTime: 0,
  });
}

export interface NotificationPrefs {
  categories: Array<{ code: string; zh: string; en: string; on: boolean }>;
}

export function useNotificationPrefs() {
  return useQuery({
    queryKey: [...notificationKeys.all, 'prefs'] as const,
    queryFn: () => api.get<NotificationPrefs>('/api/notifications/preferences'),
  });
}

export function useSetNotificationPrefs() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (off: string[]) => api.put<NotificationPrefs>('/api/notifications/preferences', { off }),
    onSuccess: (prefs) => qc.setQueryData([...notificationKeys.all, 'prefs'], prefs),
  });
}

export type DigestFrequency = 'daily' | 'weekly';

/** How often the match digest comes (the `match` category switches it off altogether). */
export function useDigestFrequency() {
  return useQuery({
    queryKey: [...notificationKeys.all, 'digest'] as const,
    queryFn: () => api.get<{ frequency: DigestFrequency }>('/api/matches/digest'),
  });
}

export function useSetDigestFrequency() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (frequency: DigestFrequency) =>
      api.put<{ frequency: DigestFrequency }>('/api/matches/digest', { frequency }),
    onSuccess: (r) => qc.setQueryData([...notificationKeys.all, 'digest'], r),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/notifications/${id}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => (await api.post<{ updated: number }>('/api/notifications/read-all')).updated,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useSavedSearches(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.saved(),
    queryFn: async () => (await api.get<{ items: SavedSearchDto[] }>('/api/saved-searches')).items,
    enabled,
  });
}

export function useCreateSavedSearch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; query: SearchParams; notify: boolean }) =>
      (await api.post<{ savedSearch: SavedSearchDto }>('/api/saved-searches', body)).savedSearch,
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.saved() }),
  });
}

export function useDeleteSavedSearch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/saved-searches/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: notificationKeys.saved() }),
  });
}
