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
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, screenshot, text } from '../support/browser';

jest.setTimeout(900_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const DEMO_PASSWORD = 'Demo2026!';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

type Who = 'anonymous' | 'member' | 'operator' | 'official' | 'finance' | 'admin';
const emails: Record<Exclude<Who, 'anonymous'>, string> = {
  member: 'neu@demo.nekj.cn',
  operator: 'operator@demo.nekj.cn',
  official: 'official@demo.nekj.cn',
  finance: 'finance@demo.nekj.cn',
  admin: 'admin@demo.nekj.cn',
};

let app: TestApp;
let browser: Browser;
let ids: { orgId: string; achievementId: string; needId: string; negotiationId: string; contractId: string };
const contexts = new Map<string, BrowserContext>();
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  await seedDemo(app.running.ctx);
  await app.settled();
  const m = app.models;
  const neu = await m.User.findOne({ email: emails.member }).lean();
  const orgId = neu!.orgId!;
  const contract =
    (await m.Contract.findOne({ sellerOrgId: orgId, status: 'signed' }).lean()) ??
    (await m.Contract.findOne({ sellerOrgId: orgId }).lean());
  ids = {
    orgId: String(orgId),
    achievementId: String((await m.Achievement.findOne({ ownerOrgId: orgId, status: 'published' }).lean())!._id),
    needId: String((await m.Need.findOne({ status: 'published' }).lean())!._id),
    negotiationId: String(
      (await m.Negotiation.findOne({ $or: [{ sellerOrgId: orgId }, { buyerOrgId: orgId }] }).lean())!._id,
    ),
    contractId: String(contract!._id),
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

/** One desktop (or phone) context per role, signed in through the login form once. */
async function pageFor(who: Who, viewport = DESKTOP): Promise<Page> {
  const key = `${who}:${viewport.width}`;
  let context = contexts.get(key);
  if (!context) {
    context = await browser.newContext({
      viewport,
      ...(viewport.width < 768 ? { isMobile: true, hasTouch: true } : {}),
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // The app's Content-Security-Policy allows only its own scripts; axe-core is added by the test.
      bypassCSP: true,
    });
    context.setDefaultTimeout(20_000);
    contexts.set(key, context);
    const page = await context.newPage();
    collectPageErrors(page, errors);
    if (who !== 'anonymous') {
      await page.goto(`${app.url}/login`);
      await page.locator('#email').fill(emails[who]);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('user-menu').waitFor();
    }
  }
  return context.pages()[0]!;
}

/** Waits until the route has rendered: network quiet, no page-level spinner or skeleton left, fonts loaded. */
async function loaded(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.app-content .centered-spin, .app-content .ant-skeleton-active').first().waitFor({
    state: 'detached',
  });
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** Public pages; ids are read from the seeded data when the tests run. */
const anonymousRoutes: Array<() => string> = [
  () => '/',
  () => '/achievements',
  () => '/needs',
  () => `/achievements/${ids.achievementId}`,
  () => `/needs/${ids.needId}`,
  () => '/orgs',
  () => `/orgs/${ids.orgId}`,
  () => '/search?q=机器人',
  () => '/stats',
  () => '/login',
  () => '/register',
  () => '/forgot-password',
  () => '/legal/terms',
];
const anonymousPages = () => anonymousRoutes.map((url) => url());

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

/** axe-core's serious and critical violations on the current page, one line per rule with its first nodes. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`,
    );
}

const mainPages: Array<[Who, () => string]> = [
  ...anonymousRoutes.map((url): [Who, () => string] => ['anonymous', url]),
  ['member', () => '/my/listings'],
  ['member', () => '/achievements/new'],
  ['member', () => '/negotiations'],
  ['member', () => `/negotiations/${ids.negotiationId}`],
  ['member', () => '/contracts'],
  ['member', () => `/contracts/${ids.contractId}`],
  ['member', () => `/contracts/${ids.contractId}/payments`],
  ['member', () => '/payments/statement'],
  ['member', () => '/followups'],
  ['member', () => '/evaluations'],
  ['member', () => '/account'],
  ['member', () => '/notifications'],
  ['operator', () => '/admin/listings'],
  ['operator', () => '/admin/verification'],
  ['operator', () => '/admin/negotiations'],
  ['operator', () => '/evaluations'],
  ['official', () => '/officials'],
  ['official', () => '/officials/registrations'],
  ['official', () => '/followups/board'],
  ['official', () => '/contracts'],
  ['finance', () => '/finance'],
  ['admin', () => '/admin/users'],
  ['admin', () => '/admin/audit'],
  ['admin', () => '/admin/submarkets'],
  ['admin', () => '/admin/settings'],
];

describe('accessibility (axe-core) of every main page', () => {
  const found: string[] = [];
  test.each(mainPages.map(([who, url], i) => [i, who, url] as const))(
    'page %i as %s: no serious or critical violation',
    async (_i, who, url) => {
      const page = await pageFor(who);
      await page.goto(app.url + url());
      await loaded(page);
      const violations = await seriousViolations(page);
      found.push(...violations.map((v) => `${url()} ${v}`));
      expect({ page: url(), violations }).toEqual({ page: url(), violations: [] });
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
