/**
 * The home page from live data: the tally headline from the same query as /stats with this year's target,
 * the planning baseline labelled as such, open challenges soonest-closing first (an expired one absent),
 * the latest approved listings, and field cards that open the filtered catalogue.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { achievementBody, needBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot, text } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ids = { achievement: '', open: '', expired: '', need: '' };

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  const cast = await app.cast();
  const year = new Date().getFullYear();
  // 30 亿元 for the province this year, set the way an official sets it.
  const target = await app.http('PUT', '/api/stats/targets', {
    token: cast.admin.token,
    body: { year, regionCode: '210000', amountFen: 300_000_000_000 },
  });
  expect(target.status).toBe(200);
  ids.achievement = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({ title: '首页最新成果：高精度激光焊接装备' }),
  );
  ids.need = await publish(
    app,
    'needs',
    cast.owner,
    cast.hubOperator,
    needBody({ title: '首页最新需求：余热回收换热器' }),
  );
  const challenge = (title: string) =>
    needBody({ title, challenge: { rewardFen: 100_000_000, closesAt: '2099-01-01T00:00:00Z' } });
  ids.open = await publish(app, 'needs', cast.owner, cast.hubOperator, challenge('首页揭榜：开放中的任务'));
  ids.expired = await publish(app, 'needs', cast.owner, cast.hubOperator, challenge('首页揭榜：已截止的任务'));
  const past = new Date(Date.now() - 60_000).toISOString();
  await app.models.Need.updateOne({ _id: ids.expired }, { $set: { 'live.challenge.closesAt': past } });
  await app.settled();
  browser = await launchBrowser();
  page = await (await newContext(browser)).newPage();
  collectPageErrors(page, errors);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

test('when a visitor opens the home page, then the tally headline is the /stats summary with this year’s target and the baseline is labelled', async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/`);
  const summary = (await app.http('GET', '/api/stats/summary')).body;
  expect(summary.target.amountFen).toBe(300_000_000_000);
  await eventually(
    'the headline shows this year’s target from the summary',
    () => text(page.getByTestId('kpi-tally-target')),
    (v) => expect(v).toBe(`本年度目标 30 亿元，已完成 ${(summary.target.progress * 100).toFixed(1)}%`),
  );
  expect(await text(page.getByTestId('kpi-tally').locator('.ant-statistic-title'))).toBe(
    `${summary.year} 年已登记技术合同成交额`,
  );
  expect(await text(page.getByTestId('kpi-baseline'))).toContain('规划基准：2015 年底全省 292 亿元');
});

test('when the home page lists live data, then open challenges and the latest listings show and an expired challenge does not', async () => {
  const challenges = page.getByTestId('home-challenges');
  await challenges.locator(`[data-id="${ids.open}"]`).waitFor();
  expect(await challenges.locator(`[data-id="${ids.expired}"]`).count()).toBe(0);
  await page.getByTestId('home-achievements-latest').locator(`[data-id="${ids.achievement}"]`).waitFor();
  await page.getByTestId('home-needs-latest').locator(`[data-id="${ids.need}"]`).waitFor();
  await screenshot(page, 'home-desktop');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'home-phone');
});

test('when a visitor clicks a field card, then the catalogue opens filtered to that field', async () => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // The achievement is in 新材料 (MAT, the fixture's field). The card is looked for only once the filtered
  // list has answered: while a list loads, the catalogue keeps the previous cards on screen (dimmed).
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/achievements?') && r.url().includes('fieldCode=MAT') && r.ok(),
  );
  await page.getByTestId('field-MAT').click();
  await page.waitForURL(`${app.url}/achievements?fieldCode=MAT`);
  const items = ((await (await filtered).json()) as { items: Array<{ id: string }> }).items.map((i) => i.id);
  expect(items).toContain(ids.achievement);
  await page.locator(`[data-testid="listing-card"][data-id="${ids.achievement}"]`).waitFor();
  expect(errors).toEqual([]);
});

test('when a visitor searches the catalogue, then the old cards stay dimmed under a spinner until the answer arrives', async () => {
  await page.goto(`${app.url}/achievements`);
  const card = page.locator(`[data-testid="listing-card"][data-id="${ids.achievement}"]`);
  await card.waitFor();
  // Hold the next list request, so what the page shows while it waits can be read without a race.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/achievements?*', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByTestId('listing-search').locator('input').fill('不存在的成果名称');
  await page.getByTestId('listing-search').locator('input').press('Enter');
  await page
    .locator('[data-testid="listing-loading"].ant-spin-spinning, [data-testid="listing-loading"] .ant-spin-spinning')
    .first()
    .waitFor();
  expect(await card.isVisible()).toBe(true);
  expect(new URL(page.url()).searchParams.get('q')).toBe('不存在的成果名称');
  release();
  await page.getByTestId('listing-empty').waitFor();
  expect(await card.count()).toBe(0);
  await page.unroute('**/api/achievements?*');
  expect(errors).toEqual([]);
});

test('when the visitor reads in English, then money is in CNY and the tally in billions, with no 万元 left', async () => {
  await page.evaluate(`localStorage.setItem('nekj.lang', 'en')`);
  await page.goto(`${app.url}/achievements`);
  const price = page.locator(`[data-testid="listing-card"][data-id="${ids.achievement}"]`).getByTestId('price');
  await eventually(
    'the card shows the price in CNY',
    () => text(price),
    (v) => expect(v).toBe('CNY 1,200,000'),
  );
  await page.goto(`${app.url}/`);
  await eventually(
    'the headline target is in CNY',
    () => text(page.getByTestId('kpi-tally-target')),
    (v) => expect(v).toMatch(/^Target this year CNY 3 billion; [\d.]+% reached$/),
  );
  const body = await text(page.locator('.app-content'));
  expect(body).not.toMatch(/万元|亿元/);
  await page.evaluate(`localStorage.removeItem('nekj.lang')`);
  expect(errors).toEqual([]);
});

test('when a city official opens the dashboard, then the target input shows the target set and 合同明细 keeps the city', async () => {
  const year = new Date().getFullYear();
  const official = await app.createUser({ roles: ['official'], officialRegion: '210200' });
  const set = await app.http('PUT', '/api/stats/targets', {
    token: official.token,
    body: { year, regionCode: '210200', amountFen: 2_500_000_000_00 },
  });
  expect(set.status).toBe(200);
  const context = await newContext(browser);
  const dash = await context.newPage();
  collectPageErrors(dash, errors);
  await dash.goto(`${app.url}/login`);
  await dash.locator('#email').fill(official.email);
  await dash.locator('#password').fill(TEST_PASSWORD);
  await dash.getByTestId('login-submit').click();
  await dash.getByTestId('user-menu').waitFor();
  await dash.goto(`${app.url}/officials`);
  const input = dash.locator('input[data-testid="target-input"], [data-testid="target-input"] input').first();
  await eventually(
    'the input shows the stored target in 万元',
    () => input.inputValue(),
    (v) => expect(v.replace(/,/g, '')).toBe('250000'),
  );
  const href = await dash.getByTestId('to-contracts').getAttribute('href');
  expect(new URLSearchParams(href!.split('?')[1]).get('sellerRegion')).toBe('210200');
  await context.close();
  expect(errors).toEqual([]);
});
