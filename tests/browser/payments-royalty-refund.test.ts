/**
 * Royalty reports and refunds in a real browser against the real API (built web app; bank transfer only, no
 * Stripe keys). The buyer of a royalty-share contract (made from a negotiated deal at 3%) files a report: the
 * form refuses a bad period, shows the estimate, and the royalty lands in the schedule. Finance refunds a paid
 * payment with a required reason, while a payment already paid out to the seller shows why it cannot be
 * refunded. MongoDB is checked after each step. Screenshots under tests/artifacts/payments-*.png. Deposits are
 * in payments-deposit.test.ts.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PayableRecord, PaymentRecord } from '../../api/src/modules/payments/payment.model';
import {
  payByBank,
  paymentCast,
  plan,
  royaltyDraft,
  type PaymentCast,
} from '../../api/src/modules/payments/testing/payment-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  clickWhenStill,
  eventually,
  launchBrowser,
  screenshot,
  signedInPage,
  text,
} from '../support/browser';
import { payableStatusOf } from '../support/payments';

jest.setTimeout(180_000);

const WEB_DIST = process.env.TEST_WEB_DIST ?? path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: PaymentCast;
const errors: string[] = [];
let contractId = '';
let finance: Page;

const signIn = (who: { email: string }): Promise<Page> =>
  signedInPage(browser, app.url, who.email, TEST_PASSWORD, errors);

/** A payable's status as the API derives it from what MongoDB holds (ledger cache + the payment in flight). */
const statusOf = (payableId: unknown) => payableStatusOf(app, payableId);

/** A signed licence contract from a deal whose payment plan is a 3% royalty share (an entry fee of 20万 as its schedule). */
async function royaltyContract(): Promise<string> {
  const id = await royaltyDraft(app, cast);
  for (const who of [cast.seller, cast.buyer]) {
    const c = (await app.http('GET', `/api/contracts/${id}`, { token: who.token })).body.contract;
    const signed = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: who.token,
      body: { side: c.viewer.side, docHash: c.docHash },
    });
    if (signed.status !== 200) throw new Error(`sign failed: ${JSON.stringify(signed.body)}`);
  }
  return id;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external', PAYMENT_RECONCILE_INTERVAL_MS: 0 });
  cast = await paymentCast(app);
  browser = await launchBrowser();
  contractId = await royaltyContract();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('the buyer files a royalty report: bad input is refused on the field, the royalty joins the schedule', async () => {
  const buyer = await signIn(cast.buyer);
  await buyer.goto(`${app.url}/contracts/${contractId}/payments`);
  await buyer.getByTestId('payables').waitFor();
  await buyer.getByTestId('royalty-card').waitFor();
  expect(await text(buyer.getByTestId('royalty-rate'))).toBe('约定提成比例 3%');
  await buyer.getByTestId('royalty-reports').getByText('尚未申报收益提成').waitFor();
  expect(await text(buyer.getByTestId('payable-status-1'))).toBe('待付款'); // the entry fee, from the schedule

  // Nothing typed: both required fields say so; a period that is no period is refused by the shared schema.
  await buyer.getByTestId('royalty-submit').click();
  await buyer.getByTestId('royalty-form').getByText('请填写此项').first().waitFor();
  expect(await buyer.getByTestId('royalty-form').getByText('请填写此项').count()).toBe(2);
  await buyer.getByTestId('royalty-period').fill('2026-13');
  await buyer.getByTestId('royalty-submit').click();
  await buyer.getByTestId('royalty-form').getByText('格式应为 YYYY-MM、YYYY-Q1…Q4、YYYY-H1/H2 或 YYYY-FY').waitFor();
  expect(await app.models.Payable.countDocuments({ contractId, kind: 'royalty' })).toBe(0);

  // 500万元 net sales in 2026-Q4 at 3%: 15万元, typed in 元 and sent in 分.
  await buyer.getByTestId('royalty-period').fill('2026-Q4');
  await buyer
    .locator('input[data-testid="royalty-net-sales"], [data-testid="royalty-net-sales"] input')
    .first()
    .fill('5000000');
  await buyer.getByTestId('royalty-note').fill('第四季度销售报表');
  await eventually(
    'the buyer sees the royalty estimate for the reported sales',
    () => text(buyer.getByTestId('royalty-estimate')),
    (s) => expect(s).toBe('预计提成 ¥150,000.00（以平台计算为准）'),
  );
  await screenshot(buyer, 'payments-royalty-form');
  await buyer.getByTestId('royalty-submit').click();
  await buyer.getByTestId('royalty-2026-Q4').waitFor();
  expect(await text(buyer.getByTestId('royalty-2026-Q4'))).toContain('¥150,000.00');
  await eventually(
    'the buyer sees the second payable due',
    () => text(buyer.getByTestId('payable-status-2')),
    (s) => expect(s).toBe('待付款'),
  );
  await buyer.getByTestId('pay-bank-2').waitFor(); // paid like any other item
  await screenshot(buyer, 'payments-royalty');

  const [royalty] = await app.models.Payable.find({ contractId, kind: 'royalty' }).lean<PayableRecord[]>();
  expect(royalty).toMatchObject({
    key: `royalty:${contractId}:2026-Q4`,
    seq: 2,
    amountFen: 15_000_000,
    feeFen: 150_000,
    inFen: 0,
    payerOrgId: cast.buyerOrg._id,
  });
  expect(royalty.note).toContain('第四季度销售报表');
  expect(await statusOf(royalty._id)).toBe('due');

  // The same period again is caught before it is sent.
  await buyer.getByTestId('royalty-period').fill('2026-Q4');
  await buyer
    .locator('input[data-testid="royalty-net-sales"], [data-testid="royalty-net-sales"] input')
    .first()
    .fill('100');
  await buyer.getByTestId('royalty-submit').click();
  await buyer.getByTestId('royalty-form').getByText('该期间已申报').waitFor();
  expect(await app.models.Payable.countDocuments({ contractId, kind: 'royalty' })).toBe(1);
});

