import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { taxonomyKeys } from './taxonomy';

export interface SubmarketContact {
  name: string;
  phone: string;
  email: string;
  address: string;
}

export interface AdminSubmarketDto {
  code: string;
  zh: string;
  en: string;
  kind: 'hub' | 'city' | 'new_area' | 'hitech_zone';
  regionCode: string;
  active: boolean;
  contact: SubmarketContact | null;
  operators: Array<{ id: string; name: string; email: string }>;
}

export const submarketKeys = { admin: ['submarkets', 'admin'] as const };

/** Every sub-market with its operators and contact (admins). */
export function useAdminSubmarkets() {
  return useQuery({
    queryKey: submarketKeys.admin,
    queryFn: async () => (await api.get<{ items: AdminSubmarketDto[] }>('/api/admin/submarkets')).items,
  });
}

export function useUpdateSubmarket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: { code: string; zh?: string; en?: string; contact?: Partial<SubmarketContact> }) =>
      api.patch(`/api/admin/submarkets/${code}`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: submarketKeys.admin });
      void qc.invalidateQueries({ queryKey: taxonomyKeys.all });
    },
  });
}
