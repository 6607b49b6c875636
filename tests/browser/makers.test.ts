/**
 * A maker's journey in a real browser (issue 16 item 5): a person without an organisation finds 成为创客 on the
 * account page, registers as an individual maker (the ID is shown masked and stored only masked and hashed),
 * sees the verification banner until an operator verifies the ID document, then the next steps; anyone finds
 * the maker in the directory, filtered by field. Screenshots at 1440×900 and 390×844; no page wider than 390.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { residentId, verifyMaker } from '../../api/src/test-support/maker-fixtures';
import { eventually, launchBrowser, newContext, pickOption, screenshot, signedInPage, text } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let person: Awaited<ReturnType<TestApp['createUser']>>;
let operator: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];

/** Screenshots at both sizes; at the phone size the document must not be wider than the screen. */
async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-${width}`);
    if (width === 390) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  person = await app.createUser();
  operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('a maker in a real browser', () => {
  let page: Page;
  let makerId: string;
  const idNumber = residentId();

  test('when a person without an organisation registers as a maker, then the maker is stored with its ID masked', async () => {
    page = await signedInPage(browser, app.url, person.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/account`);
    await page.getByTestId('account-become-maker').click();
    await page.waitForURL(`${app.url}/makers/new`);
    await page.getByTestId('maker-real-name').fill('钱小创');
    await page.getByTestId('maker-id-number').fill(idNumber);
    await pickOption(page, 'regionCode', '沈阳市', { search: '沈阳' });
    await pickOption(page, 'fields', '高端装备制造', { escape: true });
    await page.locator('#bio').fill('焊接机器人视觉方向的个人创客。');
    await shots(page, 'maker-register');
    await page.getByTestId('maker-submit').click();
    await page.waitForURL(/\/makers\/[0-9a-f]{24}$/);
    makerId = page.url().split('/').pop()!;
    await eventually(
      'the profile shows the masked ID',
      () => text(page.getByTestId('maker-id-masked')),
      (v) => expect(v).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(14)}`),
    );
    const stored = await app.models.Org.findById(makerId).lean();
    expect([stored!.type, stored!.name, stored!.verification!.status]).toEqual([
      'maker_individual',
      '钱小创',
      'pending',
    ]);
    expect(JSON.stringify(stored)).not.toContain(idNumber);
    expect(String((await app.models.User.findById(person.user._id).lean())!.orgId)).toBe(makerId);
    // Unverified: the banner says what is missing.
    await page.getByTestId('verification-banner').waitFor();
    await shots(page, 'maker-profile-pending');
  });

  test('when an operator verifies the ID document, then the maker sees the next steps and the directory lists it', async () => {
    await verifyMaker(app, person, makerId, operator);
    await page.reload();
    await eventually(
      'the profile shows the maker verified',
      () => text(page.getByTestId('verification-status')),
      (v) => expect(v).toContain('已认证'),
    );
    expect(await page.getByTestId('verification-banner').count()).toBe(0);
    await page.getByRole('link', { name: '发布成果' }).waitFor();
    await shots(page, 'maker-profile-verified');

    const visitor = await (await newContext(browser)).newPage();
    await visitor.goto(`${app.url}/makers?fieldCode=EQP`);
    await eventually(
      'the directory counts the maker',
      () => text(visitor.getByTestId('maker-total')),
      (v) => expect(v).toBe('共 1 位创客'),
    );
    expect(await text(visitor.getByTestId('maker-card').first())).toContain('钱小创');
    await shots(visitor, 'maker-directory');
    await visitor.goto(`${app.url}/makers?fieldCode=AGR`);
    await eventually(
      'another field has none',
      () => text(visitor.getByTestId('maker-total')),
      (v) => expect(v).toBe('共 0 位创客'),
    );
    await visitor.close();
    expect(errors).toEqual([]);
  });
});
