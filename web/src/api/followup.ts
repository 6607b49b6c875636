/** Hooks for industrialisation follow-up (产业化贯通): /api/followups. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type { FollowupFunnelDto, FollowupPlanDto, FollowupReportBody } from '@shared/followup';
import { ApiError, api } from './client';

export interface BoardParams {
  page: number;
  pageSize: number;
  region?: string;
  field?: string;
  status?: string;
}

export interface MineParams {
  page: number;
  pageSize: number;
  side?: string;
  status?: string;
}

export interface FunnelParams {
  year?: number;
  region?: string;
  field?: string;
}

export type BoardDto = PageDto<FollowupPlanDto> & {
  counts: { plans: number; overdue: number; industrialised: number };
};

export const followupKeys = {
  all: ['followup'] as const,
  plan: (contractId: string) => [...followupKeys.all, 'plan', contractId] as const,
  mine: (p: MineParams) => [...followupKeys.all, 'mine', p] as const,
  board: (p: BoardParams) => [...followupKeys.all, 'board', p] as const,
  funnel: (p: FunnelParams) => [...followupKeys.all, 'funnel', p] as const,
};

/** A registered contract's plan; null when the contract is not registered (there is none to show). */
export function useFollowupPlan(contractId: string, enabled: boolean) {
  return useQuery({
    queryKey: followupKeys.plan(contractId),
    queryFn: async () => {
      try {
        return (await api.get<{ plan: FollowupPlanDto }>(`/api/followups/contracts/${contractId}`)).plan;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONTRACT_NOT_REGISTERED') return null;
        throw err;
      }
    },
    enabled,
  });
}

export function useReportFollowup(contractId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: FollowupReportBody) =>
      (await api.post<{ plan: FollowupPlanDto }>(`/api/followups/contracts/${contractId}/reports`, body)).plan,
    onSuccess: (plan) => {
      qc.setQueryData(followupKeys.plan(contractId), plan);
      void qc.invalidateQueries({ queryKey: followupKeys.all });
    },
  });
}

export function useMyFollowups(p: MineParams) {
  return useQuery({
    queryKey: followupKeys.mine(p),
    queryFn: () => api.get<PageDto<FollowupPlanDto>>('/api/followups/mine', { ...p }),
    placeholderData: keepPreviousData,
  });
}

export function useFollowupBoard(p: BoardParams) {
  return useQuery({
    queryKey: followupKeys.board(p),
    queryFn: () => api.get<BoardDto>('/api/followups/board', { ...p }),
    placeholderData: keepPreviousData,
  });
}

export function useFollowupFunnel(p: FunnelParams) {
  return useQuery({
    queryKey: followupKeys.funnel(p),
    queryFn: async () => (await api.get<{ funnel: FollowupFunnelDto }>('/api/followups/funnel', { ...p })).funnel,
    placeholderData: keepPreviousData,
  });
}
