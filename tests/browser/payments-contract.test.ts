/**
 * Paying a contract in a real browser against the real API (built web app; Stripe through the local fake,
 * Stripe.js itself cannot load here — offline, and outside the page's CSP): the buyer
 * of a signed contract opens its payment page from the contract, pays the overdue first instalment by 对公转账
 * (uploading the bank receipt), finance staff see it in their queue, try a wrong received amount (the API's
 * message stays on screen and nothing is booked), then confirm the right one; the ledger balances, the buyer
 * sees the contract partially paid and the broker sees the commission. Last, the buyer starts paying the
 * second instalment online: the PaymentIntent is made, the dialog says Stripe.js could not load, and starting
 * again sends the same Idempotency-Key, so it is the same payment; then the page in English. MongoDB is checked after each step.
 * Screenshots under tests/artifacts/payments-*.png. The seller's payout account is in payments-connect.test.ts.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PayableRecord, PaymentRecord } from '../../api/src/modules/payments/payment.model';
import { FakeStripe } from '../../api/src/modules/payments/testing/fake-stripe';
import {
  paymentCast,
  signedContract,
  STRIPE_KEY,
  WEBHOOK_SECRET,
  type PaymentCast,
} from '../../api/src/modules/payments/testing/payment-fixtures';
import { files } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { clickNav, eventually, launchBrowser, screenshot, signedInPage, text } from '../support/browser';
import {
  assertBalanced,
  contractJournals,
  contractPayables,
  contractPayableStatuses,
  contractPaymentStatusOf,
} from '../support/payments';

jest.setTimeout(180_000);

const WEB_DIST = process.env.TEST_WEB_DIST ?? path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let fake: FakeStripe;
let browser: Browser;
let cast: PaymentCast;
const errors: string[] = [];
let contractId = '';
let contractNo = '';
let first: PayableRecord;

const signIn = (who: { email: string }): Promise<Page> =>
  signedInPage(browser, app.url, who.email, TEST_PASSWORD, errors);

// ---- what MongoDB holds ----
const payables = () => contractPayables(app, contractId);
const paymentsOf = (payableId: unknown) => app.models.Payment.find({ payableId }).lean<PaymentRecord[]>();
const journals = () => contractJournals(app, contractId);
/** Each payable's status as the API derives it from what MongoDB holds (ledger cache + the payment in flight). */
const payableStatuses = () => contractPayableStatuses(app, contractId);
/** The contract's payment status as the API derives it: paid (money in − refunds) against the schedule. */
const contractPaymentStatus = () => contractPaymentStatusOf(app, contractId);

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
  // A signed paper contract: 30万 due 2026-03-01 (overdue), 50万 due 2027-09-01; broker commission 2.4万.
  contractId = await signedContract(app, cast);
  contractNo = (await app.models.Contract.findById(contractId).lean())!.contractNo;
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await fake?.stop();
});

let buyer: Page;

test('the buyer opens the payment page from the contract: the plan, what is due now, nothing paid', async () => {
  buyer = await signIn(cast.buyer);
  await clickNav(buyer, 'contracts');
  await buyer.getByTestId('contract-table').getByText(contractNo).waitFor();
  await buyer.goto(`${app.url}/contracts/${contractId}`);
  await buyer.getByTestId('contract-payments').click();
  await buyer.waitForURL(`${app.url}/contracts/${contractId}/payments`);
  await buyer.getByTestId('payables').waitFor();
  expect(await text(buyer.getByTestId('contract-payment-status'))).toBe('未付款');
  expect(await text(buyer.getByTestId('payable-status-1'))).toBe('已逾期');
  expect(await text(buyer.getByTestId('payable-status-2'))).toBe('待付款');
  // The split comes from the stored terms: 1% fee, the commission spread 30:50, the rest to the seller.
  expect(await text(buyer.getByTestId('split-1'))).toBe('平台服务费 ¥3,000.00经纪佣金 ¥9,000.00卖方实得 ¥288,000.00');
  expect(await text(buyer.getByTestId('total-dueNow'))).toContain('¥300,000.00');
  await buyer.getByTestId('pay-stripe-1').waitFor(); // Stripe is on: both ways are offered
  await screenshot(buyer, 'payments-plan');

  const stored = await payables();
  expect(stored.map((p) => [p.seq, p.amountFen, p.feeFen, p.commissionFen, p.inFen, p.openPaymentId])).toEqual([
    [1, 30_000_000, 300_000, 900_000, 0, null],
    [2, 50_000_000, 500_000, 1_500_000, 0, null],
  ]);
  first = stored[0];
  expect(await payableStatuses()).toEqual(['overdue', 'due']);
  expect(await contractPaymentStatus()).toBe('unpaid');
});

