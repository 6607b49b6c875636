import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config/env';
import { start, type RunningServer } from '../server';
import { eventually } from '../test-support/harness';
import { launchEmbeddedMongo, type EmbeddedMongo } from './embedded-mongo';
import { openDatabase } from './connection';
import { CURRENT_CONSENT } from '../shared/legal';

/**
 * The database goes away while the API runs, then comes back on the same port: readiness and writes say so
 * (503, zh/en, nothing changed) and everything acknowledged before the outage is still there after it.
 * Its own mongo-java-server, not the run's shared one, because this test stops it.
 */
let dataDir: string;
let server: EmbeddedMongo;
let running: RunningServer;
let port: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-outage-'));
  server = await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server' });
  port = Number(new URL(server.uri).port);
  const config = loadConfig(
    {},
    {
      MONGODB_URI: server.uri,
      MONGODB_DB: 'outage',
      PORT: 0,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SEED_DEMO: false,
      WEB_DIST: '/nonexistent',
      DATA_DIR: dataDir,
    },
  );
  running = await start({ config, logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await running?.stop();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const register = (email: string) =>
  fetch(`${running.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Outage-2026!', name: '断线测试', consent: CURRENT_CONSENT }),
  });

test('when the database is lost while running, then /readyz fails and writes answer 503 in zh/en; when it returns, acknowledged work is there and writes work again', async () => {
  const before = await register('before-outage@test.nekj.cn');
  expect(before.status).toBe(201);

  await server.stop();
  await eventually(
    'readyz reports the database down',
    () => fetch(`${running.url}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    (r) => {
      expect(r.status).toBe(503);
      expect(r.body.checks.database.ok).toBe(false);
    },
  );
  const during = await eventually(
    'a write during the outage is refused as unavailable',
    () =>
      register('during-outage@test.nekj.cn').then(async (r) => ({ status: r.status, body: (await r.json()) as any })),
    (r) => expect(r.status).toBe(503),
  );
  expect(during.body.error).toMatchObject({
    code: 'DATABASE_UNAVAILABLE',
    message: { zh: expect.stringMatching(/数据库/), en: expect.stringMatching(/database/i) },
  });

  server = await launchEmbeddedMongo({ dataDir, prefer: 'mongo-java-server', port });
  await eventually(
    'readyz reports the database back',
    () => fetch(`${running.url}/readyz`).then((r) => r.status),
    (status) => expect(status).toBe(200),
    60_000,
  );
  const after = await eventually(
    'a write after the outage succeeds',
    () => register('after-outage@test.nekj.cn').then((r) => r.status),
    (status) => expect(status).toBe(201),
  );
  expect(after).toBe(201);
  const users = running.ctx.db.connection.collection('users');
  expect(
    await users.countDocuments({ email: { $in: ['before-outage@test.nekj.cn', 'after-outage@test.nekj.cn'] } }),
  ).toBe(2);
  expect(await users.countDocuments({ email: 'during-outage@test.nekj.cn' })).toBe(0);
});

test('when MONGODB_URI points at nothing, then start-up fails with one message naming MONGODB_URI, not a stack', async () => {
  const config = loadConfig({}, { MONGODB_URI: 'mongodb://127.0.0.1:1/', MONGODB_DB: 'nothing', LOG_LEVEL: 'silent' });
  const attempt = openDatabase({ ...config }, pino({ level: 'silent' }));
  await expect(attempt).rejects.toThrow(
    /Cannot reach the database at MONGODB_URI \(mongodb:\/\/127\.0\.0\.1:1\/\)[\s\S]*EMBEDDED_DB/,
  );
}, 30_000);
