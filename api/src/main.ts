import { start } from './server';

/** Entry point: start, and stop cleanly on SIGTERM/SIGINT (HTTP, then the database and its embedded server). */
async function main() {
  const running = await start();
  const shutdown = async (signal: string) => {
    running.ctx.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await running.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
