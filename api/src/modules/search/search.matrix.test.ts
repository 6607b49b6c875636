/**
 * Authorization matrix for search, matches, notifications and saved searches: anonymous, another
 * organisation, the owner and an official (plus operators/admins where they differ), checking stored
 * state. The last test fails when such a route is added without a row here.
 */
import { Types } from 'mongoose';
import { achievementBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;

beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast();
});
afterAll(() => app.stop());

test('search and suggestions: public, the same answer for everyone', async () => {
  cover('GET', '/api/search');
  cover('GET', '/api/search/suggest');
  const id = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({ title: '矩阵测试用深海探测声呐' }),
  );
  await app.running.ctx.services.searchSync.drain();
  for (const who of [null, cast.other, cast.owner, cast.official]) {
    const r = await app.http('GET', `/api/search?q=${encodeURIComponent('声呐')}`, { token: who?.token });
    expect([r.status, r.body.hits.map((h: { id: string }) => h.id)]).toEqual([200, [id]]);
    const s = await app.http('GET', `/api/search/suggest?q=${encodeURIComponent('声呐')}`, { token: who?.token });
    expect([s.status, s.body.suggestions.length]).toEqual([200, 1]);
  }
});

test.each(['achievements', 'needs'] as const)(
  '%s matches: a published listing for everyone, a draft only for its organisation and reviewers',
  async (plural) => {
    cover('GET', `/api/${plural}/:id/matches`);
    const published = await publish(app, plural, cast.owner, cast.hubOperator);
    for (const who of [null, cast.other, cast.owner, cast.official])
      expect(await status('GET', `/api/${plural}/${published}/matches`, who)).toBe(200);
    const body =
      plural === 'achievements' ? achievementBody() : (await import('../../test-support/catalog-fixtures')).needBody();
    const draft = (await app.http('POST', `/api/${plural}`, { token: cast.owner.token, body })).body[
      plural === 'achievements' ? 'achievement' : 'need'
    ].id;
    expect(await status('GET', `/api/${plural}/${draft}/matches`, null)).toBe(404);
    expect(await status('GET', `/api/${plural}/${draft}/matches`, cast.other)).toBe(404);
    expect(await status('GET', `/api/${plural}/${draft}/matches`, cast.official)).toBe(404);
    expect(await status('GET', `/api/${plural}/${draft}/matches`, cast.owner)).toBe(200);
    expect(await status('GET', `/api/${plural}/${draft}/matches`, cast.hubOperator)).toBe(200);
    expect(await status('GET', `/api/${plural}/${new Types.ObjectId()}/matches`, cast.owner)).toBe(404);
    expect(await status('GET', `/api/${plural}/not-an-id/matches`, cast.owner)).toBe(400);
  },
);

describe('notifications', () => {
  const seed = async (userId: unknown, key: string) =>
    (
      await app.models.Notification.create({
        userId,
        key,
        type: 'listing_match',
        title: { zh: '测试', en: 'test' },
        body: { zh: '', en: '' },
        link: '/',
      })
    )._id;

  test('preferences: each signed-in user reads and sets only their own; bad input changes nothing', async () => {
    cover('GET', '/api/notifications/preferences');
    cover('PUT', '/api/notifications/preferences');
    const path = '/api/notifications/preferences';
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('PUT', path, null, { off: ['negotiation'] })).toBe(401);
    const set = await app.http('PUT', path, { token: cast.owner.token, body: { off: ['negotiation', 'negotiation'] } });
    expect(set.status).toBe(200);
    const on = (b: { categories: Array<{ code: string; on: boolean }> }) =>
      b.categories.filter((c) => !c.on).map((c) => c.code);
    expect(on(set.body)).toEqual(['negotiation']);
    expect((await app.models.NotificationPref.findById(cast.owner.user._id).lean())!.off).toEqual(['negotiation']);
    // Another organisation's user and staff have their own settings, untouched by the owner's.
    expect(on((await app.http('GET', path, { token: cast.other.token })).body)).toEqual([]);
    expect(on((await app.http('GET', path, { token: cast.official.token })).body)).toEqual([]);
    expect(await status('PUT', path, cast.official, { off: ['payment'] })).toBe(200);
    expect((await app.models.NotificationPref.findById(cast.official.user._id).lean())!.off).toEqual(['payment']);
    for (const bad of [
      { off: ['account'] },
      { off: ['nope'] },
      { off: { $ne: null } },
      { off: [], extra: 1 },
      { off: 'x' },
    ])
      expect(await status('PUT', path, cast.owner, bad)).toBe(400);
    expect((await app.models.NotificationPref.findById(cast.owner.user._id).lean())!.off).toEqual(['negotiation']);
  });

  test('list: signed-in users see their own only', async () => {
    cover('GET', '/api/notifications');
    await seed(cast.owner.user._id, 'm-list');
    expect(await status('GET', '/api/notifications', null)).toBe(401);
    for (const who of [cast.other, cast.official]) {
      expect(
        (await app.http('GET', '/api/notifications', { token: who.token })).body.items.map(
          (n: { link: string; title: { en: string } }) => n.title.en,
        ),
      ).not.toContain('test');
    }
    expect(
      (await app.http('GET', '/api/notifications', { token: cast.owner.token })).body.items.map(
        (n: { title: { en: string } }) => n.title.en,
      ),
    ).toContain('test');
  });

  test('mark read: only the recipient; anyone else gets 404 and nothing changes', async () => {
    cover('POST', '/api/notifications/:id/read');
    const id = await seed(cast.owner.user._id, 'm-read');
    expect(await status('POST', `/api/notifications/${id}/read`, null)).toBe(401);
    expect(await status('POST', `/api/notifications/${id}/read`, cast.other)).toBe(404);
    expect(await status('POST', `/api/notifications/${id}/read`, cast.official)).toBe(404);
    expect((await app.models.Notification.findById(id).lean())!.readAt).toBeNull();
    expect(await status('POST', `/api/notifications/${id}/read`, cast.owner)).toBe(200);
    expect((await app.models.Notification.findById(id).lean())!.readAt).toBeInstanceOf(Date);
  });

  test("mark all read: touches the caller's notifications only", async () => {
    cover('POST', '/api/notifications/read-all');
    const id = await seed(cast.owner.user._id, 'm-all');
    expect(await status('POST', '/api/notifications/read-all', null)).toBe(401);
    expect(await status('POST', '/api/notifications/read-all', cast.other)).toBe(200);
    expect(await status('POST', '/api/notifications/read-all', cast.official)).toBe(200);
    expect((await app.models.Notification.findById(id).lean())!.readAt).toBeNull();
    expect(await status('POST', '/api/notifications/read-all', cast.owner)).toBe(200);
    expect((await app.models.Notification.findById(id).lean())!.readAt).toBeInstanceOf(Date);
  });
});

