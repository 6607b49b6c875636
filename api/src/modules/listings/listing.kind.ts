import type { Model } from 'mongoose';
import type { z } from 'zod';
import type { ListingKind, ListingRecord } from './listing.model';

/** What differs between achievements and needs; everything else is shared listing machinery. */
export interface ListingKindConfig {
  kind: ListingKind;
  /** Audit entity name and URL segment. */
  entity: 'achievement' | 'need';
  plural: 'achievements' | 'needs';
  model: Model<ListingRecord>;
  createBody: z.ZodType;
  updateBody: z.ZodType;
  /** Content keys anyone may see once published; everything else (notably `confidential`) is held back. */
  publicFields: readonly string[];
  /** The short card used in lists. */
  card(content: Record<string, unknown>): Record<string, unknown>;
  /** Fields the list endpoint may sort by, mapped to stored paths. */
  sorts: Record<string, Record<string, 1 | -1>>;
}

export const NDA_TEXT_VERSION = '2026-01';
