import mongoose from 'mongoose';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env';
import { launchEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo';

// Client input reaches queries only through strict zod schemas (strings, numbers, enums), so a
// `{"$ne": null}` never becomes a filter; strictQuery drops unknown paths as a second guard.
mongoose.set('strictQuery', true);

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
  });
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

/** The URI without its password, for messages. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
