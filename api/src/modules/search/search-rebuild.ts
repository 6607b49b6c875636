import type { Types } from 'mongoose';
import type { SearchModels } from './search.models';
import type { SyncSources } from './search-sync';
import { toSearchDoc } from './search-document';
import type { SearchDoc, SearchEngine } from './search-engine';

const kinds = ['achievement', 'need'] as const;

/**
 * Rebuilds the index from MongoDB: every published listing in _id order, in batches, then removes what
 * MongoDB no longer publishes. Safe while writes go on (they stay dirty and are indexed after).
 */
export async function rebuildIndex(
  sources: SyncSources,
  engine: SearchEngine,
  batchSize: number,
  progress?: (done: number, total: number) => void,
): Promise<{ indexed: number; removed: number }> {
  const counts = await Promise.all(kinds.map((kind) => sources.listings.countPublished(kind)));
  const total = counts.reduce((a, b) => a + b, 0);
  const seen = new Set<string>();
  let done = 0;
  progress?.(0, total);
  for (const kind of kinds) {
    let after: Types.ObjectId | null = null;
    for (;;) {
      const batch = await sources.listings.publishedAfter(kind, after, batchSize);
      if (batch.length === 0) break;
      after = batch[batch.length - 1]._id;
      const orgs = await sources.orgs.info(batch.map((l) => String(l.ownerOrgId)));
      const docs = batch
        .map((l) => toSearchDoc(kind, l, orgs.get(String(l.ownerOrgId))))
        .filter((d): d is SearchDoc => !!d);
      await engine.upsert(docs);
      for (const d of docs) seen.add(d.id);
      done += batch.length;
      progress?.(done, total);
    }
  }
  const stale = [...(await engine.versions()).keys()].filter((id) => !seen.has(id));
  await engine.remove(stale);
  return { indexed: seen.size, removed: stale.length };
}

/** One lease document; whoever holds an unexpired lease indexes, the others wait. */
export async function acquireLease(locks: SearchModels['Lock'], holder: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  try {
    const got = await locks
      .findOneAndUpdate(
        { _id: 'search-sync', $or: [{ holder }, { expiresAt: { $lt: now } }] },
        { $set: { holder, expiresAt: new Date(now.getTime() + leaseMs) } },
        { upsert: true, new: true },
      )
      .lean();
    return got?.holder === holder;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return false;
    throw err;
  }
}
