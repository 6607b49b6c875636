/** Hooks for technology contracts and registrations: /api/contracts, /api/registrations. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type { ContractTerms, ContractTermsInput, ContractStatus, RegistrationStatus } from '@shared/contract-schemas';
import { IDEMPOTENCY_HEADER } from '@shared/idempotency';
import { api } from './client';
import { statsKeys } from './stats';

export interface ContractRowDto {
  id: string;
  contractNo: string;
  title: string;
  category: string;
  fieldCode: string;
  sellerName: string;
  buyerName: string;
  sellerRegion: string;
  buyerRegion: string;
  amountFen: number;
  techAmountFen: number;
  signedOn: string | null;
  status: ContractStatus;
  registrationNo: string | null;
}
export interface SignatureDto {
  side: 'seller' | 'buyer';
  userName: string;
  at: string;
  /** Staff only (admins, officials): the parties never see each other's IP. */
  ip?: string | null;
  docHash: string;
  valid: boolean;
}
export interface RuleCheckDto {
  code: string;
  ok: boolean;
  blocking: boolean;
  text: { zh: string; en: string };
}
export interface RegistrationDto {
  id: string;
  contractId: string;
  seq: number;
  contractNo: string;
  title: string;
  sellerName: string;
  buyerName: string;
  category: string;
  sellerRegion: string;
  amountFen: number;
  claimedTechAmountFen: number;
  docHash: string;
  checks: RuleCheckDto[];
  rulesVersion: string;
  note: string;
  status: RegistrationStatus;
  registrationNo: string | null;
  assessedTechAmountFen: number | null;
  reason: string | null;
  filedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
}
export interface ContractDto {
  id: string;
  contractNo: string;
  source: string;
  signing: 'platform' | 'paper';
  status: ContractStatus;
  terms: ContractTerms;
  docHash: string;
  version: number;
  signatures: SignatureDto[];
  registration: { registrationNo: string; assessedTechAmountFen: number; registeredAt: string } | null;
  currentRegistrationId: string | null;
  /** The buyer's answer to a paper contract the seller entered (null until it decides). */
  confirmation: { status: 'confirmed' | 'declined'; reason: string | null; byName: string; at: string } | null;
  dealId: string | null;
  negotiationId: string | null;
  /** The registration rules on the contract as it stands; signing is refused while a blocking one (other than the written form) fails. */
  checks: Array<{ code: string; ok: boolean; blocking: boolean; text: { zh: string; en: string } }>;
  viewer: {
    side: 'seller' | 'buyer' | null;
    canEdit: boolean;
    editVoidsSignatures: boolean;
    canSign: boolean;
    signBlockedBy: string[];
    canConfirm: boolean;
    canFile: boolean;
  };
}
export interface ContractDetailDto {
  contract: ContractDto;
  registrations: RegistrationDto[];
  history: Array<{
    action: string;
    from: string | null;
    to: string | null;
    actorName: string | null;
    reason: string | null;
    at: string;
  }>;
}
export type ContractListQuery = Partial<
  Record<'status' | 'category' | 'fieldCode' | 'sellerRegion' | 'buyerRegion' | 'from' | 'to' | 'q', string>
> & { page?: number; pageSize?: number };

export const contractKeys = {
  all: ['contracts'] as const,
  list: (q: ContractListQuery) => [...contractKeys.all, 'list', q] as const,
  detail: (id: string) => [...contractKeys.all, 'detail', id] as const,
  registrations: (q: object) => [...contractKeys.all, 'registrations', q] as const,
};

/** A page of contracts with the number that match and their total contract amount. */
export function useContracts(q: ContractListQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: contractKeys.list(q),
    queryFn: () => api.get<PageDto<ContractRowDto> & { sumAmountFen: number }>('/api/contracts', q),
    // The old rows stay (dimmed, with the table's spinner) while a changed filter loads.
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.detail(id),
    queryFn: () => api.get<ContractDetailDto>(`/api/contracts/${id}`),
  });
}

/** Every contract write can move the tally and the queue: refresh those too. */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: contractKeys.all }),
      qc.invalidateQueries({ queryKey: statsKeys.all }),
    ]);
}

export function useContractFromDeal() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: (dealId: string) =>
      api.post<{ contract: ContractDto; created: boolean }>('/api/contracts/from-deal', { dealId }),
    onSuccess: done,
  });
}

export function useSignContract(id: string) {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: (body: { docHash: string }) => api.post<{ contract: ContractDto }>(`/api/contracts/${id}/sign`, body),
    onSuccess: done,
  });
}

/** The buyer named in a paper contract accepts the version it read, or declines it with a reason. */
export function useUpdateContract(id: string) {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: (body: { terms: ContractTermsInput; expectedVersion: number }) =>
      api.patch<{ contract: ContractDto }>(`/api/contracts/${id}`, body),
    onSuccess: done,
  });
}

export function useConfirmContract(id: string) {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: (body: { decision: 'accept'; docHash: string } | { decision: 'decline'; reason: string }) =>
      api.post<{ contract: ContractDto }>(`/api/contracts/${id}/confirmation`, body),
    onSuccess: done,
  });
}

export function useFileRegistration(id: string) {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: (note: string) =>
      api.post<{ contract: ContractDto; registration: RegistrationDto }>(`/api/contracts/${id}/registration`, { note }),
    onSuccess: done,
  });
}

export type RegistrationQueueQuery = {
  status?: string;
  page?: number;
  pageSize?: number;
  region?: string;
  category?: string;
  minAmountFen?: number;
  maxAmountFen?: number;
  filedBefore?: string;
  sort?: string;
};

export function useRegistrations(q: RegistrationQueueQuery) {
  return useQuery({
    queryKey: contractKeys.registrations(q),
    queryFn: () => api.get<PageDto<RegistrationDto>>('/api/registrations', { pageSize: 20, ...q }),
    placeholderData: (prev) => prev,
  });
}

export function useDecideRegistration() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id: string;
      body:
        { decision: 'approve'; assessedTechAmountFen: number; note?: string } | { decision: 'reject'; reason: string };
    }) => api.post<{ registration: RegistrationDto }>(`/api/registrations/${id}/decision`, body),
    onSuccess: done,
  });
}

export const contractPdfUrl = (id: string) => `/api/contracts/${id}/document.pdf`;

/**
 * A contract signed off the platform, entered by the seller (POST /api/contracts): it counts as signed at
 * once when the buyer is off the platform, and waits for the buyer's confirmation when it is on it. `key` is the attempt's Idempotency-Key: a retry after a lost answer gets the first contract back.
 */
export function useCreatePaperContract() {
  const done = useInvalidateAll();
  return useMutation({
    mutationFn: async ({ terms, key }: { terms: ContractTermsInput; key: string }) =>
      (await api.post<{ contract: ContractDto }>('/api/contracts', { terms }, { [IDEMPOTENCY_HEADER]: key })).contract,
    onSuccess: done,
  });
}

export const CONTRACT_IMPORT_TEMPLATE_URL = '/api/contracts/import-template.xlsx';
/** The staff-only historic import's template: the seller's columns first, then the members' columns. */
export const HISTORIC_IMPORT_TEMPLATE_URL = '/api/contracts/historic-import-template.xlsx';
