import { eventually, startTestApp, type TestApp } from '../../test-support/harness';
import { achievementBody, publish } from '../../test-support/catalog-fixtures';

/**
 * The public catalogue pages are cached briefly (CATALOGUE_CACHE_MS, off in the other tests): this instance's own
 * writes show at once, a change made elsewhere (another instance, straight in the database) within the time.
 */
let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external', CATALOGUE_CACHE_MS: 3_000 });
  cast = await app.cast();
});
afterAll(() => app.stop());

const titles = async () =>
  ((await app.http('GET', '/api/achievements?pageSize=100')).body.items as Array<{ title: string }>).map(
    (i) => i.title,
  );

test('a listing published through this instance is on the public page at once, even right after a cached read', async () => {
  const before = await titles();
  await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({ title: '缓存测试：高熵合金涂层' }),
  );
  expect(before).not.toContain('缓存测试：高熵合金涂层');
  expect(await titles()).toContain('缓存测试：高熵合金涂层');
});

test('an edit made behind the cache (another instance, the database) shows once the cache time has passed', async () => {
  const id = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({ title: '缓存测试：原标题' }),
  );
  expect(await titles()).toContain('缓存测试：原标题');
  await app.models.Achievement.updateOne({ _id: id }, { $set: { 'live.title': '缓存测试：别处改过的标题' } });
  // Within the cache time the page may still show the old title; it must not keep it.
  await eventually(
    'the public page to show the title changed in the database',
    titles,
    (t) => expect(t).toContain('缓存测试：别处改过的标题'),
    10_000,
  );
});

test('pages for other queries and private scopes are not mixed up', async () => {
  const mine = await app.http('GET', '/api/achievements?scope=mine&pageSize=100', { token: cast.owner.token });
  const other = await app.http('GET', '/api/achievements?scope=mine&pageSize=100', { token: cast.other.token });
  expect(mine.body.total).toBeGreaterThan(0);
  expect(other.body.total).toBe(0);
  const mat = await app.http('GET', '/api/achievements?fieldCode=MAT&pageSize=100');
  const eqp = await app.http('GET', '/api/achievements?fieldCode=EQP&pageSize=100');
  expect(mat.body.total).toBeGreaterThan(0);
  expect(mat.body.items.every((i: { fieldCode: string }) => i.fieldCode === 'MAT')).toBe(true);
  expect(eqp.body.items.some((i: { title: string }) => i.title.startsWith('缓存测试'))).toBe(false);
});
