import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../test-support/harness';
import { seedDemo } from '../seed/demo';
import { backup, restore } from './backup';
import { poolSizeFor } from './connection';

const { EJSON } = mongoose.mongo.BSON;

let app: TestApp;
let target: mongoose.Connection;
const tmp: string[] = [];
const mkdir = (prefix: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmp.push(dir);
  return dir;
};

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  target = await mongoose
    .createConnection(process.env.TEST_MONGODB_URI!, {
      dbName: `${app.db.connection.name}_restored`,
      maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
    })
    .asPromise();
});
afterAll(async () => {
  await target?.dropDatabase().catch(() => undefined);
  await target?.close();
  await app?.stop();
  for (const dir of tmp) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every document of every collection, in _id order, as canonical Extended JSON (types included). */
async function snapshot(db: mongoose.mongo.Db) {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, { docs: string[]; indexes: unknown[] }> = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const indexes = (await db.collection(name).indexes())
      .map(({ v: _v, ns: _ns, ...i }) => i)
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    out[name] = { docs: docs.map((d) => EJSON.stringify(d, { relaxed: false })), indexes };
  }
  return out;
}

test('when the demo data is backed up and restored into an empty database, then every collection, index and uploaded file is the same', async () => {
  await seedDemo(app.running.ctx);
  const uploads = mkdir('nekj-uploads-');
  fs.mkdirSync(path.join(uploads, 'ab'), { recursive: true });
  fs.writeFileSync(path.join(uploads, 'ab', 'receipt.pdf'), Buffer.from('%PDF-1.4 转账回单 %%EOF'));
  fs.writeFileSync(path.join(uploads, 'licence.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
  const file = path.join(mkdir('nekj-archive-'), 'demo.tar.gz');
  const steps: string[] = [];
  const progress = {
    start: (total: number, label: string) => void steps.push(`${label}:${total}`),
    increment: () => undefined,
    stop: () => void steps.push('stop'),
  };

  const written = await backup({ db: app.db.connection.db!, uploadsDir: uploads, file, progress });
  expect(fs.existsSync(file)).toBe(true);
  expect(written.collections.find((c) => c.name === 'contracts')!.documents).toBeGreaterThanOrEqual(2_000);
  expect(written.uploads).toEqual({ files: 2, bytes: expect.any(Number) });

  const restoredUploads = path.join(mkdir('nekj-restored-'), 'uploads');
  const read = await restore({ db: target.db!, uploadsDir: restoredUploads, file, progress });
  expect(read.collections).toEqual(written.collections);
  expect(steps).toEqual([
    expect.stringMatching(/^backup:\d+$/),
    'stop',
    expect.stringMatching(/^restore:\d+$/),
    'stop',
  ]);

  const [before, after] = [await snapshot(app.db.connection.db!), await snapshot(target.db!)];
  expect(Object.keys(after)).toEqual(Object.keys(before));
  for (const name of Object.keys(before)) {
    expect([name, after[name].docs.length]).toEqual([name, before[name].docs.length]);
    expect(after[name].docs).toEqual(before[name].docs);
    expect(after[name].indexes).toEqual(before[name].indexes);
  }
  expect(fs.readFileSync(path.join(restoredUploads, 'ab', 'receipt.pdf'))).toEqual(
    fs.readFileSync(path.join(uploads, 'ab', 'receipt.pdf')),
  );
  expect(fs.readFileSync(path.join(restoredUploads, 'licence.png'))).toEqual(
    fs.readFileSync(path.join(uploads, 'licence.png')),
  );

  // A second restore into the now-filled database is refused before anything is written.
  const count = await target.db!.collection('contracts').countDocuments();
  await expect(restore({ db: target.db!, uploadsDir: mkdir('nekj-other-'), file })).rejects.toThrow(/not empty/);
  expect(await target.db!.collection('contracts').countDocuments()).toBe(count);
}, 300_000);

test('when the file is not a backup archive, then restore says so and writes nothing', async () => {
  const dir = mkdir('nekj-bad-');
  const file = path.join(dir, 'not-a-backup.tar.gz');
  fs.writeFileSync(file, 'plain text, not gzip');
  const db = app.db.connection.useDb(`${app.db.connection.name}_bad`).db!;
  await expect(restore({ db, uploadsDir: path.join(dir, 'uploads'), file })).rejects.toThrow();
  expect(await db.listCollections().toArray()).toEqual([]);
});
