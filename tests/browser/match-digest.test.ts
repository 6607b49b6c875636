/**
 * The match digest setting in a real browser: on the notification settings, the `match` row offers daily or
 * weekly; choosing weekly is stored, and switching matches off hides the choice. Screenshots at 1440×900
 * and 390×844. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await app.cast();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('a member chooses a weekly match digest, then switches matches off and the choice goes away', async () => {
  const page = await signedInPage(browser, app.url, cast.member.email, TEST_PASSWORD, errors);
  collectPageErrors(page, errors);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${app.url}/notifications`);
  const digest = page.getByTestId('pref-match-digest');
  await digest.waitFor();
  const [put] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/matches/digest')),
    digest.getByText('每周（周一）').click(),
  ]);
  expect(put.status()).toBe(200);
  expect((await app.models.MatchDigestPref.findById(cast.member.user._id).lean())!.frequency).toBe('weekly');
  await screenshot(page, 'match-digest-weekly-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'match-digest-weekly-390');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  // Switching the category off stores it, and a frequency no longer means anything: the choice is hidden.
  const [off] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/notifications/preferences')),
    page.getByTestId('pref-match').click(),
  ]);
  expect(off.status()).toBe(200);
  await eventually(
    'the digest choice leaves with the switched-off category',
    () => digest.count(),
    (n) => expect(n).toBe(0),
  );
  expect((await app.models.NotificationPref.findById(cast.member.user._id).lean())!.off).toEqual(['match']);
  expect(errors).toEqual([]);
});
