import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MatchDto, SearchKind, SearchResponseDto } from '@shared/search-schemas';
import { api } from './client';

/** The search page's query exactly as it stands in the URL (comma-separated multi-values). */
export type SearchParams = Record<string, string>;

export interface SuggestionDto {
  id: string;
  kind: SearchKind;
  title: string;
  /** HTML-escaped title with <mark> around the typed text. */
  highlight: string;
}

export const searchKeys = {
  all: ['search'] as const,
  results: (params: SearchParams) => [...searchKeys.all, 'results', params] as const,
  suggest: (q: string, kind?: SearchKind) => [...searchKeys.all, 'suggest', q, kind ?? 'all'] as const,
  matches: (kind: SearchKind, id: string) => [...searchKeys.all, 'matches', kind, id] as const,
};

export function useSearch(params: SearchParams) {
  return useQuery({
    queryKey: searchKeys.results(params),
    queryFn: () => api.get<SearchResponseDto>('/api/search', params),
    // Keep the old hits on screen while a facet click loads the new ones.
    placeholderData: keepPreviousData,
    // The index follows writes within ~200 ms; a short stale time keeps back/forward instant.
    staleTime: 10_000,
  });
}

export function useSuggestions(q: string, kind?: SearchKind) {
  return useQuery({
    queryKey: searchKeys.suggest(q, kind),
    queryFn: () => api.get<{ terms: string[]; suggestions: SuggestionDto[] }>('/api/search/suggest', { q, kind }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useMatches(kind: SearchKind, id: string | undefined, limit = 10) {
  const plural = kind === 'achievement' ? 'achievements' : 'needs';
  return useQuery({
    queryKey: searchKeys.matches(kind, id ?? ''),
    queryFn: async () => (await api.get<{ matches: MatchDto[] }>(`/api/${plural}/${id}/matches`, { limit })).matches,
    enabled: !!id,
  });
}
