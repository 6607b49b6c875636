/** Hooks for challenge proposals (揭榜): /api/needs/:id/proposals. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { ProposalDto } from './listing-types';
import { listingKeys } from './listings';

export interface ProposalInput {
  summary: string;
  plan?: string;
  priceFen?: number;
  achievementId?: string;
}

export type ProposalDecision = 'shortlist' | 'decline' | 'select_winner';

export const proposalKeys = {
  all: (needId: string) => [...listingKeys.detail('need', needId), 'proposals'] as const,
};

/**
 * The poster (and reviewers) get every proposal, a proposer its own. A proposer that has not answered yet
 * gets 404 from the API, which here means "none yet".
 */
export function useProposals(needId: string, enabled = true) {
  return useQuery({
    queryKey: proposalKeys.all(needId),
    queryFn: async (): Promise<ProposalDto[]> => {
      try {
        return (await api.get<{ items: ProposalDto[] }>(`/api/needs/${needId}/proposals`)).items;
      } catch (err) {
        if (isApiError(err) && err.status === 404) return [];
        throw err;
      }
    },
    enabled,
  });
}

export function useSubmitProposal(needId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProposalInput) =>
      (await api.post<{ proposal: ProposalDto }>(`/api/needs/${needId}/proposals`, body)).proposal,
    onSuccess: () => void qc.invalidateQueries({ queryKey: proposalKeys.all(needId) }),
  });
}

export function useDecideProposal(needId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ proposalId, decision }: { proposalId: string; decision: ProposalDecision }) =>
      (
        await api.post<{ proposal: ProposalDto }>(`/api/needs/${needId}/proposals/${proposalId}/decision`, {
          decision,
        })
      ).proposal,
    onSuccess: () => void qc.invalidateQueries({ queryKey: proposalKeys.all(needId) }),
  });
}
