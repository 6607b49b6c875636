/**
 * The main pages as each role sees them over the demo data, checked for what a person notices first:
 * - a visitor's walk of the public pages logs nothing in the console (no 401 of a session check, no error);
 * - axe-core finds no serious or critical accessibility violation on any main page;
 * - the officials' dashboard filtered to 大连市 opens 合同明细 with the region and the period kept, the list
 *   shows its filters and the count and total the API answers, and the flow chart's labels do not overlap;
 * - the admin changes the 对公转账 account and the fee rate on /admin/settings and payers see them at once.
 * Screenshots of the touched pages at 1440×900 and 390×844 go to tests/artifacts/.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, text } from '../support/browser';
import {
  anonymousRoutes,
  demoIds,
  DESKTOP,
  loaded,
  mainPages,
  PHONE,
  rolePages,
  seriousViolations,
  type DemoIds,
  type Who,
} from '../support/main-pages';

jest.setTimeout(900_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let ids: DemoIds;
let pageFor: (who: Who, viewport?: typeof DESKTOP) => Promise<Page>;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  await seedDemo(app.running.ctx);
  await app.settled();
  ids = await demoIds(app);
  browser = await launchBrowser();
  pageFor = rolePages(browser, app.url, errors);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

const anonymousPages = () => anonymousRoutes.map((url) => url(ids));

describe('a visitor without a session', () => {
  test('when a visitor walks the public pages, then the console shows no error at all (no 401 of a session check)', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    // Everything, including the "Failed to load resource" lines a 401 leaves, which collectPageErrors skips.
    const consoleErrors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: pageerror ${err.message}`));
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
    });
    let sessionChecks = 0;
    page.on('request', (req) => {
      if (req.url().includes('/api/auth/session')) sessionChecks += 1;
    });
    for (const url of anonymousPages()) {
      await page.goto(app.url + url);
      await loaded(page);
    }
    expect(sessionChecks).toBeGreaterThan(0);
    expect({ consoleErrors, failed }).toEqual({ consoleErrors: [], failed: [] });
    await context.close();
  });
});

describe('accessibility (axe-core) of every main page', () => {
  const found: string[] = [];
  test.each(mainPages.map(([who, url], i) => [i, who, url] as const))(
    'page %i as %s: no serious or critical violation',
    async (_i, who, url) => {
      const page = await pageFor(who);
      await page.goto(app.url + url(ids));
      await loaded(page);
      const violations = await seriousViolations(page);
      found.push(...violations.map((v) => `${url(ids)} ${v}`));
      expect({ page: url(ids), violations }).toEqual({ page: url(ids), violations: [] });
    },
  );
  test('when every page was checked, then none threw or logged an error', () => {
    expect(errors).toEqual([]);
  });
});

describe("the officials' dashboard and the contract list", () => {
  test('when the provincial official filters the dashboard to 大连市 and opens 合同明细, then the list keeps the region and period and shows the count and total', async () => {
    const page = await pageFor('official');
    const year = new Date().getFullYear();
    await page.goto(`${app.url}/officials?region=210200&year=${year}`);
    await loaded(page);
    expect(await text(page.getByTestId('region-select'))).toContain('大连');
    await page.getByTestId('chart-flows').and(page.locator('[data-finished="true"]')).waitFor();
    await screenshot(page, 'quality-dashboard-desktop');

    await page.getByTestId('to-contracts').click();
    await page.waitForURL(/\/contracts\?/);
    const query = new URL(page.url()).searchParams;
    expect([query.get('sellerRegion'), query.get('from'), query.get('to')]).toEqual([
      '210200',
      `${year}-01`,
      `${year}-12`,
    ]);
    await loaded(page);
    expect(await text(page.getByTestId('contract-filter-sellerRegion'))).toContain('大连');
    const period = page.getByTestId('contract-filter-period').locator('input');
    expect([await period.nth(0).inputValue(), await period.nth(1).inputValue()]).toEqual([`${year}-01`, `${year}-12`]);
    // The same list through the API with the page's own cookie: the page shows its count and total.
    const api = await page.request.get(`${app.url}/api/contracts?${query.toString()}&pageSize=100`);
    const body = (await api.json()) as { total: number; sumAmountFen: number; items: Array<{ sellerRegion: string }> };
    expect(body.items.every((c) => c.sellerRegion === '210200')).toBe(true);
    await eventually(
      'the total line names the count of the filtered list',
      () => text(page.getByTestId('contract-total')),
      (v) => expect(v).toMatch(new RegExp(`^共 ${body.total} 份合同，合同成交额合计 `)),
    );
    const rows = page.locator('[data-testid="contract-table"] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(Math.min(20, body.total));
    // Whole titles and amounts on one line: no cell cut to a few characters with an ellipsis.
    expect(await page.locator('[data-testid="contract-table"] .ant-table-cell-ellipsis').count()).toBe(0);
    await screenshot(page, 'quality-contracts-desktop');

    // A filter chosen on the list goes into the address with the others.
    await page.getByTestId('contract-filter-status').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) [title="已登记"]').click();
    await page.waitForURL((u) => new URL(u).searchParams.get('status') === 'registered');
    expect(new URL(page.url()).searchParams.get('sellerRegion')).toBe('210200');
    await loaded(page);
    // The list answers the new filter on its own time (it keeps the old rows dimmed until then): wait for it.
    await eventually(
      'the contract list has answered the status filter',
      () => page.getByTestId('contract-table').getAttribute('data-state'),
      (s) => expect(s).toBe('ready'),
    );
  });

  test('when the flows chart is drawn, then no two of its labels overlap', async () => {
    const page = await pageFor('official');
    await page.goto(`${app.url}/officials`);
    await loaded(page);
    await page.getByTestId('chart-flows').and(page.locator('[data-finished="true"]')).waitFor();
    const boxes = (await page.getByTestId('chart-flows').evaluate((el: any) =>
      Array.from(el.querySelectorAll('svg text') as ArrayLike<any>)
        .map((t: any) => {
          const r = t.getBoundingClientRect();
          return { text: String(t.textContent), x: r.x, y: r.y, w: r.width, h: r.height };
        })
        .filter((b) => b.w > 0 && b.h > 0 && b.text.trim() !== ''),
    )) as Array<{ text: string; x: number; y: number; w: number; h: number }>;
    expect(boxes.length).toBeGreaterThan(2);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        if (w > 1 && h > 1) overlaps.push(`${a.text} × ${b.text}`);
      }
    expect(overlaps).toEqual([]);
  });
});

describe('platform settings', () => {
  test('when the admin changes the bank account and the fee rate, then they are stored and payers see them at once', async () => {
    const page = await pageFor('admin');
    await page.goto(`${app.url}/admin/settings`);
    await loaded(page);
    await page.getByTestId('settings-bank-name').fill('辽宁科技大市场运营有限公司');
    await page.getByTestId('settings-bank-bank').fill('中国建设银行沈阳分行');
    await page.getByTestId('settings-bank-account').fill('2105 0188 0000 1234 5678');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/settings') && r.request().method() === 'PATCH',
    );
    await page.getByTestId('settings-bank-save').click();
    expect((await saved).status()).toBe(200);
    const fee = page
      .locator('input[data-testid="settings-fee-input"], [data-testid="settings-fee-input"] input')
      .first();
    await fee.fill('1.5');
    const savedFee = page.waitForResponse(
      (r) => r.url().endsWith('/api/admin/settings') && r.request().method() === 'PATCH',
    );
    await page.getByTestId('settings-fee-save').click();
    expect((await savedFee).status()).toBe(200);
    const stored = await app.models.PlatformSettings.findById('platform').lean();
    expect(stored).toMatchObject({
      feeRateBp: 150,
      bankAccount: {
        name: '辽宁科技大市场运营有限公司',
        bank: '中国建设银行沈阳分行',
        account: '2105 0188 0000 1234 5678',
      },
    });
    await eventually(
      'the page names who changed the settings',
      () => text(page.locator('.page-title__sub')),
      (v) => expect(v).toMatch(/^最近由 .+ 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改$/),
    );
    await screenshot(page, 'quality-settings-desktop');
    // A payer reads the new account and rate from the payments config.
    const member = await pageFor('member');
    const config = await (await member.request.get(`${app.url}/api/payments/config`)).json();
    expect(config).toMatchObject({ feeRateBp: 150, bankAccount: { account: '2105 0188 0000 1234 5678' } });
  });
});

describe('the touched pages on a phone', () => {
  test.each([
    ['admin', '/admin/settings', 'settings'],
    ['official', '/officials?region=210200', 'dashboard'],
    ['official', '/contracts?sellerRegion=210200', 'contracts'],
    ['official', '/officials/registrations', 'registrations'],
  ] as const)('%s %s at 390×844 is no wider than the screen', async (who, url, name) => {
    const page = await pageFor(who, PHONE);
    await page.goto(app.url + url);
    await loaded(page);
    await screenshot(page, `quality-${name}-phone`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
  });
});
