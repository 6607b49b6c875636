/** Hooks for achievement evaluation (科技成果评估): /api/evaluations. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import type {
  CompleteBody,
  EngagementBody,
  EvaluationBadgeDto,
  EvaluationDto,
  EvaluatorDto,
  SelfAssessmentBody,
} from '@shared/evaluation';
import { api } from './client';

export interface EvaluationListParams {
  page: number;
  pageSize: number;
  side?: string;
  status?: string;
  kind?: string;
}

export interface AchievementEvaluationDto {
  badge: EvaluationBadgeDto | null;
  details: EvaluationDto[];
  canRequest: boolean;
  isStaff: boolean;
}

export const evaluationKeys = {
  all: ['evaluations'] as const,
  mine: (p: EvaluationListParams) => [...evaluationKeys.all, 'mine', p] as const,
  staff: (p: EvaluationListParams) => [...evaluationKeys.all, 'staff', p] as const,
  achievement: (id: string) => [...evaluationKeys.all, 'achievement', id] as const,
  badges: (ids: string[]) => [...evaluationKeys.all, 'badges', ids] as const,
  evaluators: () => [...evaluationKeys.all, 'evaluators'] as const,
};

export function useMyEvaluations(p: EvaluationListParams, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.mine(p),
    queryFn: () => api.get<PageDto<EvaluationDto>>('/api/evaluations/mine', { ...p }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useStaffEvaluations(p: EvaluationListParams, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.staff(p),
    queryFn: () => api.get<PageDto<EvaluationDto>>('/api/evaluations/admin', { ...p }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAchievementEvaluation(achievementId: string) {
  return useQuery({
    queryKey: evaluationKeys.achievement(achievementId),
    queryFn: () => api.get<AchievementEvaluationDto>(`/api/evaluations/achievement/${achievementId}`),
  });
}

/** The badges of a page of cards, in one request. */
export function useEvaluationBadges(ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  return useQuery({
    queryKey: evaluationKeys.badges(sorted),
    queryFn: async () =>
      (
        await api.get<{ badges: Record<string, EvaluationBadgeDto> }>('/api/evaluations/badges', {
          ids: sorted.join(','),
        })
      ).badges,
    enabled: sorted.length > 0,
    staleTime: 60_000,
  });
}

export function useEvaluators(enabled: boolean) {
  return useQuery({
    queryKey: evaluationKeys.evaluators(),
    queryFn: async () => (await api.get<{ items: EvaluatorDto[] }>('/api/evaluations/evaluators')).items,
    enabled,
  });
}

function useEvaluationMutation<B>(run: (body: B) => Promise<{ evaluation: EvaluationDto }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: B) => (await run(body)).evaluation,
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.all }),
  });
}

export const useRequestEvaluation = () => useEvaluationMutation((b: EngagementBody) => api.post('/api/evaluations', b));
export const useSelfAssess = () =>
  useEvaluationMutation((b: SelfAssessmentBody) => api.post('/api/evaluations/self', b));

type Move =
  | { id: string; action: 'accept' }
  | { id: string; action: 'decline'; body: { reason: string } }
  | { id: string; action: 'cancel'; body: { reason: string } }
  | { id: string; action: 'complete'; body: CompleteBody };
export const useMoveEvaluation = () =>
  useEvaluationMutation((m: Move) => api.post(`/api/evaluations/${m.id}/${m.action}`, 'body' in m ? m.body : {}));
