/**
 * Search in a real browser against the real API (same origin, built web app): listings published through
 * HTTP and indexed by search-sync are found in Chinese from the header box, narrowed by two facets and a
 * kind tab (all held in the URL, so the back button undoes them), opened from a hit and from a suggestion,
 * and matched to counterparts on the detail page; a signed-in user saves a search, and when a new listing
 * satisfies it the header bell (polled every 30 s) counts the notice and the notification centre opens it.
 * Every list on screen is compared with what the API answers for the same query.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { achievementBody, needBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot, text } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const TERM = '机器人';

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let visitor: BrowserContext;
let page: Page;
let errors: string[] = [];
const ids: Record<'weld' | 'patrol' | 'voice' | 'palletise' | 'alloy', string> = {
  weld: '',
  patrol: '',
  voice: '',
  palletise: '',
  alloy: '',
};

/** What the API answers for a query string; the page must show the same. */
async function apiSearch(params: Record<string, string>) {
  const res = await app.http('GET', `/api/search?${new URLSearchParams(params).toString()}`);
  expect(res.status).toBe(200);
  return res.body as {
    hits: Array<{ id: string; title: string; highlight: { title: string; summary: string } }>;
    total: number;
    facets: Record<string, Record<string, number>>;
  };
}

const shownHitIds = (p: Page) =>
  p.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
const urlParams = (p: Page) => Object.fromEntries(new URL(p.url()).searchParams);

/** Waits until the page lists exactly the API's hits for `params` (in order) and shows its total. */
async function expectHitsLike(p: Page, params: Record<string, string>) {
  const expected = await apiSearch(params);
  await eventually(
    "the page lists the API's hits for the query, in order",
    () => shownHitIds(p),
    (shown) => expect(shown).toEqual(expected.hits.map((h) => h.id)),
  );
  await eventually(
    "the page's summary shows the API's total",
    () => p.getByTestId('search-summary').getAttribute('data-total'),
    (v) => expect(v).toBe(String(expected.total)),
  );
  return expected;
}

