import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { poolSizeFor } from './connection';
import { launchEmbeddedMongo } from './embedded-mongo';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-launcher-'));


describe('embedded database launcher', () => {
  test('when FerretDB is started twice on one data dir, then data written before the restart is still there', async () => {
    const dataDir = tmp();
    const logs: string[] = [];
    const logger = { info: (o: unknown, msg?: string) => void logs.push(String(msg ?? o)), warn: () => undefined };
    const t0 = Date.now();
    const first = await launchEmbeddedMongo({ dataDir, prefer: 'ferretdb', logger });
    const startMs = Date.now() - t0;
    expect(first.kind).toBe('ferretdb');
    expect(logs).toContain('embedded database: ferretdb');
    let conn = await mongoose.createConnection(first.uri, { dbName: 'persist' }).asPromise();
    await conn.collection('things').insertOne({ name: '东北大学', n: 1 });
    await conn.close();
    await first.stop();

    const second = await launchEmbeddedMongo({ dataDir, prefer: 'ferretdb', logger });
    conn = await mongoose.createConnection(second.uri, { dbName: 'persist' }).asPromise();
    expect(await conn.collection('things').findOne({ name: '东北大学' })).toMatchObject({ n: 1 });
    await conn.close();
    await second.stop();
    expect(fs.existsSync(path.join(dataDir, 'ferretdb'))).toBe(true);
    // Reported, not asserted: wall-clock belongs in benchmarks.
    console.log(`FerretDB start-up: ${startMs} ms`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when 100 updates race on one document over the app pool size, then none is lost', async () => {
    const dataDir = tmp();
    const db = await launchEmbeddedMongo({ dataDir, prefer: 'ferretdb' });
    const conn = await mongoose.createConnection(db.uri, { dbName: 'race', maxPoolSize: poolSizeFor(db.kind) }).asPromise();
    const col = conn.collection('counters');
    const { insertedId } = await col.insertOne({ n: 0 });
    await Promise.all(Array.from({ length: 100 }, () => col.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await col.findOne({ _id: insertedId }))!.n).toBe(100);
    await conn.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when no candidate can run, then the error names each one and what to install or set', async () => {
    const dataDir = tmp();
    const attempt = launchEmbeddedMongo({
      dataDir,
      mongodBinary: null,
      ferretdbBinary: path.join(dataDir, 'missing-ferretdb'),
      mongoJavaServerJar: path.join(dataDir, 'missing.jar'),
    });
    await expect(attempt).rejects.toThrow(/mongod: not available[\s\S]*ferretdb: not available[\s\S]*mongo-java-server: not available[\s\S]*MONGODB_URI/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when the server binary exits at once, then the launcher reports its exit instead of hanging', async () => {
    const dataDir = tmp();
    const fake = path.join(dataDir, 'fake-ferretdb');
    fs.writeFileSync(fake, '#!/bin/sh\necho "boom: cannot open database" >&2\nexit 3\n', { mode: 0o755 });
    await expect(launchEmbeddedMongo({ dataDir, prefer: 'ferretdb', ferretdbBinary: fake })).rejects.toThrow(
      /ferretdb exited with code 3: boom/,
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
