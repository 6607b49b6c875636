import type { AppContext } from '../app-context';
import type { AppConfig } from '../config/env';
import type { Database } from '../db/connection';
import type { SearchSync } from '../modules/search/search-sync';
import type { SearchEngine } from '../modules/search/search-engine';

/** What /readyz asks: the database answers a ping, and the search engine answers (its sync lag is reported). */
export function readinessChecks(
  config: AppConfig,
  db: Database,
  engine: SearchEngine,
  searchSync: SearchSync,
): AppContext['readiness'] {
  return {
    database: async () => {
      const started = Date.now();
      await db.connection.db!.admin().ping();
      return { ok: true, detail: { kind: db.kind, pingMs: Date.now() - started } };
    },
    // The engine must answer; the sync lag is reported (and logged by the worker) but does not fail readiness.
    search: async () => {
      const ok = await engine.ping().catch(() => false);
      const lag = config.SEARCH_SYNC === 'inprocess' ? searchSync.lagSnapshot() : await searchSync.lag();
      return { ok, detail: { engine: engine.name, sync: config.SEARCH_SYNC, ...lag } };
    },
  };
}
