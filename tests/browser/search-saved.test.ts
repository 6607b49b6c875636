/**
 * Saved searches in a real browser against the real API (same origin, built web app): a signed-in user saves
 * a search, and when a new listing satisfies it the header bell (polled every 30 s) counts the notice and the
 * notification centre opens it. Every list on screen is compared with what the API answers for the same
 * query. Searching itself is in search-results.test.ts.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { achievementBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot, text } from '../support/browser';
import { expectHitsOf, urlParams } from '../support/search';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;

/** Waits until the page lists exactly the API's hits for `params` (in order) and shows its total. */
const expectHitsLike = (p: Page, params: Record<string, string>) => expectHitsOf(app, p, params);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  cast = await app.cast();
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('saved searches and the notification centre', () => {
  // A term the search vocabulary has no neighbours for: 协作机器人 now also finds other industrial robots
  // through the thesaurus's near terms, so it no longer starts with no hits.
  const savedName = '外骨骼机器人订阅';
  const savedTerm = '外骨骼机器人';
  let user: Page;
  let userErrors: string[] = [];
  let context: BrowserContext;
  let newId = '';
  const loner = () => cast.loner;
  const unreadInApi = async () =>
    (await app.http('GET', '/api/notifications', { token: loner().token })).body.unread as number;
  const bell = () => user.getByTestId('notification-bell');

  beforeAll(async () => {
    context = await newContext(browser);
    user = await context.newPage();
    userErrors = collectPageErrors(user);
    // A controllable clock, so the bell's 30-second poll can be fast-forwarded instead of waited for.
    await user.clock.install();
    await user.goto(`${app.url}/login`);
    await user.locator('#email').fill(loner().email);
    await user.locator('#password').fill(TEST_PASSWORD);
    await user.getByTestId('login-submit').click();
    await user.waitForURL(`${app.url}/`);
    await user.getByTestId('user-menu').waitFor();
  });
  afterAll(() => context?.close());

  test('when a signed-in user saves a search with no hits yet, then it is stored with the page’s query and listed in the notification centre', async () => {
    await user.goto(`${app.url}/search?q=${encodeURIComponent(savedTerm)}&kind=achievement`);
    await user.getByTestId('search-empty').waitFor();
    await expectHitsLike(user, { q: savedTerm, kind: 'achievement' });
    expect(await bell().getAttribute('data-unread')).toBe(String(await unreadInApi()));

    await user.getByTestId('save-search').click();
    await user.getByRole('dialog').waitFor();
    await user.getByTestId('save-search-name').fill(savedName);
    expect(await user.getByTestId('save-search-name').inputValue()).toBe(savedName);
    // The API's answer is what the toast waits for: await it, so a slow or refused save shows as such.
    const [saved] = await Promise.all([
      user.waitForResponse(
        (r) => new URL(r.url()).pathname === '/api/saved-searches' && r.request().method() === 'POST',
      ),
      user.getByTestId('save-search-ok').click(),
    ]);
    expect({ status: saved.status(), body: saved.status() === 201 ? null : await saved.text() }).toEqual({
      status: 201,
      body: null,
    });
    await user.getByText('已保存搜索，有新结果时会通知您').waitFor();
    const stored = await app.models.SavedSearch.find({ userId: loner().user._id }).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: savedName, notify: true, query: { q: savedTerm, kind: 'achievement' } });
  });

  test('when a new listing satisfies the saved search, then the bell counts it after a poll, the centre opens it and marks it read', async () => {
    expect(await unreadInApi()).toBe(0);
    newId = await publish(
      app,
      'achievements',
      cast.owner,
      cast.hubOperator,
      achievementBody({
        title: '下肢外骨骼机器人力控助行系统',
        keywords: [savedTerm, '康复'],
        fieldCode: 'EQP',
        subfieldCode: 'EQP-02',
      }),
    );
    // Indexing the listing stores the saved search's notice: settled means both are done.
    await app.settled();
    expect(await unreadInApi()).toBe(1);

    // No reload: the header's poll picks the notice up.
    await user.clock.fastForward(31_000);
    await eventually(
      "the bell's poll (fast-forwarded) shows the unread notice",
      () => bell().getAttribute('data-unread'),
      (v) => expect(v).toBe('1'),
    );
    expect(await text(bell().locator('.ant-badge-count'))).toBe('1');

    await bell().click();
    await user.waitForURL(`${app.url}/notifications`);
    const api = (await app.http('GET', '/api/notifications', { token: loner().token })).body;
    const items = user.getByTestId('notification');
    await eventually(
      "the notification centre lists the API's notifications, in order",
      () => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      (shown) => expect(shown).toEqual(api.items.map((n: { id: string }) => n.id)),
    );
    const notice = api.items.find((n: { link: string }) => n.link === `/achievements/${newId}`);
    expect(notice).toMatchObject({ type: 'saved_search', readAt: null });
    const row = user.locator(`[data-testid="notification"][data-id="${notice.id}"]`);
    expect(await row.getAttribute('data-read')).toBe('false');
    expect(await text(row.getByTestId('notification-title'))).toBe(notice.title.zh);
    expect(await text(row.getByTestId('notification-title'))).toContain(savedName);
    const saved = user.getByTestId('saved-search');
    await saved.first().waitFor();
    expect(await saved.getByTestId('saved-search-name').allTextContents()).toEqual([savedName]);
    await screenshot(user, 'search-notifications');

    await row.click();
    await user.waitForURL(`${app.url}/achievements/${newId}`);
    await eventually(
      "opening the notice (the page's POST read) stores it as read",
      () => app.models.Notification.findById(notice.id).lean(),
      (n) => expect(n!.readAt).toBeInstanceOf(Date),
    );
    expect(await unreadInApi()).toBe(0);
    await eventually(
      'the bell shows no unread notice after it was read',
      () => bell().getAttribute('data-unread'),
      (v) => expect(v).toBe('0'),
    );

    // The saved search opens the search page with its query, which now finds the new listing.
    await user.goto(`${app.url}/notifications`);
    await user.getByTestId('saved-search-open').click();
    await user.waitForURL((u) => u.pathname === '/search');
    expect(urlParams(user)).toEqual({ q: savedTerm, kind: 'achievement' });
    const found = await expectHitsLike(user, { q: savedTerm, kind: 'achievement' });
    expect(found.hits.map((h) => h.id)).toEqual([newId]);

    // Deleting it in the centre removes it from the database and the list.
    await user.goBack();
    await user.getByTestId('saved-search-remove').click();
    await user.locator('.ant-popconfirm .ant-btn-primary').click();
    await user.getByTestId('saved-search').waitFor({ state: 'detached' });
    expect(await app.models.SavedSearch.countDocuments({ userId: loner().user._id })).toBe(0);
    expect(userErrors).toEqual([]);
  });
});
