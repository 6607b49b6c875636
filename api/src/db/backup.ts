import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import * as tar from 'tar';

type Db = mongoose.mongo.Db;
const { EJSON } = mongoose.mongo.BSON;

/**
 * Logical backup of the marketplace: every collection of the database as canonical Extended JSON (so
 * ObjectIds, dates, int32/int64/double and binary keep their BSON types), its index definitions, and the
 * uploaded files under DATA_DIR/uploads, in one .tar.gz with a manifest. Logical rather than a copy of the
 * embedded server's files so the archive restores into any MongoDB-compatible store (the embedded default,
 * FerretDB or MongoDB 7). It is consistent per document, not a point-in-time snapshot across collections:
 * take it with writes stopped when that matters (the README says so).
 */
export const BACKUP_FORMAT = 'nekj-backup/1';

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  database: string;
  collections: Array<{ name: string; documents: number }>;
  uploads: { files: number; bytes: number };
}

export interface Progress {
  start(total: number, label: string): void;
  increment(by?: number): void;
  stop(): void;
}
export const silentProgress: Progress = { start: () => undefined, increment: () => undefined, stop: () => undefined };

function listFiles(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : e.isFile() ? [path.relative(base, p)] : [];
  });
}

export async function backup(opts: {
  db: Db;
  uploadsDir: string;
  file: string;
  progress?: Progress;
}): Promise<Manifest> {
  const progress = opts.progress ?? silentProgress;
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-backup-'));
  try {
    const names = (await opts.db.listCollections({}, { nameOnly: true }).toArray())
      .map((c) => c.name)
      .filter((n) => !n.startsWith('system.'))
      .sort();
    const counts = await Promise.all(names.map((n) => opts.db.collection(n).estimatedDocumentCount()));
    const uploads = listFiles(opts.uploadsDir);
    progress.start(counts.reduce((a, b) => a + b, 0) + uploads.length, 'backup');
    fs.mkdirSync(path.join(stage, 'db'));
    const collections: Manifest['collections'] = [];
    for (const name of names) {
      const col = opts.db.collection(name);
      const out = fs.createWriteStream(path.join(stage, 'db', `${name}.ejsonl`));
      let documents = 0;
      for await (const doc of col.find({}).sort({ _id: 1 })) {
        if (!out.write(EJSON.stringify(doc, { relaxed: false }) + '\n'))
          await new Promise<void>((r) => out.once('drain', () => r()));
        documents++;
        progress.increment();
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const indexes = (await col.indexes()).filter((i) => i.name !== '_id_');
      fs.writeFileSync(path.join(stage, 'db', `${name}.indexes.json`), JSON.stringify(indexes, null, 1));
      collections.push({ name, documents });
    }
    let bytes = 0;
    for (const rel of uploads) {
      const to = path.join(stage, 'uploads', rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(opts.uploadsDir, rel), to);
      bytes += fs.statSync(to).size;
      progress.increment();
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      database: opts.db.databaseName,
      collections,
      uploads: { files: uploads.length, bytes },
    };
    fs.writeFileSync(path.join(stage, 'manifest.json'), JSON.stringify(manifest, null, 1));
    fs.mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
    // Written beside the target and renamed: a crash mid-write never leaves a half archive under the name.
    const partial = `${opts.file}.partial`;
    await tar.c({ gzip: true, file: partial, cwd: stage, portable: true }, fs.readdirSync(stage));
    fs.renameSync(partial, opts.file);
    progress.stop();
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Reads the manifest and checks the format before anything is written. */
async function unpack(file: string): Promise<{ stage: string; manifest: Manifest }> {
  if (!fs.existsSync(file)) throw new Error(`No backup archive at ${file}`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-restore-'));
  await tar.x({ file, cwd: stage, strict: true });
  const manifestPath = path.join(stage, 'manifest.json');
  const manifest = fs.existsSync(manifestPath) ? (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest) : null;
  if (manifest?.format !== BACKUP_FORMAT) {
    fs.rmSync(stage, { recursive: true, force: true });
    throw new Error(`${file} is not a ${BACKUP_FORMAT} archive`);
  }
  return { stage, manifest };
}

/**
 * Restores an archive into an empty database and uploads folder: it refuses to merge into existing data
 * (a restore over live data would mix two states). Documents go in by batches of 1,000 with their _id,
 * then the indexes are built, then the files are copied.
 */
export async function restore(opts: {
  db: Db;
  uploadsDir: string;
  file: string;
  progress?: Progress;
}): Promise<Manifest> {
  const progress = opts.progress ?? silentProgress;
  const existing = (await opts.db.listCollections({}, { nameOnly: true }).toArray()).filter(
    (c) => !c.name.startsWith('system.'),
  );
  if (existing.length > 0)
    throw new Error(
      `The target database ${opts.db.databaseName} is not empty (${existing.length} collections): restore only into an empty DATA_DIR or database`,
    );
  if (listFiles(opts.uploadsDir).length > 0)
    throw new Error(`The uploads folder ${opts.uploadsDir} is not empty: restore only into an empty DATA_DIR`);
  const { stage, manifest } = await unpack(opts.file);
  try {
    progress.start(manifest.collections.reduce((a, c) => a + c.documents, 0) + manifest.uploads.files, 'restore');
    for (const { name } of manifest.collections) {
      const col = opts.db.collection(name);
      await opts.db.createCollection(name);
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (batch.length) await col.insertMany(batch, { ordered: true });
        progress.increment(batch.length);
        batch = [];
      };
      const lines = fs.readFileSync(path.join(stage, 'db', `${name}.ejsonl`), 'utf8').split('\n');
      for (const line of lines) {
        if (!line) continue;
        batch.push(EJSON.parse(line, { relaxed: false }) as Record<string, unknown>);
        if (batch.length === 1_000) await flush();
      }
      await flush();
      const indexes = JSON.parse(fs.readFileSync(path.join(stage, 'db', `${name}.indexes.json`), 'utf8')) as Array<
        Record<string, unknown> & { key: Record<string, 1 | -1>; name: string }
      >;
      for (const { key, v: _v, ns: _ns, ...options } of indexes) await col.createIndex(key, options);
    }
    for (const rel of listFiles(path.join(stage, 'uploads'))) {
      const to = path.join(opts.uploadsDir, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(stage, 'uploads', rel), to);
      progress.increment();
    }
    progress.stop();
    return manifest;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}
