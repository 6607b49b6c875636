import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type { MakerDto, RegisterMakerBody, UpdateMakerBody } from '@shared/makers';
import { authKeys } from './auth';
import { api } from './client';
import { orgKeys } from './orgs';

export interface MakerListParams {
  page?: number;
  pageSize?: number;
  kind?: string;
  fieldCode?: string;
  regionCode?: string;
  q?: string;
}

export const makerKeys = {
  all: ['makers'] as const,
  list: (p: MakerListParams) => [...makerKeys.all, 'list', p] as const,
  detail: (id: string) => [...makerKeys.all, 'detail', id] as const,
};

/** The public directory of verified makers. */
export function useMakers(p: MakerListParams) {
  return useQuery({
    queryKey: makerKeys.list(p),
    queryFn: () => api.get<PageDto<MakerDto>>('/api/makers', { ...p }),
    placeholderData: keepPreviousData,
  });
}

export function useMaker(id: string) {
  return useQuery({
    queryKey: makerKeys.detail(id),
    queryFn: async () => (await api.get<{ maker: MakerDto }>(`/api/makers/${id}`)).maker,
  });
}

/** 成为创客: the user becomes the maker's admin, so the session's organisation changes too. */
export function useRegisterMaker() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: RegisterMakerBody) => (await api.post<{ maker: MakerDto }>('/api/makers', body)).maker,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: authKeys.all });
      void qc.invalidateQueries({ queryKey: makerKeys.all });
      void qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

export function useUpdateMaker(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateMakerBody) =>
      (await api.patch<{ maker: MakerDto }>(`/api/makers/${id}`, body)).maker,
    onSuccess: () => void qc.invalidateQueries({ queryKey: makerKeys.all }),
  });
}
