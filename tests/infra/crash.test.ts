/**
 * The API process is killed with SIGKILL while eight clients write through it, then started again on the
 * same DATA_DIR with the embedded default database: every write the API acknowledged before it died is
 * there. (The embedded server sees its parent's stdin close, commits and exits; the new API's launcher
 * waits for the store to be free.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, launchEmbeddedMongo } from '../../api/src/db/embedded-mongo';
import { CURRENT_CONSENT } from '../../api/src/shared/legal';

jest.setTimeout(180_000);
const root = path.resolve(__dirname, '../..');
let dataDir: string;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startApi(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'api', 'src', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      MONGODB_URI: '',
      DATA_DIR: dataDir,
      EMBEDDED_DB: 'auto',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      WEB_DIST: '/nonexistent',
      LOGIN_IP_LIMIT_PER_MIN: '100000',
      MONGODB_DB: 'crash',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  // Waits on the API's own readiness answer, not on time; fails with the exit code if it died instead.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before it was ready`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('when the API is killed with SIGKILL in the middle of writes, then every acknowledged write is there after a restart', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-crash-'));
  const port = await freePort();
  const api = await startApi(port);
  const acknowledged: string[] = [];
  let stop = false;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const email = `crash-${n++}@test.nekj.cn`;
      const res = await fetch(`http://127.0.0.1:${port}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'Crash-2026!', name: '断电测试', consent: CURRENT_CONSENT }),
      }).catch(() => null);
      if (res?.status === 201) acknowledged.push(email);
      else if (res === null) return; // the API is gone
    }
  };
  const writers = Array.from({ length: 8 }, writer);
  // Kill once enough writes are acknowledged that some are surely in flight at the moment of the kill.
  while (acknowledged.length < 80) await new Promise((r) => setTimeout(r, 20));
  api.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  const atKill = [...acknowledged];

  // Restart on the same data: the launcher waits until the orphaned server has released the store.
  const again = await startApi(await freePort());
  again.kill('SIGTERM');
  await new Promise((r) => again.once('exit', r));
  const db = await launchEmbeddedMongo({ dataDir });
  const conn = await mongoose.createConnection(db.uri, { dbName: 'crash' }).asPromise();
  const stored = new Set(
    (
      await conn
        .collection('users')
        .find({}, { projection: { email: 1 } })
        .toArray()
    ).map((u) => u.email as string),
  );
  await conn.close();
  await db.stop();
  expect(atKill.length).toBeGreaterThanOrEqual(80);
  expect(atKill.filter((e) => !stored.has(e))).toEqual([]);
});