test('the buyer pays the first instalment by bank transfer with the receipt: it waits for finance', async () => {
  await buyer.getByTestId('pay-bank-1').click();
  await buyer.getByTestId('platform-account').waitFor();
  expect(await text(buyer.getByTestId('bank-due'))).toBe('¥300,000.00');
  await buyer
    .getByTestId('receipt-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: '转账回单.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
  await buyer.getByTestId('receipt-upload').locator('.ant-upload-list-item-done').waitFor();
  await buyer.getByTestId('bank-reference').fill('ICBC20261130001');
  await screenshot(buyer, 'payments-bank-transfer');
  await buyer.getByTestId('bank-submit').click();
  await eventually(
    'the buyer sees the first payable waiting for finance',
    () => text(buyer.getByTestId('payable-status-1')),
    (s) => expect(s).toBe('待财务确认'),
  );
  await buyer.getByTestId('payment-history').getByText('ICBC20261130001').waitFor();
  await screenshot(buyer, 'payments-pending');

  const [payment] = await paymentsOf(first._id);
  expect(payment).toMatchObject({
    method: 'bank_transfer',
    status: 'pending_confirmation',
    amountFen: 30_000_000,
    bank: { bankReference: 'ICBC20261130001', declaredFen: 30_000_000, receivedFen: null },
  });
  expect(payment.idemKey).toMatch(/^[a-f0-9]{24}:w[a-f0-9]{32}$/);
  const receipt = await app.models.Attachment.findById(payment.bank!.receiptAttachmentId).lean();
  expect(String(receipt!.ownerOrgId)).toBe(String(cast.buyerOrg._id));
  const stored = (await payables())[0];
  expect([String(stored.openPaymentId), stored.inFen]).toEqual([String(payment._id), 0]);
  expect(await payableStatuses()).toEqual(['pending_confirmation', 'due']);
  expect(await journals()).toEqual([]);
  expect(await contractPaymentStatus()).toBe('unpaid');
});

test('finance staff find it in the queue; a wrong amount is refused with the API message, the right one confirms', async () => {
  const finance = await signIn(cast.finance);
  await clickNav(finance, 'finance');
  await finance.getByTestId('finance-queue').waitFor();
  const [payment] = await paymentsOf(first._id);
  await finance.getByTestId(`queue-${contractNo}-1`).waitFor();
  await screenshot(finance, 'payments-finance-queue');
  await finance.getByTestId(`decide-${payment._id}`).click();
  await finance.getByTestId('decide').waitFor();
  expect(await text(finance.getByTestId('decide-due'))).toBe('¥300,000.00');

  const received = finance.locator('input[data-testid="received"], [data-testid="received"] input').first();
  await received.fill('299999.99');
  await finance.getByTestId('confirm').click();
  await finance.getByTestId('decide-error').getByText('到账金额与应付金额不一致').waitFor();
  await finance.getByTestId('decide-error').getByText('The amount received does not match the amount due').waitFor();
  await screenshot(finance, 'payments-finance-mismatch');
  expect((await app.models.Payment.findById(payment._id).lean<PaymentRecord>())!.status).toBe('pending_confirmation');
  expect(await journals()).toEqual([]);

  await received.fill('300000');
  await finance.getByTestId('confirm').click();
  await finance.getByTestId('decide').waitFor({ state: 'detached' });
  await finance.getByTestId(`queue-${contractNo}-1`).waitFor({ state: 'detached' });

  const settled = (await app.models.Payment.findById(payment._id).lean<PaymentRecord>())!;
  expect(settled).toMatchObject({
    status: 'succeeded',
    bank: { receivedFen: 30_000_000, decidedBy: String(cast.finance.user._id) },
  });
  const [p1, p2] = await payables();
  expect([p1.inFen, p1.refundedFen, p2.inFen]).toEqual([30_000_000, 0, 0]);
  expect(await payableStatuses()).toEqual(['paid', 'due']);
  const js = await journals();
  expect(js.map((j) => j.kind)).toEqual(['payment']);
  assertBalanced(js);
  const byRole = Object.fromEntries(js[0].lines.map((l) => [l.role, l.debitFen || l.creditFen]));
  expect(byRole).toEqual({
    payment_in: 30_000_000,
    platform_fee: 300_000,
    broker_commission: 900_000,
    seller_share: 28_800_000,
  });
  expect(await contractPaymentStatus()).toBe('partially_paid');

  // The trial balance over the whole ledger says 平衡.
  await finance.getByTestId('tab-ledger').click();
  await finance.getByTestId('trial-balance').waitFor();
  expect(await finance.getByTestId('trial-balanced').getAttribute('data-balanced')).toBe('true');
  expect(await text(finance.getByTestId('trial-balanced'))).toBe('平衡');
  expect(await text(finance.getByTestId('trial-debit'))).toBe(await text(finance.getByTestId('trial-credit')));
  await screenshot(finance, 'payments-trial-balance');
  const csv = await finance.request.get(`${app.url}/api/payments/ledger/export?format=csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(contractNo);
});

test('the buyer sees the instalment paid and the contract partially paid; the broker sees the commission', async () => {
  await buyer.reload();
  await buyer.getByTestId('payables').waitFor();
  await eventually(
    'the buyer sees the first payable paid',
    () => text(buyer.getByTestId('payable-status-1')),
    (s) => expect(s).toBe('已付清'),
  );
  expect(await text(buyer.getByTestId('contract-payment-status'))).toBe('部分付款');
  expect(await buyer.getByTestId('payment-progress').getAttribute('data-percent')).toBe('37.5');
  expect(await text(buyer.getByTestId('payment-progress'))).toContain('37.5%');
  expect(await text(buyer.getByTestId('payment-history').getByTestId('payment-status'))).toBe('已到账');
  await screenshot(buyer, 'payments-partially-paid');

  const broker = await signIn(cast.broker);
  await clickNav(broker, 'commissions');
  await broker.getByTestId('broker-statement').waitFor();
  await eventually(
    "the broker's statement shows the commission earned",
    () => text(broker.getByTestId('broker-earned').locator('.ant-statistic-content')),
    (s) => expect(s).toBe('¥9,000.00'),
  );
  // ECharts grows the bars in over about a second: the screenshot waits for its `finished` event.
  await broker.locator('[data-testid="broker-chart"][data-finished="true"]').locator('canvas').first().waitFor();
  await broker.getByTestId('broker-contracts').getByText(contractNo).waitFor();
  await broker.getByTestId('connect-broker').getByText('尚未开户').waitFor(); // Stripe is on: where commissions are paid out
  await screenshot(broker, 'payments-broker-statement');

  await clickNav(buyer, 'payments-statement');
  await buyer.getByTestId('org-statement').waitFor();
  await buyer.getByTestId('statement-payables').getByText(contractNo).first().waitFor();
  const xlsx = await buyer.request.get(
    `${app.url}${await buyer.getByTestId('statement-export-xlsx').getAttribute('href')}`,
  );
  expect([xlsx.status(), xlsx.headers()['content-type']]).toEqual([
    200,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ]);
});

test('the buyer starts paying online: the intent is made, Stripe.js cannot load here and says so, a second start is the same payment', async () => {
  await buyer.goto(`${app.url}/contracts/${contractId}/payments`);
  await buyer.getByTestId('pay-stripe-2').click();
  await buyer.getByTestId('stripe-start').click();
  await eventually(
    'the payment dialog shows that Stripe.js cannot load',
    () => buyer.getByTestId('stripe-form').getAttribute('data-state'),
    (s) => expect(s).toBe('failed'),
    20_000,
  );
  await buyer.getByTestId('stripe-load-failed').waitFor();
  await screenshot(buyer, 'payments-stripe-unavailable');
  const second = (await payables())[1];
  const [payment] = await paymentsOf(second._id);
  expect(payment).toMatchObject({ method: 'stripe', status: 'requires_payment', amountFen: 50_000_000 });
  expect(fake.intents.get(payment.stripe!.paymentIntentId)).toMatchObject({ amount: 50_000_000, currency: 'cny' });

  // Closing and starting again is the same attempt: same key, same payment, same intent.
  await buyer.keyboard.press('Escape');
  await buyer.getByTestId('stripe-form').waitFor({ state: 'detached' });
  await buyer.getByTestId('pay-stripe-2').click();
  await buyer.getByTestId('stripe-start').click();
  await buyer.getByTestId('stripe-load-failed').waitFor();
  const again = await paymentsOf(second._id);
  expect(again.map((p) => [String(p._id), p.idemKey, p.stripe?.paymentIntentId])).toEqual([
    [String(payment._id), payment.idemKey, payment.stripe!.paymentIntentId],
  ]);
  expect(fake.intents.size).toBe(1);
  // Nothing was charged: no journal for the second instalment, the contract is still partially paid.
  expect((await journals()).map((j) => String(j.payableId))).toEqual([String(first._id)]);
  expect(await contractPaymentStatus()).toBe('partially_paid');
  expect(await payableStatuses()).toEqual(['paid', 'due']); // an intent waiting for the payer holds nothing

  // The same page in English: the language switch relabels statuses and amounts stay as they are.
  await buyer.keyboard.press('Escape');
  await buyer.getByTestId('stripe-form').waitFor({ state: 'detached' });
  await buyer.getByTestId('lang-switch').locator('[data-lang="en"]').click();
  await eventually(
    'the contract page shows the payments in English',
    () => text(buyer.getByTestId('contract-payment-status')),
    (s) => expect(s).toBe('Partially paid'),
  );
  expect(await text(buyer.getByTestId('payable-status-1'))).toBe('Paid');
  expect(await text(buyer.getByTestId('split-2'))).toBe(
    'Platform fee ¥5,000.00Broker commission ¥15,000.00Seller receives ¥480,000.00',
  );
  await screenshot(buyer, 'payments-plan-en');
  // Stripe.js refused by the CSP (or the network) is the expected state here, not a page error.
  expect(errors.filter((e) => !e.includes('js.stripe.com'))).toEqual([]);
});
