import type { Model } from 'mongoose';
import { createAchievementBody, updateAchievementBody } from '../../shared/catalog-schemas';
import type { ListingKindConfig } from '../listings/listing.kind';
import type { ListingRecord } from '../listings/listing.model';

/** Every achievement field except `confidential` is public once approved. */
export const achievementPublicFields = [
  'title',
  'keywords',
  'form',
  'innovationType',
  'stage',
  'trl',
  'level',
  'summary',
  'fieldCode',
  'subfieldCode',
  'tags',
  'regionCode',
  'inventors',
  'ipRights',
  'transferModes',
  'tradingMode',
  'price',
  'imageIds',
] as const;

export function achievementKind(model: Model<ListingRecord>): ListingKindConfig {
  return {
    kind: 'achievement',
    entity: 'achievement',
    plural: 'achievements',
    model,
    createBody: createAchievementBody,
    updateBody: updateAchievementBody,
    publicFields: achievementPublicFields,
    card: (c) => ({
      title: c.title,
      summary: String(c.summary ?? '').slice(0, 140),
      keywords: c.keywords,
      fieldCode: c.fieldCode,
      subfieldCode: c.subfieldCode ?? null,
      regionCode: c.regionCode,
      stage: c.stage,
      trl: c.trl,
      level: c.level,
      tradingMode: c.tradingMode,
      price: c.price,
      ipTypes: [...new Set(((c.ipRights as Array<{ type: string }>) ?? []).map((r) => r.type))],
      imageId: ((c.imageIds as string[]) ?? [])[0] ?? null,
    }),
    sorts: {
      newest: { publishedAt: -1, updatedAt: -1 },
      updated: { updatedAt: -1 },
      price_asc: { 'live.price.amountFen': 1 },
      price_desc: { 'live.price.amountFen': -1 },
    },
  };
}
