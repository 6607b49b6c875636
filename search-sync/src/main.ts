/**
 * The search-sync service (docker-compose `search-sync`): keeps the Meilisearch index equal to MongoDB.
 * One active worker holds a lease in MongoDB; extra copies wait and take over when it lapses. The api
 * instances run with SEARCH_SYNC=external. With the embedded engine the worker runs inside the api process
 * instead (the index lives there), so this entry point refuses to run with SEARCH_ENGINE=embedded.
 */
import { loadConfig } from '../../api/src/config/env';
import { openDatabase } from '../../api/src/db/connection';
import { createLogger } from '../../api/src/config/logger';
import { buildIndexingContext } from '../../api/src/modules/search/indexing-context';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config).child({ service: 'search-sync' });
  if (config.SEARCH_ENGINE !== 'meilisearch') {
    logger.error(
      'search-sync runs against Meilisearch (SEARCH_ENGINE=meilisearch, MEILI_HOST); the embedded engine syncs inside the api process',
    );
    process.exit(2);
  }
  const db = await openDatabase(config, logger);
  const { engine, worker } = await buildIndexingContext(config, logger, db, { useLease: true });
  worker.start();
  const report = setInterval(() => void worker.lag().then((lag) => logger.info(lag, 'search-sync lag')), 30_000);
  logger.info({ engine: engine.name }, 'search-sync started');
  const shutdown = async () => {
    clearInterval(report);
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
