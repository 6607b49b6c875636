/**
 * Hooks for the two listing kinds, achievements (/api/achievements) and needs (/api/needs): the API runs
 * both on one machine (review, revisions, NDA), so one module parameterised by kind serves both.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import { api } from './client';
import { listingPlural, type CardOf, type DetailOf, type ListingKind, type ListingListParams } from './listing-types';

export const listingKeys = {
  all: (kind: ListingKind) => [listingPlural[kind]] as const,
  lists: (kind: ListingKind) => [...listingKeys.all(kind), 'list'] as const,
  list: (kind: ListingKind, params: ListingListParams) => [...listingKeys.lists(kind), params] as const,
  details: (kind: ListingKind) => [...listingKeys.all(kind), 'detail'] as const,
  detail: (kind: ListingKind, id: string) => [...listingKeys.details(kind), id] as const,
};

const base = (kind: ListingKind) => `/api/${listingPlural[kind]}`;

/** Every write answers with the listing in the caller's view, under its kind's name ({achievement} / {need}). */
type Envelope<K extends ListingKind> = { [P in K]: DetailOf<K> };

export function useListings<K extends ListingKind>(kind: K, params: ListingListParams, enabled = true) {
  return useQuery({
    queryKey: listingKeys.list(kind, params),
    queryFn: () => api.get<PageDto<CardOf<K>>>(base(kind), { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useListing<K extends ListingKind>(kind: K, id: string | undefined) {
  return useQuery({
    queryKey: listingKeys.detail(kind, id ?? ''),
    queryFn: async () => (await api.get<Envelope<K>>(`${base(kind)}/${id}`))[kind],
    enabled: !!id,
  });
}

/** A changed listing: its detail is replaced, and every list of its kind (public, mine, review) may differ. */
function stored<K extends ListingKind>(qc: QueryClient, kind: K, listing: DetailOf<K>) {
  qc.setQueryData(listingKeys.detail(kind, listing.id), listing);
  void qc.invalidateQueries({ queryKey: listingKeys.lists(kind) });
}

export function useCreateListing<K extends ListingKind>(kind: K) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: unknown) => (await api.post<Envelope<K>>(base(kind), body))[kind],
    onSuccess: (listing) => stored(qc, kind, listing),
  });
}

export function useUpdateListing<K extends ListingKind>(kind: K) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: unknown }) =>
      (await api.patch<Envelope<K>>(`${base(kind)}/${id}`, body))[kind],
    onSuccess: (listing) => stored(qc, kind, listing),
  });
}

export type ListingAction = 'submit' | 'withdraw' | 'archive';

/** The owner's transitions (archive also for reviewers); the state table is in the API's listing.state.ts. */
export function useListingAction<K extends ListingKind>(kind: K) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: string; action: ListingAction }) =>
      (await api.post<Envelope<K>>(`${base(kind)}/${id}/${action}`))[kind],
    onSuccess: (listing) => stored(qc, kind, listing),
  });
}

export interface ReviewInput {
  id: string;
  decision: 'approve' | 'reject';
  reason?: string;
}

export function useReviewListing<K extends ListingKind>(kind: K) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: ReviewInput) =>
      (await api.post<Envelope<K>>(`${base(kind)}/${id}/review`, body))[kind],
    onSuccess: (listing) => stored(qc, kind, listing),
  });
}

/** Click-through NDA: the answer is the listing in the NDA view (confidential part included). */
export function useAcceptNda<K extends ListingKind>(kind: K) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => (await api.post<Envelope<K>>(`${base(kind)}/${id}/nda`))[kind],
    onSuccess: (listing) => qc.setQueryData(listingKeys.detail(kind, listing.id), listing),
  });
}
