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
    maxPoolSize: 20,
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
