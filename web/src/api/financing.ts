/** Hooks for financing match (融资匹配): /api/financing. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type {
  FiguresDto,
  FinancingMeDto,
  InterestDto,
  OutcomeBody,
  PipelineDto,
  ProductBody,
  ProductDto,
  ProductMatchDto,
  RequestBody,
  RequestDto,
} from '@shared/financing';
import { api } from './client';

export interface CatalogueParams {
  page: number;
  pageSize: number;
  instrument?: string;
  field?: string;
  region?: string;
  amountFen?: number;
  orgType?: string;
}

export const financingKeys = {
  all: ['financing'] as const,
  me: () => [...financingKeys.all, 'me'] as const,
  catalogue: (p: CatalogueParams) => [...financingKeys.all, 'catalogue', p] as const,
  myProducts: () => [...financingKeys.all, 'products', 'mine'] as const,
  myRequests: (page: number) => [...financingKeys.all, 'requests', 'mine', page] as const,
  matching: (page: number) => [...financingKeys.all, 'requests', 'matching', page] as const,
  proposals: (id: string) => [...financingKeys.all, 'requests', id, 'proposals'] as const,
  interests: (id: string) => [...financingKeys.all, 'requests', id, 'interests'] as const,
  pipeline: () => [...financingKeys.all, 'pipeline'] as const,
  figures: (q: FiguresParams) => [...financingKeys.all, 'figures', q] as const,
};

export function useFinancingMe(enabled = true) {
  return useQuery({
    queryKey: financingKeys.me(),
    queryFn: async () => (await api.get<{ me: FinancingMeDto }>('/api/financing/me')).me,
    enabled,
  });
}

export function useCatalogue(p: CatalogueParams) {
  return useQuery({
    queryKey: financingKeys.catalogue(p),
    queryFn: () => api.get<PageDto<ProductDto>>('/api/financing/products', { ...p }),
    placeholderData: keepPreviousData,
  });
}

export function useMyProducts(enabled = true) {
  return useQuery({
    queryKey: financingKeys.myProducts(),
    queryFn: async () => (await api.get<{ items: ProductDto[] }>('/api/financing/products/mine')).items,
    enabled,
  });
}

/** Create (no id) or edit a product; both invalidate the institution's list and the catalogue. */
export function useSaveProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: ProductBody }) =>
      id
        ? (await api.put<{ product: ProductDto }>(`/api/financing/products/${id}`, body)).product
        : (await api.post<{ product: ProductDto }>('/api/financing/products', body)).product,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useProductStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: 'publish' | 'withdraw' }) =>
      (await api.post<{ product: ProductDto }>(`/api/financing/products/${id}/status`, { action })).product,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useMyRequests(page: number, enabled = true) {
  return useQuery({
    queryKey: financingKeys.myRequests(page),
    queryFn: () => api.get<PageDto<RequestDto>>('/api/financing/requests/mine', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSaveRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id?: string; body: RequestBody }) =>
      id
        ? (await api.put<{ request: RequestDto }>(`/api/financing/requests/${id}`, body)).request
        : (await api.post<{ request: RequestDto }>('/api/financing/requests', body)).request,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useRequestStatus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action, reason }: { id: string; action: 'open' | 'close'; reason?: string }) =>
      (await api.post<{ request: RequestDto }>(`/api/financing/requests/${id}/status`, { action, reason })).request,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useProposals(id: string, enabled: boolean) {
  return useQuery({
    queryKey: financingKeys.proposals(id),
    queryFn: async () => (await api.get<{ items: ProductMatchDto[] }>(`/api/financing/requests/${id}/proposals`)).items,
    enabled,
  });
}

export function useInterests(id: string, enabled: boolean) {
  return useQuery({
    queryKey: financingKeys.interests(id),
    queryFn: async () => (await api.get<{ items: InterestDto[] }>(`/api/financing/requests/${id}/interests`)).items,
    enabled,
  });
}

export function useDecideInterest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, decision }: { id: string; decision: 'accept' | 'reject' }) =>
      (await api.post<{ interest: InterestDto }>(`/api/financing/interests/${id}/decision`, { decision })).interest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useMatching(page: number, enabled = true) {
  return useQuery({
    queryKey: financingKeys.matching(page),
    queryFn: () => api.get<PageDto<RequestDto>>('/api/financing/requests/matching', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useExpressInterest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      requestId,
      body,
    }: {
      requestId: string;
      body: { message: string; privateNote?: string; productId?: string };
    }) => (await api.post<{ interest: InterestDto }>(`/api/financing/requests/${requestId}/interests`, body)).interest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function useRecordOutcome() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: OutcomeBody }) =>
      (await api.post<{ interest: InterestDto }>(`/api/financing/interests/${id}/outcome`, body)).interest,
    onSuccess: () => void qc.invalidateQueries({ queryKey: financingKeys.all }),
  });
}

export function usePipeline() {
  return useQuery({
    queryKey: financingKeys.pipeline(),
    queryFn: async () => (await api.get<{ pipeline: PipelineDto }>('/api/financing/pipeline')).pipeline,
  });
}

/** The officials' figures for a city (or their whole region) and a period of Beijing days (YYYY-MM-DD). */
export interface FiguresParams {
  region?: string;
  from?: string;
  to?: string;
}

export function useFigures(q: FiguresParams) {
  return useQuery({
    queryKey: financingKeys.figures(q),
    queryFn: async () => (await api.get<{ figures: FiguresDto }>('/api/financing/figures', { ...q })).figures,
    // The old figures stay while a changed period loads.
    placeholderData: keepPreviousData,
  });
}
