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
  await connection.asPromise();
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
 * FerretDB v1 (SQLite) applies read-modify-write updates non-atomically across connections: measured here,
 * 100 concurrent `$inc` on one document left 9, and two conditional `updateOne`s both "won" 195 times in
 * 200. Commands on one connection run in order, so the embedded stand-ins get a single connection: one
 * process's writes are then atomic as on MongoDB. Run several api instances only against real MongoDB.
 */
export function poolSizeFor(kind: string | undefined): number {
  return kind === 'ferretdb' || kind === 'mongo-java-server' ? 1 : 20;
}
