/**
 * Search in a real browser against the real API (same origin, built web app): listings published through
 * HTTP and indexed by search-sync are found in Chinese from the header box, narrowed by two facets and a
 * kind tab (all held in the URL, so the back button undoes them), opened from a hit and from a suggestion,
 * and matched to counterparts on the detail page. Every list on screen is compared with what the API answers
 * for the same query. Saved searches and their notices are in search-saved.test.ts.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { achievementBody, needBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot, text } from '../support/browser';
import { expectHitsOf, facetOption, urlParams } from '../support/search';

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

/** Waits until the page lists exactly the API's hits for `params` (in order) and shows its total. */
const expectHitsLike = (p: Page, params: Record<string, string>) => expectHitsOf(app, p, params);

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
