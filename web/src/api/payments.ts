/**
 * Hooks for payments (issue #7): /api/payments. Amounts are integer 分 and are computed by the server only;
 * nothing here sends an amount to pay. Writes that create a payment carry an Idempotency-Key that the caller
 * keeps for the whole attempt, so a retry after a lost answer finds the same payment instead of a second one.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import { IDEMPOTENCY_HEADER } from '@shared/idempotency';
import type {
  BankTransferBody,
  ConnectStatusDto,
  ContractPaymentsDto,
  DepositSubjectKind,
  FinancePaymentDto,
  PayableDto,
  PaymentDto,
  PaymentsConfigDto,
  PayoutDto,
  ReconcileReportDto,
  StatementDto,
  StripeMethodType,
  StripePaymentStartDto,
  TrialBalanceDto,
} from '@shared/payment-schemas';
import { api, withQuery } from './client';

export type QueueItemDto = PaymentDto & { payable: PayableDto };
export interface StatementParams {
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}
export type ExportFormat = 'csv' | 'xlsx';
export interface FinancePaymentsParams {
  status?: 'succeeded' | 'refunded';
  page: number;
  pageSize: number;
}
export interface DepositsParams {
  subjectKind?: DepositSubjectKind;
  subjectId?: string;
  page: number;
  pageSize: number;
}

export const paymentKeys = {
  all: ['payments'] as const,
  config: () => [...paymentKeys.all, 'config'] as const,
  contract: (id: string) => [...paymentKeys.all, 'contract', id] as const,
  queue: (q: { page: number; pageSize: number }) => [...paymentKeys.all, 'queue', q] as const,
  trialBalance: () => [...paymentKeys.all, 'trial-balance'] as const,
  payouts: (q: { status?: string; page: number; pageSize: number }) => [...paymentKeys.all, 'payouts', q] as const,
  orgStatement: (id: string, q: StatementParams) => [...paymentKeys.all, 'org-statement', id, q] as const,
  brokerStatement: (id: string, q: StatementParams) => [...paymentKeys.all, 'broker-statement', id, q] as const,
  financePayments: (q: FinancePaymentsParams) => [...paymentKeys.all, 'finance-payments', q] as const,
  deposits: (q: DepositsParams) => [...paymentKeys.all, 'deposits', q] as const,
  brokerLines: (id: string, range: { from?: string; to?: string }) =>
    [...paymentKeys.all, 'broker-lines', id, range] as const,
};

/** POST with the Idempotency-Key of the caller's attempt (see pages/payments/attempt-key.ts). */
const postWithKey = <T>(path: string, body: unknown, key: string) =>
  api.post<T>(path, body, { [IDEMPOTENCY_HEADER]: key });

export function usePaymentsConfig() {
  return useQuery({
    queryKey: paymentKeys.config(),
    queryFn: () => api.get<PaymentsConfigDto>('/api/payments/config'),
    staleTime: 5 * 60_000,
  });
}

/** While a Stripe payment is processing the webhook settles it on the server; the page looks again every 3 s. */
export function useContractPayments(contractId: string) {
  return useQuery({
    queryKey: paymentKeys.contract(contractId),
    queryFn: () => api.get<ContractPaymentsDto>(`/api/payments/contracts/${contractId}`),
    refetchInterval: (q) => (q.state.data?.payables.some((p) => p.status === 'processing') ? 3_000 : false),
  });
}

/** Any payment write can move a contract's plan, the queue, the ledger and the statements: refresh them all. */
function useInvalidatePayments() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: paymentKeys.all });
}

export function useStartBankTransfer() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ payableId, key, body }: { payableId: string; key: string; body: BankTransferBody }) =>
      postWithKey<{ payment: PaymentDto }>(`/api/payments/payables/${payableId}/bank-transfer`, body, key),
    onSuccess: done,
  });
}

export function useStartStripe() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ payableId, key, methodType }: { payableId: string; key: string; methodType: StripeMethodType }) =>
      postWithKey<StripePaymentStartDto>(`/api/payments/payables/${payableId}/stripe`, { methodType }, key),
    onSuccess: done,
  });
}

export function useFinanceQueue(q: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: paymentKeys.queue(q),
    queryFn: () => api.get<PageDto<QueueItemDto>>('/api/payments/finance/queue', q),
    placeholderData: keepPreviousData,
  });
}

export function useConfirmBank() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ id, receivedFen, note }: { id: string; receivedFen: number; note: string }) =>
      api.post<{ payment: PaymentDto }>(`/api/payments/payments/${id}/confirm`, { receivedFen, note }),
    onSuccess: done,
  });
}

export function useRejectBank() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ payment: PaymentDto }>(`/api/payments/payments/${id}/reject`, { reason }),
    onSuccess: done,
  });
}

/** A licensee's royalty report for a period: the API computes the royalty and adds it to the plan (201; 200 if the period exists). */
export function useRoyaltyReport(contractId: string) {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: (body: { period: string; netSalesFen: number; note: string }) =>
      api.post<{ payable: PayableDto }>(`/api/payments/contracts/${contractId}/royalty-reports`, body),
    onSuccess: done,
  });
}

