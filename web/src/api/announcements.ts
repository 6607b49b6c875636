/** Hooks for announcements and policies (通知公告 / 政策文件): /api/announcements and /api/admin/announcements. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type { AnnouncementDto, AnnouncementKind } from '@shared/announcements';
import { api } from './client';

export interface AnnouncementParams {
  page: number;
  pageSize: number;
  kind?: string;
  submarket?: string;
  status?: string;
}

export interface AnnouncementInput {
  kind: AnnouncementKind;
  title: string;
  body: string;
  submarketCode: string;
  attachmentId: string | null;
}

export const announcementKeys = {
  all: ['announcements'] as const,
  list: (p: AnnouncementParams) => [...announcementKeys.all, 'list', p] as const,
  manage: (p: AnnouncementParams) => [...announcementKeys.all, 'manage', p] as const,
  one: (id: string) => [...announcementKeys.all, 'one', id] as const,
};

export function useAnnouncements(p: AnnouncementParams) {
  return useQuery({
    queryKey: announcementKeys.list(p),
    queryFn: () => api.get<PageDto<AnnouncementDto>>('/api/announcements', { ...p }),
    placeholderData: keepPreviousData,
  });
}

export function useAnnouncement(id: string) {
  return useQuery({
    queryKey: announcementKeys.one(id),
    queryFn: async () => (await api.get<{ announcement: AnnouncementDto }>(`/api/announcements/${id}`)).announcement,
  });
}

export function useManagedAnnouncements(p: AnnouncementParams) {
  return useQuery({
    queryKey: announcementKeys.manage(p),
    queryFn: () => api.get<PageDto<AnnouncementDto>>('/api/admin/announcements', { ...p }),
    placeholderData: keepPreviousData,
  });
}

type Change =
  | { id?: undefined; action: 'create'; input: AnnouncementInput }
  | { id: string; action: 'update'; input: Partial<AnnouncementInput> }
  | { id: string; action: 'publish' | 'unpublish' }
  | { id: string; action: 'pin'; pinned: boolean };

/** Every change a publisher makes; all of them refresh every announcement list. */
export function useChangeAnnouncement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (c: Change) => {
      const base = '/api/admin/announcements';
      type R = { announcement: AnnouncementDto };
      if (c.action === 'create') return (await api.post<R>(base, c.input)).announcement;
      if (c.action === 'update') return (await api.patch<R>(`${base}/${c.id}`, c.input)).announcement;
      if (c.action === 'pin') return (await api.put<R>(`${base}/${c.id}/pinned`, { pinned: c.pinned })).announcement;
      return (await api.post<R>(`${base}/${c.id}/${c.action}`)).announcement;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: announcementKeys.all }),
  });
}
