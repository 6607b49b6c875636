/** Hooks for the tally: /api/stats (officials: their region; the public: province headline figures). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StatsDto, StatGroupBy, SummaryDto } from '@shared/contract-schemas';
import { api, withQuery } from './client';

export interface StatsParams {
  groupBy: StatGroupBy;
  from?: string;
  to?: string;
  region?: string;
}

export const statsKeys = {
  all: ['stats'] as const,
  summary: (q: { year?: number; region?: string }) => [...statsKeys.all, 'summary', q] as const,
  tally: (q: StatsParams) => [...statsKeys.all, 'tally', q] as const,
  targets: (year: number) => [...statsKeys.all, 'targets', year] as const,
};

export function useStatsSummary(q: { year?: number; region?: string } = {}) {
  // A change of year or region keeps the figures shown until the new ones arrive (no blank page between).
  return useQuery({
    queryKey: statsKeys.summary(q),
    queryFn: () => api.get<SummaryDto>('/api/stats/summary', q),
    placeholderData: keepPreviousData,
  });
}

export function useStats(q: StatsParams) {
  return useQuery({
    queryKey: statsKeys.tally(q),
    queryFn: () => api.get<StatsDto>('/api/stats/contracts', { ...q }),
    placeholderData: keepPreviousData,
  });
}

export function useTargets(year: number) {
  return useQuery({
    queryKey: statsKeys.targets(year),
    queryFn: async () =>
      (
        await api.get<{ items: Array<{ year: number; regionCode: string; amountFen: number }> }>('/api/stats/targets', {
          year,
        })
      ).items,
  });
}

export function useSetTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; regionCode: string; amountFen: number }) => api.put('/api/stats/targets', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: statsKeys.all }),
  });
}

export const statsExportUrl = (q: StatsParams, format: 'xlsx' | 'csv') =>
  withQuery('/api/stats/contracts/export', { ...q, format });
