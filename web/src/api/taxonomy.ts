import { useQuery } from '@tanstack/react-query';
import * as shared from '@shared/taxonomy';
import type { FieldTerm, Region, Term } from '@shared/taxonomy';
import { api } from './client';

export interface SubmarketTerm extends Term {
  kind: 'hub' | 'city' | 'new_area' | 'hitech_zone';
  regionCode: string;
}

export interface Taxonomy {
  fields: FieldTerm[];
  regions: Region[];
  submarkets: SubmarketTerm[];
  contractCategories: Term[];
  tradingModes: Term[];
  maturityStages: Term[];
  ipTypes: Term[];
  orgTypes: Term[];
  enterpriseTags: Term[];
  achievementForms: Term[];
  innovationTypes: Term[];
  achievementLevels: Term[];
  transferModes: Term[];
  crossCuttingTags: Term[];
  userRoles: Term[];
}

export const taxonomyKeys = {
  all: ['taxonomy'] as const,
};

/**
 * The same lists ship in the bundle (they come from @shared/taxonomy), so labels render at once;
 * the API copy replaces them because operators can add sub-markets at run time.
 */
export const bundledTaxonomy: Taxonomy = {
  fields: shared.technicalFields,
  regions: shared.regions,
  submarkets: shared.submarketSeeds,
  contractCategories: shared.contractCategories,
  tradingModes: shared.tradingModes,
  maturityStages: shared.maturityStages,
  ipTypes: shared.ipTypes,
  orgTypes: shared.orgTypes,
  enterpriseTags: shared.enterpriseTags,
  achievementForms: shared.achievementForms,
  innovationTypes: shared.innovationTypes,
  achievementLevels: shared.achievementLevels,
  transferModes: shared.transferModes,
  crossCuttingTags: shared.crossCuttingTags,
  userRoles: shared.userRoles,
};

export function useTaxonomy() {
  return useQuery({
    queryKey: taxonomyKeys.all,
    queryFn: () => api.get<Taxonomy>('/api/taxonomy'),
    placeholderData: bundledTaxonomy,
    staleTime: 5 * 60_000,
  });
}
