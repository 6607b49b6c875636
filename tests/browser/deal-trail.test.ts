/**
 * Issue 13 in real browsers, one context per party: the seller and the buyer of a deal, each watching their
 * own bell and notification centre while the other acts. Accepting the offer drafted the contract; the
 * buyer's bell counts up live (socket push) when the seller signs, the notice leads to the contract, the
 * buyer signs behind the confirmation, and the seller's centre has "signed by both". MongoDB is checked at
 * every step; a switched-off category is stored. Screenshots at 1440×900 and 390×844 of the centre.
 *
 * Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeDeal } from '../../api/src/test-support/contract-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const errors: string[] = [];
let contractId = '';

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await app.cast();
  browser = await launchBrowser();
  const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
  contractId = String((await app.models.Deal.findById(dealId).lean())!.contractId);
  await app.settled();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const unread = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
const notices = (userId: unknown) => app.models.Notification.find({ userId }).lean();

test("the seller signs; the buyer's bell counts up live and its notice leads to the contract, which the buyer signs", async () => {
  // Accepting the deal stored the draft and told both sides it is ready to sign.
  expect((await notices(cast.other.user._id)).map((n) => n.type)).toContain('contract_ready');
  const buyer = await signedInPage(browser, app.url, cast.other.email, TEST_PASSWORD, errors);
  await buyer.goto(`${app.url}/contracts`);
  // The bell shows 0 until its first answer: start from the stored count, once the bell shows it.
  await app.settled();
  const before = (await app.http('GET', '/api/notifications', { token: cast.other.token })).body.unread as number;
  await eventually(
    'the buyer bell shows the stored unread count',
    () => unread(buyer),
    (n) => expect(n).toBe(before),
  );

  const c = (await app.http('GET', `/api/contracts/${contractId}`, { token: cast.owner.token })).body.contract;
  const signed = await app.http('POST', `/api/contracts/${contractId}/sign`, {
    token: cast.owner.token,
    body: { docHash: c.docHash },
  });
  expect(signed.status).toBe(200);
  // No reload and no poll: the socket frame refreshes the bell.
  await eventually(
    'the buyer bell counts the new notice',
    () => unread(buyer),
    (n) => expect(n).toBe(before + 1),
  );
  expect((await notices(cast.other.user._id)).map((n) => n.type)).toContain('contract_signed_by_other');

  await buyer.getByTestId('notification-bell').click();
  await buyer.waitForURL(`${app.url}/notifications`);
  const item = buyer.getByTestId('notification').filter({ hasText: '卖方已签署合同' });
  await item.waitFor();
  await expect(item.getByTestId('notification-tag').textContent()).resolves.toBe('合同');
  await buyer.setViewportSize({ width: 1440, height: 900 });
  await screenshot(buyer, 'trail-notifications-1440');
  await buyer.setViewportSize({ width: 390, height: 844 });
  await screenshot(buyer, 'trail-notifications-390');
  await buyer.setViewportSize({ width: 1280, height: 860 });
  await item.click();
  await buyer.waitForURL(`${app.url}/contracts/${contractId}`);
  await buyer.getByTestId('sign').click();
  await buyer.getByTestId('sign-ok').click();
  await buyer.getByTestId('signature-buyer').waitFor();
  const stored = (await app.models.Contract.findById(contractId).lean())!;
  expect([stored.status, stored.signatures.filter((s) => s.valid).length]).toEqual(['signed', 2]);
  await app.settled();
  // The seller's other member hears it was signed by both; the signing users are not told what they did.
  expect((await notices(cast.member.user._id)).map((n) => n.type)).toContain('contract_signed');
  expect((await notices(cast.other.user._id)).filter((n) => n.type === 'contract_signed')).toHaveLength(0);
});

test("the seller's member reads the centre and switches a category off; the setting is stored", async () => {
  const member = await signedInPage(browser, app.url, cast.member.email, TEST_PASSWORD, errors);
  collectPageErrors(member, errors);
  await member.goto(`${app.url}/notifications`);
  await member.getByTestId('notification').filter({ hasText: '合同已由双方签署' }).waitFor();
  const toggle = member.getByTestId('pref-negotiation');
  await expect(toggle.getAttribute('aria-checked')).resolves.toBe('true');
  const [put] = await Promise.all([
    member.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/api/notifications/preferences')),
    toggle.click(),
  ]);
  expect(put.status()).toBe(200);
  await eventually(
    'the switch shows the stored setting',
    () => toggle.getAttribute('aria-checked'),
    (v) => expect(v).toBe('false'),
  );
  expect((await app.models.NotificationPref.findById(cast.member.user._id).lean())!.off).toEqual(['negotiation']);
  await member.setViewportSize({ width: 1440, height: 900 });
  await screenshot(member, 'trail-notification-prefs-1440');
  expect(errors).toEqual([]);
});
