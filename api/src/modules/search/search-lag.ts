import type { ListingIndexFeed } from '../listings/listing-index-feed';

export interface SyncLag {
  pending: number;
  /** Age of the oldest write not yet in the index (0 when none). */
  oldestMs: number;
  lastError: string | null;
  indexed: number;
}

/** The exact lag: what is still flagged for the index, counted per kind, and the age of the oldest write. */
export async function pendingLag(
  listings: Pick<ListingIndexFeed, 'pending'>,
  kinds: ReadonlyArray<'achievement' | 'need'>,
  state: { lastError: string | null; indexed: number },
): Promise<SyncLag> {
  let pending = 0;
  let oldest: number | null = null;
  for (const kind of kinds) {
    const p = await listings.pending(kind);
    pending += p.count;
    if (p.oldest && (oldest === null || p.oldest.getTime() < oldest)) oldest = p.oldest.getTime();
  }
  return {
    pending,
    oldestMs: oldest === null ? 0 : Math.max(0, Date.now() - oldest),
    lastError: state.lastError,
    indexed: state.indexed,
  };
}
