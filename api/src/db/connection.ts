import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env';
import { launchEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo';

// Client input reaches queries only through strict zod schemas (strings, numbers, enums), so a
// `{"$ne": null}` never becomes a filter; strictQuery drops unknown paths as a second guard.
mongoose.set('strictQuery', true);
// Every query would otherwise capture a stack trace when it runs (for a "Query was already executed" error we
// never make); with source maps on, formatting those traces cost ~1 % of the API's CPU under write load.
mongoose.set('skipOriginalStackTraces', true);

export interface Database {
  connection: mongoose.Connection;
  kind: string;
  close(): Promise<void>;
}

/** Connects to MONGODB_URI, or starts the embedded server first when it is unset. */
export async function openDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  let embedded: EmbeddedMongo | undefined;
  let uri = config.MONGODB_URI;
  if (!uri) {
    embedded = await launchEmbeddedMongo({ dataDir: config.DATA_DIR, prefer: config.EMBEDDED_DB, logger });
    uri = embedded.uri;
  }
  const connection = mongoose.createConnection(uri, {
    dbName: config.MONGODB_DB,
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: poolSizeFor(embedded?.kind),
    monitorCommands: config.DB_SLOW_MS > 0,
  });
  if (config.DB_SLOW_MS > 0) logSlowCommands(connection, config.DB_SLOW_MS, logger);
  try {
    await connection.asPromise();
  } catch (err) {
    await connection.close().catch(() => undefined);
    await embedded?.stop();
    const where = config.MONGODB_URI
      ? `MONGODB_URI (${redact(config.MONGODB_URI)})`
      : `the embedded ${embedded?.kind} server (EMBEDDED_DB=${config.EMBEDDED_DB})`;
    throw new Error(
      `Cannot reach the database at ${where}: ${(err as Error).message}\n` +
        'Fix: start that MongoDB (>= 7) or correct MONGODB_URI; or unset MONGODB_URI to use the embedded database (EMBEDDED_DB=auto).',
    );
  }
  logger.info({ db: config.MONGODB_DB, kind: embedded?.kind ?? 'external' }, 'database connected');
  return {
    connection,
    kind: embedded?.kind ?? 'external',
    close: async () => {
      await connection.close();
      await embedded?.stop();
    },
  };
}

/**
 * FerretDB v1 applies read-modify-write updates non-atomically across connections: measured here, 100
 * concurrent `$inc` on one document left 9 (SQLite) and 200 left 14 (PostgreSQL), and two conditional
 * `updateOne`s both "won" 195 times in 200. Commands on one connection run in order, so FerretDB gets a single
 * connection. MongoDB and mongo-java-server (which serialises writes per collection) get a real pool: 10,
 * above the 8 the tests and benchmarks need to show concurrency bugs.
 */
export function poolSizeFor(kind: string | undefined): number {
  return kind === 'ferretdb' ? 1 : kind === 'mongo-java-server' ? 10 : 20;
}

/**
 * `DB_SLOW_MS`: one warn line per command slower than the threshold, naming the command, its collection and
 * the time the server took, so a slow page can be traced to the queries behind it without a profiler.
 */
function logSlowCommands(connection: mongoose.Connection, slowMs: number, logger: Logger): void {
  const started = new Map<number, { name: string; collection: unknown; keys: string[] }>();
  const client = connection.getClient();
  client.on('commandStarted', (e) => {
    const cmd = e.command as Record<string, unknown>;
    const filter = (cmd.filter ?? cmd.query ?? (cmd.updates as Array<{ q: object }> | undefined)?.[0]?.q) as
      Record<string, unknown> | undefined;
    started.set(e.requestId, { name: e.commandName, collection: cmd[e.commandName], keys: Object.keys(filter ?? {}) });
  });
  const done = (e: { requestId: number; duration: number }, failed: boolean) => {
    const s = started.get(e.requestId);
    started.delete(e.requestId);
    if (s && e.duration >= slowMs) logger.warn({ db: { ...s, ms: e.duration, failed } }, 'slow database command');
  };
  client.on('commandSucceeded', (e) => done(e, false));
  client.on('commandFailed', (e) => done(e, true));
}

/** The URI without its password, for messages. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
