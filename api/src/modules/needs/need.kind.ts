import type { Model } from 'mongoose';
import { createNeedBody, updateNeedBody } from '../../shared/catalog-schemas';
import type { ListingKindConfig } from '../listings/listing.kind';
import type { ListingRecord } from '../listings/listing.model';

export const needPublicFields = [
  'title',
  'keywords',
  'problem',
  'indicators',
  'budget',
  'deadline',
  'fieldCode',
  'subfieldCode',
  'regionCode',
  'cooperationModes',
  'challenge',
] as const;

export function needKind(model: Model<ListingRecord>): ListingKindConfig {
  return {
    kind: 'need',
    entity: 'need',
    plural: 'needs',
    model,
    createBody: createNeedBody,
    updateBody: updateNeedBody,
    publicFields: needPublicFields,
    card: (c) => ({
      title: c.title,
      problem: String(c.problem ?? '').slice(0, 140),
      keywords: c.keywords,
      fieldCode: c.fieldCode,
      subfieldCode: c.subfieldCode ?? null,
      regionCode: c.regionCode,
      budget: c.budget,
      deadline: c.deadline ?? null,
      cooperationModes: c.cooperationModes,
      challenge: c.challenge ?? null,
    }),
    sorts: {
      newest: { publishedAt: -1, updatedAt: -1 },
      updated: { updatedAt: -1 },
      budget_desc: { 'live.budget.maxFen': -1 },
      closing: { 'live.challenge.closesAt': 1 },
    },
  };
}
