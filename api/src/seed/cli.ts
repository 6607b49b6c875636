import { loadConfig } from '../config/env';
import { openDatabase } from '../db/connection';
import { buildContext, createLogger } from '../server';
import { seedDemo } from './demo';

/** `npm run seed`: applies the idempotent demo seed to the configured database and exits. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const db = await openDatabase(config, logger);
  try {
    const ctx = await buildContext(config, logger, db);
    const result = await seedDemo(ctx);
    await ctx.services.negotiations.log.close();
    logger.info(result, 'seed finished');
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
