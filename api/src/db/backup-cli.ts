import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import mongoose from 'mongoose';
import { loadConfig, repoRoot } from '../config/env';
import { backup, restore, type Progress } from './backup';
import { launchEmbeddedMongo, runningEmbeddedServer, type EmbeddedMongo } from './embedded-mongo';

/**
 * `npm run backup [FILE]` and `npm run restore FILE`. The database is MONGODB_URI when set; otherwise the
 * embedded server of DATA_DIR — the one the running API started (found through its server.json), or one
 * started here when the API is down. Restore asks for an empty DATA_DIR (or an empty MONGODB_DB).
 */
function bar(): Progress {
  const b = new SingleBar(
    { format: '{label} [{bar}] {percentage}% | {value}/{total} documents and files', hideCursor: true },
    Presets.shades_classic,
  );
  return {
    start: (total, label) => b.start(Math.max(total, 1), 0, { label }),
    increment: (by = 1) => b.increment(by),
    stop: () => b.stop(),
  };
}

async function main() {
  const [command, fileArg] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore') throw new Error('usage: backup-cli backup [FILE] | restore FILE');
  if (command === 'restore' && !fileArg)
    throw new Error('usage: npm run restore FILE (the .tar.gz written by npm run backup)');
  const config = loadConfig();
  const uploadsDir = path.join(config.DATA_DIR, 'uploads');
  let embedded: EmbeddedMongo | undefined;
  let uri = config.MONGODB_URI ?? (await runningEmbeddedServer(config.DATA_DIR));
  if (!uri) {
    if (command === 'restore' && fs.existsSync(config.DATA_DIR) && fs.readdirSync(config.DATA_DIR).length > 0) {
      throw new Error(
        `DATA_DIR ${config.DATA_DIR} is not empty: restore only into an empty DATA_DIR (set DATA_DIR to a new folder)`,
      );
    }
    embedded = await launchEmbeddedMongo({ dataDir: config.DATA_DIR, prefer: config.EMBEDDED_DB });
    uri = embedded.uri;
  }
  const conn = await mongoose
    .createConnection(uri, { dbName: config.MONGODB_DB, serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  try {
    if (command === 'backup') {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.resolve(fileArg ?? path.join(repoRoot, 'backups', `nekj-${config.MONGODB_DB}-${stamp}.tar.gz`));
      const m = await backup({ db: conn.db!, uploadsDir, file, progress: bar() });
      const docs = m.collections.reduce((a, c) => a + c.documents, 0);
      console.log(
        `backup written: ${file} (${m.collections.length} collections, ${docs} documents, ${m.uploads.files} files, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`,
      );
    } else {
      const m = await restore({ db: conn.db!, uploadsDir, file: path.resolve(fileArg!), progress: bar() });
      console.log(
        `restored ${m.collections.length} collections and ${m.uploads.files} files from the backup of ${m.createdAt} into ${config.DATA_DIR}`,
      );
    }
  } finally {
    await conn.close();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