/** Ticks the checkbox of one facet value. */
const facetOption = (p: Page, facet: string, value: string) =>
  p.locator(`[data-testid="facet-option"][data-facet="${facet}"][data-value="${value}"]`);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  cast = await app.cast();
  const robot = (title: string, over: Record<string, unknown>) =>
    achievementBody({
      title,
      keywords: [TERM, '智能制造'],
      summary: `${title}：面向工业现场的${TERM}应用，已在沈阳、大连多家企业中试验证。`,
      ...over,
    });
  ids.weld = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    robot('焊接机器人激光视觉焊缝跟踪系统', {
      fieldCode: 'EQP',
      subfieldCode: 'EQP-02',
      regionCode: '210100',
      stage: 'pilot',
    }),
  );
  ids.patrol = await publish(
    app,
    'achievements',
    cast.other,
    cast.hubOperator,
    robot('变电站巡检机器人自主导航技术', {
      fieldCode: 'EQP',
      subfieldCode: 'EQP-02',
      regionCode: '210200',
      stage: 'industrialized',
    }),
  );
  ids.voice = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    robot('服务机器人多轮语音交互模型', {
      fieldCode: 'ICT',
      subfieldCode: 'ICT-07',
      regionCode: '210100',
      stage: 'rd',
    }),
  );
  ids.palletise = await publish(
    app,
    'needs',
    cast.other,
    cast.hubOperator,
    needBody({
      title: '码垛机器人视觉定位技术需求',
      keywords: [TERM, '视觉定位'],
      problem: `现有码垛${TERM}定位误差大，需要基于三维视觉的工件定位方案。`,
      fieldCode: 'EQP',
      subfieldCode: 'EQP-02',
      regionCode: '210100',
    }),
  );
  ids.alloy = await publish(app, 'achievements', cast.owner, cast.hubOperator, achievementBody());
  await app.settled();
  browser = await launchBrowser();
  visitor = await newContext(browser);
  page = await visitor.newPage();
  errors = collectPageErrors(page);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('search in a real browser', () => {
  test('when a visitor searches 机器人 from the header, then /search lists the API hits with highlights, facet counts, total and time', async () => {
    await page.goto(`${app.url}/`);
    await page.getByTestId('header-search').locator('input').fill(TERM);
    await page.getByTestId('header-search').locator('input').press('Enter');
    await page.waitForURL((u) => u.pathname === '/search');
    expect(urlParams(page)).toEqual({ q: TERM });
    await page.getByTestId('search-page').waitFor();
    await eventually(
      'the search page sets its title',
      () => page.title(),
      (v) => expect(v).toBe('搜索成果与需求 - 东北科技大市场'),
    );

    const expected = await expectHitsLike(page, { q: TERM });
    // Four published listings mention the term; the alloy one does not, and no draft exists.
    expect(expected.hits.map((h) => h.id).sort()).toEqual([ids.weld, ids.patrol, ids.voice, ids.palletise].sort());
    expect(expected.total).toBe(4);
    expect(await text(page.getByTestId('search-summary'))).toMatch(
      new RegExp(`“${TERM}”共 4 条结果，用时 [\\d.]+ 毫秒`),
    );
    // The box on the page follows the URL.
    expect(await page.getByTestId('search-input').locator('input').inputValue()).toBe(TERM);

    // Highlights: the server's escaped HTML is rendered, so the term is inside <mark> in title and summary.
    for (const hit of expected.hits) {
      const card = page.locator(`[data-testid="search-hit"][data-id="${hit.id}"]`);
      expect(await card.getByTestId('hit-title').locator('span').innerHTML()).toBe(hit.highlight.title);
      expect(await card.getByTestId('hit-title').locator('mark').allTextContents()).toContain(TERM);
      expect(await card.getByTestId('hit-summary').locator('mark').first().textContent()).toBe(TERM);
      expect(await text(card.getByTestId('hit-title'))).toBe(hit.title);
    }
    const kinds = await page.getByTestId('hit-kind').allTextContents();
    expect(kinds.filter((k) => k === '需求')).toHaveLength(1);

    // Every facet value on screen carries the API's count, labelled in Chinese.
    for (const facet of ['fieldCode', 'regionCode', 'stage'] as const) {
      const counts = expected.facets[facet];
      const options = page.locator(`[data-testid="facet-option"][data-facet="${facet}"]`);
      const shown = await options.evaluateAll((els) =>
        els.map((e) => [e.getAttribute('data-value'), e.querySelector('[data-testid="facet-count"]')?.textContent]),
      );
      expect(Object.fromEntries(shown)).toEqual(
        Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, String(v)])),
      );
    }
    expect(await text(facetOption(page, 'fieldCode', 'EQP'))).toContain('高端装备制造');
    expect(await text(facetOption(page, 'regionCode', '210100'))).toContain('沈阳市');

    await screenshot(page, 'search-results');
    expect(errors).toEqual([]);
  });

  test('when the visitor ticks a field and a region, then the URL holds both, the hits are the API’s for them, and back undoes the last step', async () => {
    await facetOption(page, 'fieldCode', 'EQP').locator('.ant-checkbox-wrapper').click();
    await page.waitForURL((u) => u.searchParams.get('fieldCode') === 'EQP');
    await expectHitsLike(page, { q: TERM, fieldCode: 'EQP' });

    await facetOption(page, 'regionCode', '210100').locator('.ant-checkbox-wrapper').click();
    await page.waitForURL((u) => u.searchParams.get('regionCode') === '210100');
    expect(urlParams(page)).toEqual({ q: TERM, fieldCode: 'EQP', regionCode: '210100' });
    const narrowed = await expectHitsLike(page, { q: TERM, fieldCode: 'EQP', regionCode: '210100' });
    // Of the fixtures, the welding achievement and the palletising need are equipment listings in Shenyang.
    expect(narrowed.hits.map((h) => h.id).sort()).toEqual([ids.weld, ids.palletise].sort());
    expect(await facetOption(page, 'fieldCode', 'EQP').locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await facetOption(page, 'regionCode', '210100').locator('input[type=checkbox]').isChecked()).toBe(true);
    await screenshot(page, 'search-facets');

    await page.getByTestId('kind-tab-need').click();
    await page.waitForURL((u) => u.searchParams.get('kind') === 'need');
    const needs = await expectHitsLike(page, { q: TERM, fieldCode: 'EQP', regionCode: '210100', kind: 'need' });
    expect(needs.hits.map((h) => h.id)).toEqual([ids.palletise]);

    // A shared link reproduces the same page in a fresh tab.
    const copy = await visitor.newPage();
    await copy.goto(page.url());
    await expectHitsLike(copy, { q: TERM, fieldCode: 'EQP', regionCode: '210100', kind: 'need' });
    await copy.close();

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('kind'));
    expect(urlParams(page)).toEqual({ q: TERM, fieldCode: 'EQP', regionCode: '210100' });
    await expectHitsLike(page, { q: TERM, fieldCode: 'EQP', regionCode: '210100' });
    expect(errors).toEqual([]);
  });

  test('when the visitor opens a hit, then its detail page shows it with the matches panel the API ranks', async () => {
    await page.locator(`[data-testid="search-hit"][data-id="${ids.weld}"]`).getByTestId('hit-title').click();
    await page.waitForURL(`${app.url}/achievements/${ids.weld}`);
    await eventually(
      "the detail page shows the hit's title",
      () => text(page.getByTestId('listing-title')),
      (v) => expect(v).toBe('焊接机器人激光视觉焊缝跟踪系统'),
    );
    const api = await app.http('GET', `/api/achievements/${ids.weld}/matches`);
    const expected = api.body.matches as Array<{ hit: { id: string }; reasons: Array<{ code: string; zh: string }> }>;
    expect(expected.map((m) => m.hit.id)).toContain(ids.palletise);
    const panel = page.getByTestId('matches-panel');
    await eventually(
      "the matches panel lists the API's matches, in order",
      () => panel.getByTestId('match').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
      (shown) => expect(shown).toEqual(expected.map((m) => m.hit.id)),
    );
    const need = expected.find((m) => m.hit.id === ids.palletise)!;
    const reasons = panel.locator(`[data-testid="match"][data-id="${ids.palletise}"]`).getByTestId('match-reason');
    expect(await reasons.allTextContents()).toEqual(need.reasons.map((r) => r.zh));
    await screenshot(page, 'search-matches');

    // Back returns to the narrowed search.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/search');
    expect(urlParams(page)).toEqual({ q: TERM, fieldCode: 'EQP', regionCode: '210100' });
    expect(errors).toEqual([]);
  });

  test('when the visitor types part of a title, then a suggestion appears and picking it opens that listing', async () => {
    await page.getByTestId('search-input').locator('input').fill('巡检');
    const suggestion = page.locator('.ant-select-dropdown:visible').getByTestId('search-suggestion');
    await eventually(
      'a suggestion for the typed title appears',
      () => suggestion.allTextContents(),
      (v) => expect(v.some((s) => s.includes('变电站巡检机器人自主导航技术'))).toBe(true),
    );
    await suggestion.filter({ hasText: '变电站巡检机器人自主导航技术' }).click();
    await page.waitForURL(`${app.url}/achievements/${ids.patrol}`);
    await eventually(
      "the detail page shows the suggestion's listing",
      () => text(page.getByTestId('listing-title')),
      (v) => expect(v).toBe('变电站巡检机器人自主导航技术'),
    );
    expect(errors).toEqual([]);
  });

  test('when the visitor switches to English, then the search page, its facets and its summary are in English', async () => {
    await page.goto(`${app.url}/search?q=${encodeURIComponent(TERM)}`);
    const expected = await expectHitsLike(page, { q: TERM });
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await eventually(
      'the summary is in English after the switch',
      () => text(page.getByTestId('search-summary')),
      (v) => expect(v).toMatch(new RegExp(`^${expected.total} results for “${TERM}” in [\\d.]+ ms$`)),
    );
    expect(await text(facetOption(page, 'fieldCode', 'EQP'))).toContain('High-end equipment manufacturing');
    expect(await text(page.getByTestId('kind-tab-achievement'))).toBe('Achievements');
    expect(await page.getByTestId('hit-kind').allTextContents()).toEqual(
      expect.arrayContaining(['Achievement', 'Need']),
    );
    expect(errors).toEqual([]);
  });
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
