/**
 * The stand-alone search-sync service and the `npm run reindex` CLI, run as the processes docker-compose
 * and operators run (tsx entry points), against the test database and a local Meilisearch-compatible
 * server: the API runs with SEARCH_SYNC=external, so only the service can bring writes into the index.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeMeilisearch } from '../../api/src/modules/search/testing/fake-meilisearch';
import { achievementBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { eventually, startTestApp, type TestApp } from '../../api/src/test-support/harness';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../..');
const fake = new FakeMeilisearch();
let app: TestApp;
let dataDir: string;
const INDEX = 'service_test';

function env(over: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MONGODB_URI: process.env.TEST_MONGODB_URI!,
    MONGODB_DB: app.running.ctx.config.MONGODB_DB,
    SEARCH_ENGINE: 'meilisearch',
    MEILI_HOST: fake.url,
    MEILI_MASTER_KEY: fake.key,
    MEILI_INDEX: INDEX,
    SEARCH_SYNC_INTERVAL_MS: '50',
    SEED_DEMO: 'false',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...over,
  };
}

function runToEnd(
  cmd: string,
  args: readonly string[],
  environment: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const tsx = (script: string) => [process.execPath, ['--import', 'tsx', path.join(root, script)]] as const;

/** What the index holds (id → version); nothing while the service has not created the index yet. */
async function indexed(): Promise<Map<string, number>> {
  try {
    return await app.running.ctx.services.search.engine.versions();
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return new Map();
    throw err;
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-search-sync-'));
  await fake.start();
  app = await startTestApp({
    SEARCH_ENGINE: 'meilisearch',
    MEILI_HOST: fake.url,
    MEILI_MASTER_KEY: fake.key,
    MEILI_INDEX: INDEX,
    SEARCH_SYNC: 'external',
  });
});
afterAll(async () => {
  await app?.stop();
  await fake.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('when the service runs beside an API that does not sync, then published listings reach the index and their flags clear; SIGTERM stops it cleanly', async () => {
  const cast = await app.cast();
  const first = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({ title: '独立同步服务测试成果一号' }),
  );
  // Nothing syncs yet: the API leaves the flag for the service (its background work is done, none of it indexes).
  await app.settled();
  expect((await indexed()).has(first)).toBe(false);
  expect((await app.models.Achievement.findById(first).lean())!.searchDirty).toBe(true);

  const [cmd, args] = tsx('search-sync/src/main.ts');
  const service: ChildProcess = spawn(cmd, args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  service.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  service.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  try {
    await eventually(
      'the search-sync service indexes the first listing',
      indexed,
      (have) => expect(have.has(first)).toBe(true),
      60_000,
    );
    // A write while it runs arrives too, and the search API (which reads Meilisearch) finds both.
    const second = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({ title: '独立同步服务测试成果二号' }),
    );
    await eventually(
      'the search-sync service indexes the second listing',
      indexed,
      (have) => expect(have.has(second)).toBe(true),
      30_000,
    );
    const found = await app.http('GET', `/api/search?q=${encodeURIComponent('独立同步服务测试')}`);
    expect(found.status).toBe(200);
    expect(found.body.hits.map((h: { id: string }) => h.id).sort()).toEqual([first, second].sort());
    await eventually(
      'the search-sync service clears both dirty flags',
      async () => app.models.Achievement.find({ _id: { $in: [first, second] } }, { searchDirty: 1 }).lean(),
      (rows) => expect(rows.map((r) => r.searchDirty)).toEqual([false, false]),
    );
    expect(log).toContain('search-sync started');
  } finally {
    service.kill('SIGTERM');
  }
  const code = await new Promise<number | null>((resolve) =>
    service.exitCode !== null ? resolve(service.exitCode) : service.once('exit', resolve),
  );
  expect(code).toBe(0);
});

test('when the index lost its documents, then `npm run reindex` rebuilds it from MongoDB and reports what it did', async () => {
  const before = await indexed();
  expect(before.size).toBeGreaterThanOrEqual(2);
  // Empty the index behind everyone's back (Meilisearch's REST API), and add an entry MongoDB does not publish.
  const sample = (await app.running.ctx.services.search.engine.get([...before.keys()][0]))!;
  const headers = { authorization: `Bearer ${fake.key}`, 'content-type': 'application/json' };
  await fetch(`${fake.url}/indexes/${INDEX}/documents`, { method: 'DELETE', headers });
  await eventually(
    'the stand-in has run the delete-all task (Meilisearch tasks run after the answer)',
    indexed,
    (have) => expect(have.size).toBe(0),
  );
  await app.running.ctx.services.search.engine.upsert([{ ...sample, id: '0123456789abcdef01234567' }]);
  await eventually('the stand-in has run the upsert task of the unpublished entry', indexed, (have) =>
    expect(have.size).toBe(1),
  );

  const [cmd, args] = tsx('search-sync/src/reindex.ts');
  // Not spawnSync: the Meilisearch stand-in answers from this process's event loop.
  const run = await runToEnd(cmd, args, env({ LOG_LEVEL: 'warn' }));
  if (run.status !== 0) throw new Error(`reindex exited ${run.status}: ${run.stdout}\n${run.stderr}`);
  expect(run.stdout).toMatch(
    new RegExp(`engine meilisearch: ${before.size} listings indexed, 1 stale entries removed`),
  );
  expect(Object.fromEntries([...(await indexed())].sort())).toEqual(Object.fromEntries([...before].sort()));
});

test('when started with the embedded engine, then the service refuses (the index lives in the api process)', async () => {
  const [cmd, args] = tsx('search-sync/src/main.ts');
  const run = await runToEnd(cmd, args, env({ SEARCH_ENGINE: 'embedded' }));
  expect(run.status).toBe(2);
  expect(run.stdout + run.stderr).toContain('search-sync runs against Meilisearch');
});
