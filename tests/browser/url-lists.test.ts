/**
 * Lists keep their filters and page in the address (issue 14 item 6): the operators' verification queue,
 * finance's transfer queue and deposits (beside the finance page's tab), and an organisation's statement
 * (date range and ledger page). For each, over the demo data, page 2 is chosen, the page is reloaded, and
 * the same page of the same list — with its total — is shown again. Needs the built web app.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, text } from '../support/browser';
import { DESKTOP, loaded, rolePages, type Who } from '../support/main-pages';

jest.setTimeout(600_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let pageFor: (who: Who, viewport?: typeof DESKTOP) => Promise<Page>;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  await seedDemo(app.running.ctx);
  // Two more organisations waiting, so the queue has a second page at one application a page.
  for (let i = 0; i < 2; i++) await app.createOrg({ status: 'pending' });
  await app.settled();
  browser = await launchBrowser();
  pageFor = rolePages(browser, app.url, errors);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
  expect(errors).toEqual([]);
});

/** The first row's text and the total line of a table (antd's showTotal) and its active page. */
async function state(page: Page, table: string) {
  const box = page.getByTestId(table);
  await box.locator('tbody tr.ant-table-row').first().waitFor();
  return {
    first: await text(box.locator('tbody tr.ant-table-row').first()),
    total: await text(page.locator('.ant-pagination-total-text').first()),
    active: await text(page.locator('.ant-pagination-item-active').first()),
  };
}

describe('list pages keep filter and page over a reload', () => {
  test.each([
    ['operator', '/admin/verification?pageSize=1', 'verification-table'],
    ['finance', '/finance?pageSize=1', 'finance-queue'],
    ['finance', '/finance?tab=deposits&pageSize=1', 'deposits'],
  ] as const)('%s %s: page 2 is still page 2 after a reload', async (who, url, table) => {
    const page = await pageFor(who);
    await page.goto(app.url + url);
    await loaded(page);
    const before = await state(page, table);
    expect(before.total).toMatch(/^共 \d+ 条$/);
    expect(Number(before.total.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
    await page.locator('.ant-pagination-item-2').first().click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await eventually(
      'the second page is shown',
      () => state(page, table),
      (s) => expect(s.active).toBe('2'),
    );
    const second = await state(page, table);
    expect(second.first).not.toBe(before.first);
    await page.reload();
    await loaded(page);
    expect(await state(page, table)).toEqual(second);
    const kept = new URL(page.url()).searchParams;
    expect([kept.get('page'), kept.get('pageSize')]).toEqual(['2', '1']);
    if (url.includes('tab=')) expect(kept.get('tab')).toBe('deposits');
    await screenshot(page, `url-lists-${table}`);
  });

  test("an organisation's statement keeps its date range and ledger page", async () => {
    const page = await pageFor('member');
    await page.goto(`${app.url}/payments/statement?from=2020-01-01&pageSize=2`);
    await loaded(page);
    const lines = page.getByTestId('statement-lines');
    await lines.locator('tbody tr.ant-table-row').first().waitFor();
    await lines.locator('.ant-pagination-item-2').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await page.reload();
    await loaded(page);
    const range = page.getByTestId('statement-range').locator('input');
    expect(await range.nth(0).inputValue()).toBe('2020-01-01');
    expect(await text(lines.locator('.ant-pagination-item-active'))).toBe('2');
    expect(await text(lines.locator('.ant-pagination-total-text'))).toMatch(/\d/);
  });
});
