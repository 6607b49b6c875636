/**
 * Issue 13, item 4 (part): finance records the bank payout of bank-collected money from 结算付款 — reference,
 * day, amount — which settles it in the ledger; the trial balance names the seller's account by the
 * organisation. MongoDB is checked after the step. Screenshots at 1440×900 and 390×844.
 *
 * Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  payByBank,
  paymentCast,
  plan,
  signedContract,
  type PaymentCast,
} from '../../api/src/modules/payments/testing/payment-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: PaymentCast;
let payoutId = '';
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await paymentCast(app);
  browser = await launchBrowser();
  const contractId = await signedContract(app, cast);
  const first = (await plan(app, cast.buyer, contractId)).payables[0];
  await payByBank(app, cast, first.id, first.amountFen);
  await app.settled();
  payoutId = `payout:${first.id}:seller`;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('finance records the bank payout; the payout is paid, its journal booked once, the trial balance names the seller', async () => {
  const before = (await app.models.Payout.findById(payoutId).lean())!;
  expect([before.status, before.source]).toEqual(['pending', 'bank_transfer']);
  const finance: Page = await signedInPage(browser, app.url, cast.finance.email, TEST_PASSWORD, errors);
  await finance.goto(`${app.url}/finance`);
  await finance.getByTestId('tab-payouts').click();
  const button = finance.getByTestId(`payout-record-${payoutId}`);
  await button.waitFor();
  await finance.setViewportSize({ width: 1440, height: 900 });
  await screenshot(finance, 'finance-payouts-1440');
  await button.click();
  await finance.getByTestId('payout-reference').fill('ICBC202612030017');
  await screenshot(finance, 'finance-payout-record-1440');
  const [answer] = await Promise.all([
    finance.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/confirm')),
    finance.getByTestId('payout-record-ok').click(),
  ]);
  expect(answer.status()).toBe(200);
  await eventually(
    'the record button is gone once paid',
    () => button.count(),
    (n) => expect(n).toBe(0),
  );
  const after = (await app.models.Payout.findById(payoutId).lean())!;
  expect(after.status).toBe('paid');
  expect((after as unknown as { bank: { reference: string } }).bank.reference).toBe('ICBC202612030017');
  expect(await app.models.Journal.countDocuments({ _id: payoutId })).toBe(1);

  await finance.getByTestId('tab-ledger').click();
  await finance.getByTestId('trial-balance').waitFor();
  await finance.getByTestId('account-name').filter({ hasText: cast.sellerOrg.name }).first().waitFor();
  await finance.setViewportSize({ width: 390, height: 844 });
  await screenshot(finance, 'finance-ledger-390');
  expect(errors).toEqual([]);
});
