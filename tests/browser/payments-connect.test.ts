/**
 * The seller's payout account in a real browser against the real API (built web app; Stripe through the local
 * fake): the seller opens Stripe's onboarding from the page, and once Stripe reports the account ready by
 * webhook the page shows payouts on. MongoDB is checked. Screenshots under tests/artifacts/payments-*.png.
 * Paying a contract is in payments-contract.test.ts. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FakeStripe } from '../../api/src/modules/payments/testing/fake-stripe';
import {
  paymentCast,
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type PaymentCast,
} from '../../api/src/modules/payments/testing/payment-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = process.env.TEST_WEB_DIST ?? path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let fake: FakeStripe;
let browser: Browser;
let cast: PaymentCast;
const errors: string[] = [];

const signIn = (who: { email: string }): Promise<Page> =>
  signedInPage(browser, app.url, who.email, TEST_PASSWORD, errors);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  fake = await new FakeStripe().start();
  app = await startTestApp({
    WEB_DIST,
    SEARCH_SYNC: 'external',
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_PUBLISHABLE_KEY: 'pk_test_nekj_fake_0123456789',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
    PAYMENT_RECONCILE_INTERVAL_MS: 0,
  });
  cast = await paymentCast(app);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.stop();
});

test('the seller opens its payout account: Stripe onboarding opens, and once Stripe reports the account ready the page shows payouts on', async () => {
  const seller = await signIn(cast.seller);
  await seller.goto(`${app.url}/payments/connect`);
  const card = seller.getByTestId('connect-org');
  await card.getByText('尚未开户').waitFor();
  await screenshot(seller, 'payments-connect-start');
  await seller.getByTestId('connect-start-org').click();
  // The account link leads to Stripe's own onboarding pages (here the fake's address).
  await seller.waitForURL(/\/connect\/onboarding\/acct_[0-9a-f]+$/);
  const accountId = /acct_[0-9a-f]+$/.exec(seller.url())![0];
  expect(fake.accounts.get(accountId)).toMatchObject({ type: 'express', payouts_enabled: false });
  // Stripe finishes the onboarding and says so by webhook.
  const hook = await FakeStripe.deliver(
    `${app.url}/api/payments/stripe/webhook`,
    WEBHOOK_SECRET,
    fake.event('account.updated', fake.completeOnboarding(accountId)),
  );
  expect(hook.status).toBe(200);
  await seller.goto(`${app.url}/payments/connect`);
  await card.getByText('已完成开户').waitFor();
  await card.getByText('可接收结算').waitFor();
  expect(await seller.getByTestId('connect-start-org').count()).toBe(0);
  expect(await app.models.ConnectAccount.findOne({ stripeAccountId: accountId }).lean()).toMatchObject({
    payoutsEnabled: true,
    detailsSubmitted: true,
  });
  await screenshot(seller, 'payments-connect-ready');
});