test('finance refunds a paid payment with a reason; one already paid out to the seller says why it cannot be', async () => {
  const view = await plan(app, cast.buyer, contractId);
  const [fee, royalty] = view.payables as { id: string; amountFen: number }[];
  const refundable = await payByBank(app, cast, royalty.id, royalty.amountFen);
  const paidOut = await payByBank(app, cast, fee.id, fee.amountFen);
  // Finance sent the seller its share of the entry fee by bank: that money cannot come back through us.
  const payout = await app.http(
    'POST',
    `/api/payments/payouts/${encodeURIComponent(`payout:${fee.id}:seller`)}/confirm`,
    { token: cast.finance.token, body: { bankReference: 'BOC-PAYOUT-001' } },
  );
  expect(payout.status).toBe(200);

  finance = await signIn(cast.finance);
  await clickNav(finance, 'finance');
  await finance.getByTestId('tab-payments').click();
  await finance.getByTestId(`settled-${refundable}`).waitFor();
  expect(await text(finance.getByTestId(`settled-status-${refundable}`))).toBe('已到账');
  expect(await finance.getByTestId(`refund-${paidOut}`).isDisabled()).toBe(true);
  expect(await finance.getByTestId(`refund-blocked-${paidOut}`).getAttribute('data-reason')).toBe('PAID_OUT');
  expect(await text(finance.getByTestId(`refund-blocked-${paidOut}`))).toContain('卖方已结算，不能退款');

  await finance.getByTestId(`refund-${refundable}`).click();
  expect(await text(finance.getByTestId('refund-amount'))).toBe('¥150,000.00');
  // The dialog zooms in: a click before it stands still can land beside the button (seen once in CI).
  await clickWhenStill(finance, finance.getByTestId('refund-submit'));
  await finance.getByText('请填写退款原因（2–500 个字）').waitFor();
  expect((await app.models.Payment.findById(refundable).lean<PaymentRecord>())!.status).toBe('succeeded');
  await finance.getByTestId('refund-reason').fill('合同双方协商解除第四季度提成');
  await screenshot(finance, 'payments-refund-modal');
  await finance.getByTestId('refund-submit').click();
  await finance.getByTestId('refund-reason').waitFor({ state: 'detached' });
  await eventually(
    'the finance desk shows the payment refunded',
    () => text(finance.getByTestId(`settled-status-${refundable}`)),
    (s) => expect(s).toBe('已退款'),
  );
  await finance.getByTestId(`settled-${refundable}`).getByText('合同双方协商解除第四季度提成').waitFor();
  expect(await finance.getByTestId(`refund-${refundable}`).count()).toBe(0);
  await screenshot(finance, 'payments-refunded');

  const stored = (await app.models.Payment.findById(refundable).lean<PaymentRecord>())!;
  expect(stored).toMatchObject({
    status: 'refunded',
    refund: { reason: '合同双方协商解除第四季度提成', requestedBy: String(cast.finance.user._id) },
  });
  expect(await app.models.Journal.countDocuments({ _id: `refund:${refundable}` })).toBe(1);
  expect(await statusOf(royalty.id)).toBe('refunded');
  expect((await app.models.Payment.findById(paidOut).lean<PaymentRecord>())!.status).toBe('succeeded');
  expect(await app.models.Journal.countDocuments({ _id: `refund:${paidOut}` })).toBe(0);
});
