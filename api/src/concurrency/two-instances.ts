/**
 * Two api processes' worth of app on one database, as production runs them (docker-compose: api ×2 behind
 * nginx): instance A from startTestApp, instance B started on a second connection pool to the same
 * database, both with REDIS_URL (so the negotiation log numbers events in multi-instance mode, one `$inc`
 * per room) and Stripe replaced by the local fake. A race fires its competing requests at once, alternating
 * between the instances, and the test then reads the stored state.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor, type Database } from '../db/connection';
import { errorCatalog, type ErrorCode } from '../http/errors';
import { FakeStripe } from '../modules/payments/testing/fake-stripe';
import { STRIPE_KEY, WEBHOOK_SECRET } from '../modules/payments/testing/payment-fixtures';
import { start } from '../server';
import { startTestApp, TestApp, type HttpResult } from '../test-support/harness';
import { startRedis } from '../test-support/redis-server';

/** Fresh objects per race: enough that a lucky interleaving does not hide a bug, few enough for two cores. */
export const ROUNDS = 8;

/**
 * FerretDB v1 applies conditional updates non-atomically across connections (README, "FerretDB v1 and
 * concurrent writes") and is never run with two instances, so the battery needs a store with a real pool.
 */
export const describeRaces = process.env.TEST_DB_KIND === 'ferretdb' ? describe.skip : describe;

export interface Pair {
  a: TestApp;
  b: TestApp;
  fake: FakeStripe;
  /** Instance A on even turns, B on odd ones: competing requests go through different processes. */
  on(turn: number): TestApp;
  stop(): Promise<void>;
}

export async function startPair(): Promise<Pair> {
  const redis = await startRedis();
  const fake = await new FakeStripe().start();
  const a = await startTestApp({
    REDIS_URL: redis.url,
    // The search index is not under test; an indexer per instance would only add writers.
    SEARCH_SYNC: 'external',
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    PAYMENT_RECONCILE_INTERVAL_MS: 0,
  });
  const connection = mongoose.createConnection(process.env.TEST_MONGODB_URI!, {
    dbName: a.db.connection.name,
    maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
  });
  await connection.asPromise();
  const db: Database = { connection, kind: a.db.kind, close: () => connection.close() };
  const running = await start({
    config: { ...a.running.ctx.config, PORT: 0 },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  // B shares A's database: it is never stopped through TestApp.stop, which drops the database.
  const b = new TestApp(running, db);
  return {
    a,
    b,
    fake,
    on: (turn) => (turn % 2 === 0 ? a : b),
    stop: async () => {
      await running.stop();
      await connection.close();
      await a.stop();
      await fake.stop();
      await redis.stop();
    },
  };
}

/** The connection pool size each instance's driver was given. */
export const poolOf = (app: TestApp) => app.db.connection.getClient().options.maxPoolSize;

/** Fires every request before awaiting any of them. */
export const race = (...requests: Array<() => Promise<HttpResult>>) => Promise.all(requests.map((r) => r()));

/**
 * Exactly one answer is 2xx; every other one is a 4xx whose code is one of `loserCodes`, with the
 * catalogue's message in Chinese and English. Returns the winner's index.
 */
export function oneWinner(results: HttpResult[], loserCodes: ErrorCode[]): number {
  const winners = results.map((r, i) => (r.status >= 200 && r.status < 300 ? i : -1)).filter((i) => i >= 0);
  if (winners.length !== 1) {
    throw new Error(
      `expected exactly one 2xx, got ${winners.length}: ${results.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`).join(' | ')}`,
    );
  }
  results.forEach((r, i) => {
    if (i === winners[0]) return;
    const code = r.body?.error?.code as ErrorCode;
    expect(loserCodes).toContain(code);
    expect([r.status, r.body.error.message]).toEqual([
      errorCatalog[code].status,
      { zh: errorCatalog[code].zh, en: errorCatalog[code].en },
    ]);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
  return winners[0];
}
