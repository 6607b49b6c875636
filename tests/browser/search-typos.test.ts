/**
 * A visitor's typo in a real browser: 石墨稀 (a same-sound wrong character) shows the graphene listing with
 * "已为您显示“石墨烯”的结果" and a way back to the text as typed; "smx" in the box offers 石墨烯 as a term.
 * Screenshots: tests/artifacts/search-typo-*.png at 1440×900 and 390×844. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { achievementBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(120_000);
const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let listingId: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  const cast = await app.cast();
  listingId = await publish(
    app,
    'achievements',
    cast.owner,
    cast.hubOperator,
    achievementBody({
      title: '石墨烯导热膜连续化制备技术',
      keywords: ['石墨烯', '导热膜'],
      fieldCode: 'MAT',
      subfieldCode: 'MAT-04',
    }),
  );
  await app.running.ctx.services.searchSync.drain();
  browser = await launchBrowser();
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`when a visitor searches 石墨稀 at ${viewport.width} px, then the graphene listing shows with the correction and a way back`, async () => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      const answered = page.waitForResponse(
        (r) => r.url().includes('/api/search?') && r.url().includes(encodeURIComponent('石墨稀')),
      );
      await page.goto(`${app.url}/search?q=${encodeURIComponent('石墨稀')}`);
      await answered;
      await page.getByTestId('search-corrected').waitFor();
      expect(await page.getByTestId('search-corrected').textContent()).toContain('已为您显示“石墨烯”的结果');
      await page.getByTestId('search-hits').waitFor();
      expect(await page.getByTestId('search-hits').locator('a').first().getAttribute('href')).toContain(listingId);
      await screenshot(page, `search-typo-${viewport.width}`);
      // Back to the text as typed: no correction, no hits.
      const typed = page.waitForResponse((r) => r.url().includes('asTyped=true'));
      await page.getByTestId('search-as-typed').click();
      await typed;
      await page.getByTestId('search-empty').waitFor();
      expect(page.url()).toContain('asTyped=true');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
}

test('when a visitor types smx in the search box, then 石墨烯 is offered as a term and picking it searches for it', async () => {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/search`);
    await page.getByTestId('search-summary').waitFor();
    const suggested = page.waitForResponse((r) => r.url().includes('/api/search/suggest?q=smx'));
    await page.getByTestId('search-input').locator('input').fill('smx');
    await suggested;
    // The glossary also knows 石墨烯薄膜 and 石墨烯粉体; the pinyin initials must offer the term itself, first.
    const terms = page.getByTestId('search-term-suggestion');
    const term = terms.filter({ hasText: /^\s*术语\s*石墨烯\s*$/ });
    await term.waitFor();
    expect(await terms.first().textContent()).toMatch(/石墨烯$/);
    await screenshot(page, 'search-typo-pinyin-box');
    const searched = page.waitForResponse(
      (r) => r.url().includes('/api/search?') && r.url().includes(encodeURIComponent('石墨烯')),
    );
    await term.click();
    await searched;
    await page.getByTestId('search-hits').waitFor();
    expect(decodeURIComponent(page.url())).toContain('q=石墨烯');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
