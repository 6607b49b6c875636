import http from 'node:http';
import type { Logger } from 'pino';
import type { AppContext } from './app-context';
import { createApp } from './app';
import { startBackgroundJobs } from './composition/background-jobs';
import { buildContext } from './composition/build-context';
import { startSearch } from './composition/start-search';
import { loadConfig, type AppConfig } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase, type Database } from './db/connection';
import { attachRealtime } from './realtime/socket-server';
import { seedDemo } from './seed/demo';

export interface RunningServer {
  ctx: AppContext;
  server: http.Server;
  url: string;
  stop(): Promise<void>;
  /**
   * Resolves when the background work of everything done so far has completed: the start-up warm-up,
   * import jobs, payouts after settlements, the negotiation log and its room write-behind (written now),
   * search indexing of every dirty listing and the notifications it stores, the stats sweep. Tests await
   * it instead of waiting for timers; production code never needs it.
   */
  settled(): Promise<void>;
}

export interface StartOptions {
  config?: AppConfig;
  logger?: Logger;
  /** Reuse an open database (tests share one server and give each file its own database). */
  db?: Database;
}

export { createLogger };
/** Builds services on a database (composition/build-context.ts): shared by the HTTP server, the seed CLI and tests. */
export { buildContext };

export async function start(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger(config);
  const db = opts.db ?? (await openDatabase(config, logger));
  const ctx = await buildContext(config, logger, db);
  if (config.SEED_DEMO) await seedDemo(ctx);
  await startSearch(ctx);
  // A crash between a contract's stats claim and its rollup $inc leaves `stats.pending`: rebuild then.
  if (await ctx.services.stats.needsRebuild())
    logger.warn(await ctx.services.stats.rebuild(), 'tally rebuilt after an interrupted update');
  // The sweep is a safety net (writes apply their own rollup delta in the request); on FerretDB each sweep
  // is a collection scan, so it runs every 5 s rather than every second.
  ctx.services.stats.start(5_000);
  // Not awaited: the dashboards' documents load into the cache while the API already serves.
  void ctx.services.stats.warm();
  const resumed = await ctx.services.imports.resumePending();
  if (resumed > 0) logger.info({ resumed }, 'resumed interrupted imports');
  const app = createApp(ctx);
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  // socket.io shares the port; services publish through it once attached (persist first, then emit).
  const realtime = await attachRealtime(server, ctx);
  ctx.services.negotiations.log.publisher = realtime.publisher;
  ctx.services.notify.push = (userIds, n) =>
    void realtime.io
      .to(userIds.map((id) => `user:${id}`))
      .emit('notification:new', { key: n.key, type: n.type, title: n.title, link: n.link });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, db: db.kind }, '东北科技大市场 API listening');
  const jobs = startBackgroundJobs(ctx);

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      ctx.markStopping();
      jobs.clearTimers();
      await ctx.services.payments.reconciler.stop();
      await ctx.services.matchAlerts.stop();
      await realtime.close();
      await ctx.services.imports.stop();
      await ctx.services.stats.stop();
      await ctx.services.mail.stop();
      await ctx.services.searchSync.stop();
      await ctx.services.search.engine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      // Rooms' seq/lastEventAt are written behind the log: write them before the connection goes.
      await ctx.services.negotiations.log.close();
      if (!opts.db) await db.close();
      logger.info('stopped cleanly');
    })());
  // In dependency order: an import writes listings and a payout writes ledger rows, the log writes rooms,
  // indexing reads the listings and stores notifications, the stats sweep reads contracts.
  const settled = async () => {
    await ctx.services.imports.idle();
    await ctx.services.payments.settled();
    await ctx.services.negotiations.log.settled();
    if (config.SEARCH_SYNC === 'inprocess') await ctx.services.searchSync.drain();
    await ctx.services.stats.settled();
    // Last: the steps above store notifications, and with them the e-mails the outbox then sends.
    await ctx.services.mail.settled();
  };
  return { ctx, server, url, stop, settled };
}
