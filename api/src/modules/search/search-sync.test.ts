/**
 * search-sync under failure: the engine goes away in the middle of a stream of writes and comes back; the
 * API restarts. Afterwards the index must equal MongoDB: every published listing at its current version,
 * nothing unpublished, no confidential field.
 */
import mongoose from 'mongoose';
import pino from 'pino';
import { poolSizeFor } from '../../db/connection';
import { start } from '../../server';
import { achievementBody, needBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { SearchEngine } from './search-engine';
import { FakeMeilisearch } from './testing/fake-meilisearch';

jest.setTimeout(60_000);

async function mongoPublished(app: TestApp): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const model of [app.models.Achievement, app.models.Need]) {
    for (const l of await model.find({ status: 'published' }, { version: 1 }).lean())
      out.set(String(l._id), l.version as number);
  }
  return out;
}

async function expectIndexEqualsMongo(app: TestApp, engine: SearchEngine) {
  const want = await mongoPublished(app);
  const have = await engine.versions();
  expect(Object.fromEntries([...have].sort())).toEqual(Object.fromEntries([...want].sort()));
  for (const id of have.keys()) {
    const doc = JSON.stringify(await engine.get(id));
    expect(doc).not.toContain('confidential');
    expect(doc).not.toContain('机密');
  }
}

/** A stream of writes through the API: publish, revise and re-approve, archive. */
async function writes(
  app: TestApp,
  cast: Awaited<ReturnType<TestApp['cast']>>,
  n: number,
  onStep: (i: number) => Promise<void>,
) {
  const ids: Array<{ kind: 'achievements' | 'needs'; id: string }> = [];
  for (let i = 0; i < n; i++) {
    await onStep(i);
    const kind = i % 3 === 0 ? 'needs' : 'achievements';
    const body =
      kind === 'needs'
        ? needBody({ title: `流式写入需求第${i}号` })
        : achievementBody({ title: `流式写入成果第${i}号` });
    ids.push({ kind, id: await publish(app, kind, cast.owner, cast.hubOperator, body) });
    if (i % 4 === 1) {
      const prev = ids[i - 1];
      await app.http('PATCH', `/api/${prev.kind}/${prev.id}`, {
        token: cast.owner.token,
        body: { title: `修订后的标题第${i}号` },
      });
      await app.http('POST', `/api/${prev.kind}/${prev.id}/submit`, { token: cast.owner.token });
      await app.http('POST', `/api/${prev.kind}/${prev.id}/review`, {
        token: cast.hubOperator.token,
        body: { decision: 'approve' },
      });
    }
    if (i % 5 === 4)
      await app.http('POST', `/api/${ids[i - 2].kind}/${ids[i - 2].id}/archive`, { token: cast.owner.token });
  }
}

describe('search-sync with Meilisearch going away mid-stream', () => {
  const fake = new FakeMeilisearch();
  let app: TestApp;

  beforeAll(async () => {
    await fake.start();
    app = await startTestApp({
      SEARCH_ENGINE: 'meilisearch',
      MEILI_HOST: fake.url,
      MEILI_MASTER_KEY: fake.key,
      MEILI_INDEX: 'sync_test',
      SEARCH_SYNC_INTERVAL_MS: 30,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  test('when the engine stops during writes and comes back, then the index equals MongoDB with nothing lost', async () => {
    const cast = await app.cast();
    let sawNotReady = false;
    await writes(app, cast, 24, async (i) => {
      if (i === 8) await fake.stop();
      if (i === 12) {
        // Down: readiness says so, and the writes are still accepted and flagged.
        const ready = await app.http('GET', '/readyz');
        sawNotReady = ready.status === 503 && ready.body.checks.search.ok === false;
        expect((await app.running.ctx.services.searchSync.lag()).pending).toBeGreaterThan(0);
      }
      if (i === 18) await fake.start();
    });
    expect(sawNotReady).toBe(true);
    // The engine is back: settled indexes what is dirty now instead of waiting for the worker's backoff.
    await app.settled();
    expect((await app.running.ctx.services.searchSync.lag()).pending).toBe(0);
    await expectIndexEqualsMongo(app, app.running.ctx.services.search.engine);
    const ready = await app.http('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.search).toMatchObject({ ok: true, engine: 'meilisearch', pending: 0 });
  });
});

describe('search-sync across an API restart (embedded engine)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  test('when the API restarts after writes, then the rebuilt in-memory index equals MongoDB', async () => {
    const cast = await app.cast();
    await writes(app, cast, 10, async () => undefined);
    // Stop without draining: some writes may be unindexed at this moment.
    await app.running.stop();
    // A new process would open its own connection to the same database.
    const config = app.running.ctx.config;
    const connection = await mongoose
      .createConnection(process.env.TEST_MONGODB_URI!, {
        dbName: config.MONGODB_DB,
        maxPoolSize: poolSizeFor(process.env.TEST_DB_KIND),
      })
      .asPromise();
    const again = await start({
      config,
      db: { connection, kind: app.db.kind, close: () => connection.close() },
      logger: pino({ level: 'silent' }),
    });
    try {
      await again.settled();
      expect((await again.ctx.services.searchSync.lag()).pending).toBe(0);
      const want = await mongoPublished(app);
      const have = await again.ctx.services.search.engine.versions();
      expect(Object.fromEntries([...have].sort())).toEqual(Object.fromEntries([...want].sort()));
      expect(want.size).toBeGreaterThan(5);
    } finally {
      await again.stop();
      await connection.close();
    }
  });
});
