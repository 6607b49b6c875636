/**
 * The foundation's shell through a real browser against the real API (same origin, built web app), as a
 * visitor sees it: the home page in Chinese with the technology fields and the verified-organisation count,
 * its search box, and the guards (a staff page sends to sign in, an unknown address shows not-found).
 * Registration, sign-in and the language switch are in shell-account.test.ts, the operator's verification
 * queue in shell-verification.test.ts. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { technicalFields } from '../../api/src/shared/taxonomy';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot, text } from '../support/browser';
import { htmlLang, storedLang } from '../support/shell';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;

let applicantContext: BrowserContext;
let applicantPage: Page;
let applicantErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  applicantContext = await newContext(browser);
  applicantPage = await applicantContext.newPage();
  applicantErrors = collectPageErrors(applicantPage);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('shell in a real browser', () => {
  test('when a visitor opens the home page, then it is in Chinese with the 18 technology fields and the verified-organisation count', async () => {
    // Two verified organisations count on the home page; a pending one does not.
    await app.createOrg({ status: 'verified', regionCode: '210100' });
    await app.createOrg({ status: 'verified', regionCode: '210500' });
    await app.createOrg({ status: 'pending', regionCode: '210300' });
    const verifiedInDb = await app.models.Org.countDocuments({ 'verification.status': 'verified' });
    expect(verifiedInDb).toBe(2);

    const page = applicantPage;
    await page.goto(`${app.url}/`);
    const hero = page.locator('h1.hero__title');
    await hero.waitFor();
    expect(await text(hero)).toBe('东北科技大市场');
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.title()).toBe('东北科技大市场');
    expect(await text(page.getByTestId('nav-home'))).toBe('首页');
    expect(await text(page.getByTestId('nav-login'))).toBe('登录');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(await storedLang(page)).toBeNull();

    const cards = page.getByTestId('field-grid').locator('.field-card');
    await eventually(
      'the home page shows the 18 technology fields',
      () => cards.count(),
      (n) => expect(n).toBe(18),
    );
    expect(technicalFields).toHaveLength(18);
    const names = await cards.locator('.field-card__name').allTextContents();
    expect(names).toEqual(technicalFields.map((f) => f.zh));

    const kpi = page.getByTestId('kpi-orgs').locator('.ant-statistic-content-value');
    await eventually(
      'the home page counts the verified organisations',
      () => text(kpi),
      (v) => expect(v).toBe(String(verifiedInDb)),
    );

    await screenshot(page, 'shell-home-zh');
    // The hero search box looks for technology (achievements and needs), on the search page.
    const heroSearch = page.locator('[data-testid="home-search"]').locator('xpath=descendant-or-self::input').first();
    await heroSearch.fill('机器人');
    await heroSearch.press('Enter');
    await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === '机器人');
    expect(applicantErrors).toEqual([]);
  });

  test('when an anonymous visitor opens the verification queue or an unknown address, then it is sent to sign in or shown not-found', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${app.url}/admin/verification`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/verification');
    await page.getByTestId('login-submit').waitFor();
    expect(await page.getByTestId('verification-table').count()).toBe(0);
    expect(await page.getByTestId('nav-verification').count()).toBe(0);

    await page.goto(`${app.url}/no-such-page/at-all`);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await text(notFound)).toContain('页面不存在');
    expect(await page.title()).toBe('页面不存在 - 东北科技大市场');
    await notFound.getByRole('link', { name: '返回首页' }).click();
    await page.waitForURL(`${app.url}/`);
    await page.locator('h1.hero__title').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
