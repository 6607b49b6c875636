import { loadConfig } from '../../config/env';
import { openDatabase } from '../../db/connection';
import { buildContext, createLogger } from '../../server';

/** `npm run rebuild-stats`: recomputes every rollup row from the contracts (idempotent) and exits. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const db = await openDatabase(config, logger);
  try {
    const ctx = await buildContext(config, logger, db);
    const started = Date.now();
    const result = await ctx.services.stats.rebuild((done) => logger.info({ done }, 'contracts read'));
    logger.info({ ...result, ms: Date.now() - started }, 'tally rebuilt');
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
