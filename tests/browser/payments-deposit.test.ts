/**
 * Deposits in a real browser against the real API (built web app; bank transfer only, no Stripe keys). A
 * solver answering a challenge asks for its deposit, pays it by bank transfer, finance confirms it (held) and
 * releases it with a reason. MongoDB is checked after each step. Screenshots under
 * tests/artifacts/payments-*.png. Royalty reports and refunds are in payments-royalty-refund.test.ts.
 * Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PayableRecord, PaymentRecord } from '../../api/src/modules/payments/payment.model';
import { paymentCast, type PaymentCast } from '../../api/src/modules/payments/testing/payment-fixtures';
import { files, needBody, publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { clickWhenStill, eventually, launchBrowser, screenshot, signedInPage, text } from '../support/browser';
import { payableStatusOf } from '../support/payments';

jest.setTimeout(180_000);

const WEB_DIST = process.env.TEST_WEB_DIST ?? path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: PaymentCast;
const errors: string[] = [];
let finance: Page;

const signIn = (who: { email: string }): Promise<Page> =>
  signedInPage(browser, app.url, who.email, TEST_PASSWORD, errors);

/** A payable's status as the API derives it from what MongoDB holds (ledger cache + the payment in flight). */
const statusOf = (payableId: unknown) => payableStatusOf(app, payableId);

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external', PAYMENT_RECONCILE_INTERVAL_MS: 0 });
  cast = await paymentCast(app);
  browser = await launchBrowser();
  // Finance staff have their desk open on the settled payments; the test turns to the queue once the
  // transfer is declared, so the queue is loaded then.
  finance = await signIn(cast.finance);
  await finance.goto(`${app.url}/finance?tab=payments`);
  await finance.getByTestId('finance-page').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

test('a solver asks for its challenge deposit, pays it by bank transfer, finance confirms it and releases it', async () => {
  const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  // A 300万 reward: the rule asks 2% of it, capped at 10万 → 6万元.
  const needId = await publish(
    app,
    'needs',
    cast.buyer,
    reviewer,
    needBody({ challenge: { rewardFen: 300_000_000, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } }),
  );
  const solver = await signIn(cast.seller);
  await solver.goto(`${app.url}/needs/${needId}`);
  await solver.getByTestId('deposit-create').waitFor();
  expect(await app.models.Payable.countDocuments({ kind: 'deposit', 'deposit.subjectId': needId })).toBe(0);
  await solver.getByTestId('deposit-create').click();
  await eventually(
    "the solver sees the challenge's deposit amount",
    () => text(solver.getByTestId('deposit-amount')),
    (s) => expect(s).toBe('¥60,000.00'),
  );
  expect(await text(solver.getByTestId('deposit-status'))).toBe('待付款');
  await screenshot(solver, 'payments-deposit-due');
  const deposit = (await app.models.Payable.findOne({
    kind: 'deposit',
    'deposit.subjectId': needId,
  }).lean<PayableRecord>())!;
  expect(deposit).toMatchObject({
    key: `deposit:challenge:${needId}:${cast.sellerOrg._id}`,
    amountFen: 6_000_000,
    feeFen: 0,
    payerOrgId: cast.sellerOrg._id,
    deposit: { subjectKind: 'challenge', rule: 'challenge-2pct' },
  });
  expect(await statusOf(deposit._id)).toBe('due');

  // Paid with the same 对公转账 dialog as a contract's instalment.
  await solver.getByTestId('deposit-pay-bank').click();
  expect(await text(solver.getByTestId('bank-due'))).toBe('¥60,000.00');
  await solver
    .getByTestId('receipt-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: '保证金回单.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
  await solver.getByTestId('receipt-upload').locator('.ant-upload-list-item-done').waitFor();
  await solver.getByTestId('bank-reference').fill('CCB20261130DEP');
  await solver.getByTestId('bank-submit').click();
  await eventually(
    'the solver sees the deposit waiting for finance',
    () => text(solver.getByTestId('deposit-status')),
    (s) => expect(s).toBe('待财务确认'),
  );
  await screenshot(solver, 'payments-deposit-pending');
  const [payment] = await app.models.Payment.find({ payableId: deposit._id }).lean<PaymentRecord[]>();
  expect(payment).toMatchObject({
    method: 'bank_transfer',
    status: 'pending_confirmation',
    amountFen: 6_000_000,
    bank: { bankReference: 'CCB20261130DEP' },
  });
  expect(await statusOf(deposit._id)).toBe('pending_confirmation');

  // Finance confirms the transfer from the queue: the deposit is held.
  await finance.getByTestId('tab-queue').click();
  await finance.getByTestId(`decide-${payment._id}`).click();
  expect(await text(finance.getByTestId('decide-due'))).toBe('¥60,000.00');
  await finance.getByTestId('confirm').click();
  await finance.getByTestId('decide').waitFor({ state: 'detached' });
  expect((await app.models.Payment.findById(payment._id).lean<PaymentRecord>())!.status).toBe('succeeded');
  expect(await statusOf(deposit._id)).toBe('held');

  // The deposits tab: release with a reason (required).
  await finance.getByTestId('tab-deposits').click();
  await eventually(
    'the finance desk shows the deposit held',
    () => text(finance.getByTestId(`deposit-status-${deposit._id}`)),
    (s) => expect(s).toBe('保证金已冻结'),
  );
  await screenshot(finance, 'payments-finance-deposits');
  await finance.getByTestId(`release-${deposit._id}`).click();
  // The dialog zooms in: a click before it stands still can land beside the button (seen once in CI).
  await clickWhenStill(finance, finance.getByTestId('deposit-decision-submit'));
  await finance.getByText('请填写原因（2–500 个字）').waitFor();
  expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${deposit._id}` })).toBe(0);
  await finance.getByTestId('deposit-reason').fill('揭榜结束未中榜，退还保证金');
  await finance.getByTestId('deposit-decision-submit').click();
  await finance.getByTestId('deposit-reason').waitFor({ state: 'detached' });
  await eventually(
    'the finance desk shows the deposit returned',
    () => text(finance.getByTestId(`deposit-status-${deposit._id}`)),
    (s) => expect(s).toBe('保证金已退还'),
  );
  expect(await finance.getByTestId(`release-${deposit._id}`).count()).toBe(0);
  await screenshot(finance, 'payments-deposit-released');
  expect(await app.models.Journal.countDocuments({ _id: `deposit_release:${deposit._id}` })).toBe(1);
  expect(await statusOf(deposit._id)).toBe('released');
  const audit = await app.models.Audit.findOne({ entityId: String(deposit._id), action: 'deposit_release' }).lean<{
    reason: string;
  }>();
  expect(audit?.reason).toBe('揭榜结束未中榜，退还保证金');

  // The solver sees it back.
  await solver.reload();
  await eventually(
    'the solver sees the deposit returned',
    () => text(solver.getByTestId('deposit-status')),
    (s) => expect(s).toBe('保证金已退还'),
  );
  expect(errors).toEqual([]);
});
