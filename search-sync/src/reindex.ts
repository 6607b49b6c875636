/**
 * `npm run reindex`: rebuilds the configured engine's index from MongoDB with a progress bar, then removes
 * entries MongoDB no longer publishes. Against Meilisearch this is the real rebuild. With the embedded
 * engine the index lives in the api process (rebuilt there at every start, or by an admin with
 * `POST /api/search/reindex`), so here it builds a throw-away copy and reports what a rebuild indexes.
 */
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../api/src/config/env';
import { openDatabase } from '../../api/src/db/connection';
import { createLogger } from '../../api/src/config/logger';
import { buildIndexingContext } from '../../api/src/modules/search/indexing-context';

async function main() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const logger = createLogger(config);
  const db = await openDatabase(config, logger);
  const bar = new SingleBar(
    { format: '重建索引 reindex |{bar}| {percentage}% {value}/{total} listings {eta_formatted}' },
    Presets.shades_classic,
  );
  const started = Date.now();
  try {
    const { engine, worker } = await buildIndexingContext(config, logger, db);
    let begun = false;
    const result = await worker.reindexAll((done, total) => {
      if (!begun) bar.start(total, 0);
      begun = true;
      bar.update(done);
    });
    bar.stop();
    console.log(
      `engine ${engine.name}: ${result.indexed} listings indexed, ${result.removed} stale entries removed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (engine.name === 'embedded') {
      console.log(
        '(embedded engine: a running api rebuilds its own in-memory index at start or via POST /api/search/reindex)',
      );
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
