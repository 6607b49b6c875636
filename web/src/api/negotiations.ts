/** Hooks for negotiation rooms: /api/negotiations (real-time updates: pages/negotiations/use-room.ts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BrokerDecisionBody,
  BrokerCommissionsDto,
  DealDto,
  NegotiationDto,
  NegotiationEventDto,
  OfferDto,
  OfferTerms,
  OperatorNegotiationDto,
  OperatorNegotiationsQuery,
  ParticipantDto,
} from '@shared/negotiation-events';
import type { PageDto } from '@shared/dto';
import { api } from './client';

export const negotiationKeys = {
  all: ['negotiations'] as const,
  list: (q: { role?: 'party' | 'broker'; status?: string; page?: number }) =>
    [...negotiationKeys.all, 'list', q] as const,
  detail: (id: string) => [...negotiationKeys.all, 'detail', id] as const,
  offers: (id: string) => [...negotiationKeys.detail(id), 'offers'] as const,
  participants: (id: string) => [...negotiationKeys.detail(id), 'participants'] as const,
  brokers: () => [...negotiationKeys.all, 'brokers'] as const,
  commissions: () => [...negotiationKeys.all, 'commissions'] as const,
  operator: (q: Partial<OperatorNegotiationsQuery>) => [...negotiationKeys.all, 'operator', q] as const,
};

/** Client ids make a resend idempotent on the server; crypto.randomUUID needs a secure context. */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto && window.isSecureContext) return crypto.randomUUID();
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Room lists and commissions change with what happens in other browsers: a mounted page is kept fresh by
 * the socket, and a page being opened asks again rather than trusting a 30 s old copy.
 */
const refetchOnOpen = { staleTime: 0 } as const;

export function useNegotiations(q: { role?: 'party' | 'broker'; status?: string; page?: number } = {}) {
  return useQuery({
    queryKey: negotiationKeys.list(q),
    queryFn: () => api.get<PageDto<NegotiationDto>>('/api/negotiations', { pageSize: 50, ...q }),
    ...refetchOnOpen,
  });
}

/** Operators' list of the rooms in their sub-markets (metadata only). */
export function useOperatorNegotiations(q: Partial<OperatorNegotiationsQuery>) {
  return useQuery({
    queryKey: negotiationKeys.operator(q),
    queryFn: () => api.get<PageDto<OperatorNegotiationDto>>('/api/negotiations/admin', q),
    placeholderData: (previous) => previous,
    ...refetchOnOpen,
  });
}

/** An operator assigns a broker to a room of their sub-market (the same endpoint parties invite through). */
export function useAssignBroker() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ negotiationId, brokerId }: { negotiationId: string; brokerId: string }) =>
      api.post(`/api/negotiations/${negotiationId}/brokers`, { brokerId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: negotiationKeys.all }),
  });
}

export function useNegotiation(id: string) {
  return useQuery({
    queryKey: negotiationKeys.detail(id),
    queryFn: async () => (await api.get<{ negotiation: NegotiationDto }>(`/api/negotiations/${id}`)).negotiation,
  });
}

export function useOffers(id: string, enabled = true) {
  return useQuery({
    queryKey: negotiationKeys.offers(id),
    queryFn: async () => (await api.get<{ items: OfferDto[] }>(`/api/negotiations/${id}/offers`)).items,
    enabled,
  });
}

export function useParticipants(id: string, enabled = true) {
  return useQuery({
    queryKey: negotiationKeys.participants(id),
    queryFn: async () => (await api.get<{ items: ParticipantDto[] }>(`/api/negotiations/${id}/participants`)).items,
    enabled,
  });
}

export function useBrokers(enabled = true) {
  return useQuery({
    queryKey: negotiationKeys.brokers(),
    queryFn: async () =>
      (
        await api.get<{ items: Array<{ id: string; name: string; certNo: string | null; agency: string | null }> }>(
          '/api/negotiations/brokers',
        )
      ).items,
    enabled,
  });
}

export function useCommissions() {
  return useQuery({
    queryKey: negotiationKeys.commissions(),
    queryFn: () => api.get<BrokerCommissionsDto>('/api/negotiations/commissions'),
    ...refetchOnOpen,
  });
}

export async function fetchEvents(
  id: string,
  after: number,
): Promise<{ events: NegotiationEventDto[]; lastSeq: number }> {
  return api.get(`/api/negotiations/${id}/events`, { after, limit: 500 });
}

export function useOpenNegotiation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (subject: { kind: 'achievement' | 'need' | 'proposal'; id: string }) =>
      (await api.post<{ negotiation: NegotiationDto }>('/api/negotiations', { subject })).negotiation,
    onSuccess: () => void qc.invalidateQueries({ queryKey: negotiationKeys.all }),
  });
}

/** Mutations of one room; each invalidates the room (its offers, participants and summary). */
export function useRoomActions(id: string) {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: negotiationKeys.detail(id) });
  return {
    offer: useMutation({
      mutationFn: async (body: { counterTo?: string; terms: OfferTerms }) =>
        (
          await api.post<{ offer: OfferDto }>(`/api/negotiations/${id}/offers`, {
            clientMessageId: newClientId(),
            ...body,
          })
        ).offer,
      onSuccess: done,
    }),
    withdrawOffer: useMutation({
      mutationFn: (offerId: string) => api.post(`/api/negotiations/${id}/offers/${offerId}/withdraw`),
      onSuccess: done,
    }),
    accept: useMutation({
      mutationFn: async (offerId: string) =>
        (await api.post<{ deal: DealDto }>(`/api/negotiations/${id}/offers/${offerId}/accept`)).deal,
      onSuccess: done,
    }),
    withdraw: useMutation({
      mutationFn: () => api.post(`/api/negotiations/${id}/withdraw`, {}),
      onSuccess: done,
    }),
    inviteBroker: useMutation({
      mutationFn: (brokerId: string) => api.post(`/api/negotiations/${id}/brokers`, { brokerId }),
      onSuccess: done,
    }),
    brokerDecision: useMutation({
      mutationFn: (body: BrokerDecisionBody) => api.post(`/api/negotiations/${id}/broker-decision`, body),
      onSuccess: () => void qc.invalidateQueries({ queryKey: negotiationKeys.all }),
    }),
  };
}
