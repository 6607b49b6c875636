import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';

/**
 * One database server for the whole run, started by the same launcher the app uses (or MONGODB_URI when
 * set); every test file then works in a database of its own. Workers inherit TEST_MONGODB_URI.
 */
export default async function globalSetup(): Promise<void> {
  // Failure screenshots are this run's only (global-teardown prints where they are when there are any).
  fs.rmSync(path.resolve(__dirname, '../artifacts/failures'), { recursive: true, force: true });
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.TEST_DB_KIND = 'external';
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-test-db-'));
  const started = Date.now();
  const db = await launchEmbeddedMongo({ dataDir, prefer: (process.env.EMBEDDED_DB as never) ?? 'auto' });
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_KIND = db.kind;
  console.log(`\n[tests] database server: ${db.kind} at ${db.uri} (started in ${Date.now() - started} ms)`);
  (globalThis as Record<string, unknown>).__nekjTestDb = { db, dataDir };
}
