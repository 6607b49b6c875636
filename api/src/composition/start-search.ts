import type { AppContext } from '../app-context';

/**
 * The embedded index lives in memory, so it is rebuilt from MongoDB at start-up (measured: ~1 s per 20,000
 * listings); Meilisearch keeps its index, and pending writes are still flagged dirty. Then the in-process
 * worker keeps up, unless the search-sync service does (SEARCH_SYNC=external). An unreachable engine does
 * not stop the API: the worker retries with backoff and /readyz reports it.
 */
export async function startSearch(ctx: AppContext): Promise<void> {
  const { config, logger } = ctx;
  const { search, searchSync } = ctx.services;
  if (config.SEARCH_SYNC === 'external') return;
  try {
    await search.engine.init();
    if (search.engine.name === 'embedded') {
      const started = Date.now();
      const r = await searchSync.reindexAll();
      logger.info({ indexed: r.indexed, ms: Date.now() - started }, 'embedded search index built');
    }
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'search engine not reachable at start; search-sync will retry');
  }
  searchSync.start();
}
