import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import mongoose from 'mongoose';
import { poolSizeFor } from './connection';
import { launchEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo';

/** The store file stays locked until the orphaned server has closed it (a few hundred ms): retry the launch, naming why. */
async function eventuallyLaunch(dataDir: string): Promise<EmbeddedMongo> {
  let last: unknown;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server' });
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the store of the killed parent's server never became free: ${String(last)}`);
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-launcher-'));

describe('embedded database launcher', () => {
  test('when started on the default (auto), then it is an atomic server with a real pool and the launcher says which', async () => {
    const dataDir = tmp();
    const logs: string[] = [];
    const logger = { info: (o: unknown, msg?: string) => void logs.push(String(msg ?? o)), warn: () => undefined };
    const db = await launchEmbeddedMongo({ dataDir, logger });
    expect(['mongod', 'mongo-java-server']).toContain(db.kind);
    expect(logs).toContain(`embedded database: ${db.kind}`);
    expect(poolSizeFor(db.kind)).toBeGreaterThanOrEqual(8);
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when mongo-java-server is started twice on one data dir, then data written before the restart is still there', async () => {
    const dataDir = tmp();
    const first = await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server' });
    expect(first.kind).toBe('mongo-java-server');
    let conn = await mongoose.createConnection(first.uri, { dbName: 'persist' }).asPromise();
    await conn.collection('things').insertOne({ name: '东北大学', n: 1 });
    await conn.close();
    await first.stop();

    const second = await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server' });
    conn = await mongoose.createConnection(second.uri, { dbName: 'persist' }).asPromise();
    expect(await conn.collection('things').findOne({ name: '东北大学' })).toMatchObject({ n: 1 });
    await conn.close();
    await second.stop();
    expect(fs.existsSync(path.join(dataDir, 'mongo-java-server', 'db.mv'))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when 200 updates and 4-way conditional updates race over the app pool, then none is lost and exactly one wins each round', async () => {
    const dataDir = tmp();
    const db = await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server' });
    const conn = await mongoose
      .createConnection(db.uri, { dbName: 'race', maxPoolSize: poolSizeFor(db.kind) })
      .asPromise();
    const col = conn.collection('counters');
    const { insertedId } = await col.insertOne({ n: 0, state: 'open' });
    await Promise.all(Array.from({ length: 200 }, () => col.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await col.findOne({ _id: insertedId }))!.n).toBe(200);
    for (let round = 0; round < 20; round++) {
      await col.updateOne({ _id: insertedId }, { $set: { state: 'open' } });
      const results = await Promise.all(
        [0, 1, 2, 3].map((i) => col.updateOne({ _id: insertedId, state: 'open' }, { $set: { state: `won-${i}` } })),
      );
      expect(results.reduce((sum, r) => sum + r.modifiedCount, 0)).toBe(1);
    }
    await conn.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('when the process that started mongo-java-server is killed with SIGKILL, then the server commits, exits and frees its store', async () => {
    const dataDir = tmp();
    // A child node process launches the server, writes, reports the write acknowledged, then dies by SIGKILL.
    const script = `
      const { launchEmbeddedMongo } = require(${JSON.stringify(path.join(__dirname, 'embedded-mongo'))});
      const mongoose = require(${JSON.stringify(require.resolve('mongoose'))});
      (async () => {
        const db = await launchEmbeddedMongo({ dataDir: ${JSON.stringify(dataDir)}, prefer: 'mongo-java-server' });
        const conn = await mongoose.createConnection(db.uri, { dbName: 'crash' }).asPromise();
        for (let i = 0; i < 50; i++) await conn.collection('acks').insertOne({ i });
        process.stdout.write('acked\\n');
        setInterval(() => undefined, 1000);
      })();`;
    const file = path.join(dataDir, 'parent.ts');
    fs.writeFileSync(file, script);
    // node itself with tsx's loader (not the tsx CLI, which would put a wrapper process in between).
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, file], {
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('acked') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    // The orphaned server sees EOF on stdin and closes the store; a new server can then open it.
    const again = await eventuallyLaunch(dataDir);
    const conn = await mongoose.createConnection(again.uri, { dbName: 'crash' }).asPromise();
    expect(await conn.collection('acks').countDocuments()).toBe(50);
    await conn.close();
    await again.stop();
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
    await expect(attempt).rejects.toThrow(
      /mongod: not available[\s\S]*mongo-java-server: not available[\s\S]*ferretdb: not available[\s\S]*MONGODB_URI/,
    );
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
