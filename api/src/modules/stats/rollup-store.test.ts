import pino from 'pino';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { StatsService } from './stats.service';
import { ContractTallyFeed } from '../contracts/contract-tally-feed';
import { RollupStore } from './rollup-store';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  await app.running.ctx.services.stats.stop();
});
afterAll(() => app.stop());

const one = (cell: string, field: string, v: number) =>
  new Map([['field|2031', { dim: 'field', year: 2031, inc: { [`cells.${cell}.${field}`]: v } }]]);

test('when one process reads the rollups while its own increments are in flight, then no increment is counted twice or lost', async () => {
  const store = new RollupStore(app.models.Contract.db);
  const other = new RollupStore(app.models.Contract.db); // a second api instance on the same database
  await store.read('field', 2031); // a cached copy the writer will keep current
  const writes = Array.from({ length: 60 }, (_, i) => store.inc(one(`210100|MAT|${String((i % 3) + 1)}`, 'count', 1)));
  const reads = Array.from({ length: 60 }, () => store.read('field', 2031));
  await Promise.all([...writes, ...reads]);
  const expected = { '210100|MAT|1': { count: 20 }, '210100|MAT|2': { count: 20 }, '210100|MAT|3': { count: 20 } };
  expect(await store.read('field', 2031)).toEqual(expected);
  expect(await other.read('field', 2031)).toEqual(expected);
  // The unlucky interleaving, made certain: a read runs after a write's cells are in but before its version
  // bump, so it sees the new cells under the old version. Caching them would count the write twice.
  const fresh = new RollupStore(app.models.Contract.db); // nothing cached yet
  const bump = jest.spyOn(fresh as unknown as { bump(): Promise<number> }, 'bump');
  const realBump = bump.getMockImplementation() ?? RollupStore.prototype['bump' as keyof RollupStore];
  bump.mockImplementationOnce(async function (this: RollupStore) {
    expect((await fresh.read('field', 2031))['210100|ICT|1']).toEqual({ count: 1 });
    return (realBump as () => Promise<number>).call(this);
  });
  await fresh.inc(one('210100|ICT|1', 'count', 1));
  expect((await fresh.read('field', 2031))['210100|ICT|1']).toEqual({ count: 1 });
  // The other instance's write reaches this one's cache on its next read.
  await other.inc(one('210100|MAT|1', 'count', 5));
  expect((await store.read('field', 2031))['210100|MAT|1']).toEqual({ count: 25 });
  expect((await other.read('field', 2031))['210100|ICT|1']).toEqual({ count: 1 });
});

test('when rollups are still in the previous wide-document layout, then a rebuild is asked for and replaces them', async () => {
  const stats = new StatsService(
    app.models,
    new ContractTallyFeed(app.models.Contract),
    app.models.Contract.db,
    pino({ level: 'silent' }),
  );
  const db = app.models.Contract.db.db!;
  await db.collection<{ _id: string }>('stats_r_field_2031').insertOne({ _id: 'cells' });
  expect(await stats.needsRebuild()).toBe(true);
  await stats.rebuild();
  expect(await stats.needsRebuild()).toBe(false);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  expect(names.filter((n) => n.startsWith('stats_r_'))).toEqual([]);
  await stats.stop();
});

test('when two increments of this process finish their version bumps out of order, then the cached copy holds both and the next read needs no reload', async () => {
  const store = new RollupStore(app.models.Contract.db);
  await store.read('field', 2032);
  const internals = store as unknown as {
    bump(): Promise<number>;
    coll(dim: string, year: number): unknown;
    cache: Map<string, { version: number }>;
  };
  const realBump = RollupStore.prototype['bump' as keyof RollupStore] as unknown as () => Promise<number>;
  let secondDone!: () => void;
  const second = new Promise<void>((resolve) => (secondDone = resolve));
  let firstBumped!: () => void;
  const bumped = new Promise<void>((resolve) => (firstBumped = resolve));
  jest
    .spyOn(internals, 'bump')
    // The first write takes v+1 but resumes only after the second (v+2) has finished.
    .mockImplementationOnce(async function (this: RollupStore) {
      const v = await realBump.call(this);
      firstBumped();
      await second;
      return v;
    })
    .mockImplementationOnce(function (this: RollupStore) {
      return realBump.call(this);
    });
  const year = (cell: string) =>
    new Map([['field|2032', { dim: 'field', year: 2032, inc: { [`cells.${cell}.count`]: 1 } }]]);
  const first = store.inc(year('210100|MAT|1'));
  await bumped; // the first write has taken its version and waits
  await store.inc(year('210100|MAT|2'));
  secondDone();
  await first;
  const loads = jest.spyOn(internals, 'coll');
  expect(await store.read('field', 2032)).toEqual({ '210100|MAT|1': { count: 1 }, '210100|MAT|2': { count: 1 } });
  expect(loads).not.toHaveBeenCalled();
  const stored = new RollupStore(app.models.Contract.db) as unknown as { version(): Promise<number> };
  expect(internals.cache.get('field|2032')?.version).toBe(await stored.version());
});