/** Succeeded and refunded payments, newest first, each saying whether (and why not) it can be refunded. */
export function useFinancePayments(q: FinancePaymentsParams) {
  return useQuery({
    queryKey: paymentKeys.financePayments(q),
    queryFn: () => api.get<PageDto<FinancePaymentDto>>('/api/payments/finance/payments', { ...q }),
    placeholderData: keepPreviousData,
  });
}

/** A full refund by finance; the key is the attempt's, so a retry after a lost answer is the same refund. */
export function useRefund() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ id, key, reason }: { id: string; key: string; reason: string }) =>
      postWithKey<{ payment: PaymentDto }>(`/api/payments/payments/${id}/refund`, { reason }, key),
    onSuccess: done,
  });
}

/** Deposits: finance reads all, a member its organisation's (one subject's when subjectKind/subjectId are given). */
export function useDeposits(q: DepositsParams, enabled = true) {
  return useQuery({
    queryKey: paymentKeys.deposits(q),
    queryFn: () => api.get<PageDto<PayableDto>>('/api/payments/deposits', { ...q }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Creates the deposit a rule asks for (or answers the existing one); it is then paid like any payable. */
export function useCreateDeposit() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: (body: { subjectKind: DepositSubjectKind; subjectId: string }) =>
      api.post<{ payable: PayableDto }>('/api/payments/deposits', body),
    onSuccess: done,
  });
}

export function useDepositDecision() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: 'release' | 'forfeit'; reason: string }) =>
      api.post<{ payable: PayableDto }>(`/api/payments/deposits/${id}/${action}`, { reason }),
    onSuccess: done,
  });
}

export function useReconcile() {
  const done = useInvalidatePayments();
  return useMutation({ mutationFn: () => api.post<ReconcileReportDto>('/api/payments/reconcile'), onSuccess: done });
}

export function useTrialBalance() {
  return useQuery({
    queryKey: paymentKeys.trialBalance(),
    queryFn: () => api.get<TrialBalanceDto>('/api/payments/ledger/balances'),
  });
}

export function usePayouts(q: { status?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: paymentKeys.payouts(q),
    queryFn: () => api.get<PageDto<PayoutDto>>('/api/payments/payouts', q),
    placeholderData: keepPreviousData,
  });
}

/** Finance records the bank payout it sent (reference, day, amount); the API settles it in the ledger. */
export function useRecordBankPayout() {
  const done = useInvalidatePayments();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      bankReference: string;
      paidOn: string;
      amountFen: number;
      slipAttachmentId?: string;
    }) => api.post<{ payout: PayoutDto }>(`/api/payments/payouts/${encodeURIComponent(id)}/confirm`, body),
    onSuccess: done,
  });
}

export function useOrgStatement(orgId: string, q: StatementParams) {
  return useQuery({
    queryKey: paymentKeys.orgStatement(orgId, q),
    queryFn: () => api.get<StatementDto>(`/api/payments/orgs/${orgId}/statement`, { ...q }),
    placeholderData: keepPreviousData,
  });
}

export function useBrokerStatement(brokerId: string, q: StatementParams) {
  return useQuery({
    queryKey: paymentKeys.brokerStatement(brokerId, q),
    queryFn: () => api.get<StatementDto>(`/api/payments/brokers/${brokerId}/statement`, { ...q }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every commission line of a broker in a date range, for the per-contract and per-month summaries: the API
 * pages at most 100 lines, so this reads page after page, up to 2,000 lines (a broker earns a few per contract).
 */
export const BROKER_LINES_CAP = 2_000;
export function useBrokerLines(brokerId: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: paymentKeys.brokerLines(brokerId, range),
    queryFn: async () => {
      const first = await api.get<StatementDto>(`/api/payments/brokers/${brokerId}/statement`, {
        ...range,
        page: 1,
        pageSize: 100,
      });
      const lines = [...first.lines];
      for (let page = 2; lines.length < Math.min(first.total, BROKER_LINES_CAP); page++) {
        const next = await api.get<StatementDto>(`/api/payments/brokers/${brokerId}/statement`, {
          ...range,
          page,
          pageSize: 100,
        });
        if (next.lines.length === 0) break;
        lines.push(...next.lines);
      }
      return { lines, total: first.total, truncated: first.total > lines.length };
    },
  });
}

/** Download addresses (same origin, the session cookie goes along). */
export const ledgerExportUrl = (format: ExportFormat, range: { from?: string; to?: string }) =>
  withQuery('/api/payments/ledger/export', { format, ...range });
export const orgStatementExportUrl = (orgId: string, format: ExportFormat, range: { from?: string; to?: string }) =>
  withQuery(`/api/payments/orgs/${orgId}/statement/export`, { format, ...range });

export type ConnectAs = 'org' | 'broker';
export const connectKeys = { status: (as: ConnectAs) => [...paymentKeys.all, 'connect', as] as const };

/** The caller's Stripe Connect account (as the organisation's admin, or as a broker): onboarded, payouts on. */
export function useConnectStatus(as: ConnectAs, enabled: boolean) {
  return useQuery({
    queryKey: connectKeys.status(as),
    queryFn: () => api.get<ConnectStatusDto>('/api/payments/connect/status', { as }),
    enabled,
  });
}

/** A fresh onboarding link (Stripe Express); the caller sends the browser there. */
export function useConnectOnboarding() {
  return useMutation({
    mutationFn: (as: ConnectAs) => api.post<ConnectStatusDto>('/api/payments/connect/onboarding', { as }),
  });
}
