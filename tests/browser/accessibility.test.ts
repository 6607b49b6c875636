/**
 * axe-core on every main page at 390×844 (issue 14 item 8), as the role that can open it, over the demo data:
 * no serious or critical violation. Also with the phone's navigation drawer open for every signed-in role, and
 * at 1440 with the admin's 更多 / More submenu open (the entries the bar does not show; antd's own overflow
 * menu left its hidden entries focusable — axe's aria-hidden-focus). pages-quality.test.ts checks 1440×900.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { launchBrowser, screenshot, waitUntilStill, openMore } from '../support/browser';
import {
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
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
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

describe('accessibility (axe-core) of every main page on a phone (390×844)', () => {
  test.each(mainPages.map(([who, url], i) => [i, who, url] as const))(
    'page %i as %s: no serious or critical violation',
    async (_i, who, url) => {
      const page = await pageFor(who, PHONE);
      await page.goto(app.url + url(ids));
      await loaded(page);
      const violations = await seriousViolations(page);
      expect({ page: url(ids), violations }).toEqual({ page: url(ids), violations: [] });
    },
  );

  test.each(['member', 'operator', 'official', 'finance', 'admin'] as const)(
    'when %s opens the navigation drawer, then it has no serious or critical violation',
    async (who) => {
      const page = await pageFor(who, PHONE);
      await page.goto(app.url);
      await loaded(page);
      await page.getByTestId('nav-drawer-open').click();
      const drawer = page.locator('.nav-drawer');
      await waitUntilStill(page, drawer.locator('[data-testid^="nav-"]').last());
      const violations = await seriousViolations(page);
      if (who === 'admin') await screenshot(page, `a11y-drawer-${who}-390`);
      expect({ who, violations }).toEqual({ who, violations: [] });
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
    },
  );

  test('when every page was checked, then none threw or logged an error', () => {
    expect(errors).toEqual([]);
  });
});

describe("the admin's navigation at 1440", () => {
  test('when the admin opens 更多, then every entry the bar does not show is there, reachable, and axe finds nothing serious', async () => {
    const page = await pageFor('admin', DESKTOP);
    await page.goto(app.url);
    await loaded(page);
    const bar = page.locator('.main-nav > li');
    // No entry is hidden by antd's overflow (the hidden ones stayed focusable under aria-hidden).
    expect(await page.locator('.main-nav [aria-hidden="true"] a, .main-nav .ant-menu-overflow-item-rest').count()).toBe(
      0,
    );
    const popup = await openMore(page);
    const inBar = await bar.locator('[data-testid^="nav-"]').count();
    const inMore = await popup.locator('[data-testid^="nav-"]').count();
    expect(inBar).toBe(8); // seven entries and 更多
    expect(inMore).toBeGreaterThan(5);
    await popup.getByTestId('nav-audit').waitFor();
    const violations = await seriousViolations(page);
    await screenshot(page, 'a11y-more-admin-1440');
    expect(violations).toEqual([]);
  });
});