describe('saved searches', () => {
  const body = { name: '矩阵保存的搜索', query: { q: '机器人' } };

  test('create and list: signed-in users, their own', async () => {
    cover('POST', '/api/saved-searches');
    cover('GET', '/api/saved-searches');
    const before = await app.models.SavedSearch.countDocuments();
    expect(await status('POST', '/api/saved-searches', null, body)).toBe(401);
    expect(await app.models.SavedSearch.countDocuments()).toBe(before);
    expect(await status('POST', '/api/saved-searches', cast.owner, body)).toBe(201);
    expect(await app.models.SavedSearch.countDocuments({ userId: cast.owner.user._id })).toBe(1);
    expect(await status('GET', '/api/saved-searches', null)).toBe(401);
    expect((await app.http('GET', '/api/saved-searches', { token: cast.other.token })).body.items).toEqual([]);
    expect((await app.http('GET', '/api/saved-searches', { token: cast.official.token })).body.items).toEqual([]);
    expect(
      (await app.http('GET', '/api/saved-searches', { token: cast.owner.token })).body.items.map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual([body.name]);
  });

  test('delete: only its owner; others get 404 and it stays', async () => {
    cover('DELETE', '/api/saved-searches/:id');
    const id = (await app.http('POST', '/api/saved-searches', { token: cast.member.token, body })).body.savedSearch.id;
    expect(await status('DELETE', `/api/saved-searches/${id}`, null)).toBe(401);
    expect(await status('DELETE', `/api/saved-searches/${id}`, cast.other)).toBe(404);
    expect(await status('DELETE', `/api/saved-searches/${id}`, cast.official)).toBe(404);
    expect(await status('DELETE', `/api/saved-searches/${id}`, cast.owner)).toBe(404);
    expect(await app.models.SavedSearch.exists({ _id: id })).toBeTruthy();
    expect(await status('DELETE', `/api/saved-searches/${id}`, cast.member)).toBe(204);
    expect(await app.models.SavedSearch.exists({ _id: id })).toBeNull();
  });
});

test('index status and reindex: operators see the status, only admins rebuild', async () => {
  cover('GET', '/api/search/status');
  cover('POST', '/api/search/reindex');
  expect(await status('GET', '/api/search/status', null)).toBe(401);
  expect(await status('GET', '/api/search/status', cast.other)).toBe(403);
  expect(await status('GET', '/api/search/status', cast.official)).toBe(403);
  expect(await status('GET', '/api/search/status', cast.hubOperator)).toBe(200);
  for (const who of [null, cast.owner, cast.official, cast.hubOperator]) {
    expect(await status('POST', '/api/search/reindex', who)).toBe(who ? 403 : 401);
  }
  expect(await status('POST', '/api/search/reindex', cast.admin)).toBe(202);
  const published =
    (await app.models.Achievement.countDocuments({ status: 'published' })) +
    (await app.models.Need.countDocuments({ status: 'published' }));
  // The rebuild runs in the background: settled awaits it.
  await app.settled();
  const s = (await app.http('GET', '/api/search/status', { token: cast.admin.token })).body;
  expect(s.reindex).toMatchObject({ running: false, error: null, total: published, done: published });
  expect(s.documents).toBe(published);
});

test('match digest frequency: every signed-in user sets their own, nobody another’s', async () => {
  cover('GET', '/api/matches/digest');
  cover('PUT', '/api/matches/digest');
  expect(await status('GET', '/api/matches/digest', null)).toBe(401);
  expect(await status('PUT', '/api/matches/digest', null, { frequency: 'weekly' })).toBe(401);
  // The owner's choice is theirs alone: another organisation and staff keep their own (daily) setting.
  expect(await status('PUT', '/api/matches/digest', cast.owner, { frequency: 'weekly' })).toBe(200);
  for (const who of [cast.other, cast.official, cast.hubOperator]) {
    const r = await app.http('GET', '/api/matches/digest', { token: who.token });
    expect([r.status, r.body.frequency]).toEqual([200, 'daily']);
  }
  expect(await status('PUT', '/api/matches/digest', cast.official, { frequency: 'weekly' })).toBe(200);
  const mine = await app.http('GET', '/api/matches/digest', { token: cast.owner.token });
  expect(mine.body.frequency).toBe('weekly');
  expect(await app.models.MatchDigestPref.countDocuments({ frequency: 'weekly' })).toBe(2);
});

test('every search, matches, notification and saved-search route has a row in this matrix', () => {
  const mine = /^\/api\/(search|notifications|saved-searches|matches)|\/matches$/;
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => mine.test(op.path))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(11);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
