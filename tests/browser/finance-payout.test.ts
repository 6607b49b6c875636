/**
 * Issue 13, item 4 (part): finance records the bank payout of bank-collected money from 结算付款 — reference,
 * day, amount and the bank's slip (银行回单) it uploads — which settles it in the ledger; the trial balance names the seller's account by the
 * organisation. MongoDB is checked after the step. Then the beneficiaries: the seller's centre has the payout
 * notice, its statement shows the ledger's figures to the 分 and the payout receipt downloads; the broker's
 * workspace and commission statement show the same ledger figure. Screenshots at 1440×900 and 390×844.
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
import { files } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: PaymentCast;
let payoutId = '';
let firstId = '';
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
  firstId = first.id;
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
  await finance
    .getByTestId('payout-slip-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: '银行回单.pdf', mimeType: 'application/pdf', buffer: files.pdf() });
  await finance.getByTestId('payout-slip-upload').locator('.ant-upload-list-item-done').waitFor();
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
  const bank = (after as unknown as { bank: { reference: string; slipAttachmentId: string } }).bank;
  expect(bank.reference).toBe('ICBC202612030017');
  // The slip is stored with the payout and opens from the payouts table.
  const slip = finance.getByTestId(`payout-slip-${payoutId}`);
  expect(await slip.getAttribute('href')).toBe(`/api/attachments/${bank.slipAttachmentId}`);
  const opened = await finance.request.get(`${app.url}/api/attachments/${bank.slipAttachmentId}`);
  expect([opened.status(), opened.headers()['content-type']]).toEqual([200, 'application/pdf']);
  expect(await app.models.Journal.countDocuments({ _id: payoutId })).toBe(1);

  await finance.getByTestId('tab-ledger').click();
  await finance.getByTestId('trial-balance').waitFor();
  await finance.getByTestId('account-name').filter({ hasText: cast.sellerOrg.name }).first().waitFor();
  await finance.setViewportSize({ width: 390, height: 844 });
  await screenshot(finance, 'finance-ledger-390');
  expect(errors).toEqual([]);
});

test("the seller hears of it and downloads the receipt; statement, workspace and commission statement show the ledger's figures", async () => {
  const broker = `payout:${firstId}:broker`;
  const recorded = await app.http('POST', `/api/payments/payouts/${encodeURIComponent(broker)}/confirm`, {
    token: cast.finance.token,
    body: { bankReference: 'ICBC202612030018' },
  });
  expect(recorded.status).toBe(200);
  await app.settled();
  const booked = async (id: string) => (await app.models.Journal.findById(id).lean())!.lines[0].debitFen;

  const seller = await signedInPage(browser, app.url, cast.seller.email, TEST_PASSWORD, errors);
  await seller.goto(`${app.url}/notifications`);
  const notice = seller.getByTestId('notification').filter({ hasText: '平台已付款' });
  await notice.waitFor();
  await expect(notice.getByTestId('notification-tag').textContent()).resolves.toBe('付款');
  await seller.goto(`${app.url}/payments/statement`);
  const figures = seller.getByTestId('statement-figures');
  await figures.waitFor();
  const fen = async (page: Page, testId: string) =>
    Number(await page.getByTestId(testId).first().getAttribute('data-fen'));
  expect(await fen(seller, 'figure-paidOutFen')).toBe(await booked(payoutId));
  expect(await fen(seller, 'figure-earnedFen')).toBe(await booked(payoutId));
  expect(await fen(seller, 'figure-owedFen')).toBe(0);
  const receipt = seller.getByTestId('line-payout-receipt').first();
  const href = (await receipt.getAttribute('href'))!;
  expect(href).toBe(`/api/payments/payouts/${encodeURIComponent(payoutId)}/receipt.pdf`);
  const pdf = await seller.request.get(`${app.url}${href}`);
  expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
  await seller.setViewportSize({ width: 1440, height: 900 });
  await screenshot(seller, 'statement-figures-1440');
  await seller.setViewportSize({ width: 390, height: 844 });
  await screenshot(seller, 'statement-figures-390');

  // The broker: 佣金收入 in the workspace is the commission statement's figure, both the ledger's.
  const commission = await booked(broker);
  const b = await signedInPage(browser, app.url, cast.broker.email, TEST_PASSWORD, errors);
  await b.goto(`${app.url}/broker`);
  await eventually(
    'the workspace shows the ledger commission',
    () => fen(b, 'commission-total'),
    (n) => expect(n).toBe(commission),
  );
  await b.setViewportSize({ width: 1440, height: 900 });
  await screenshot(b, 'broker-workspace-ledger-1440');
  await b.goto(`${app.url}/payments/commissions`);
  await eventually(
    'the commission statement shows the same figure',
    () => fen(b, 'broker-earned'),
    (n) => expect(n).toBe(commission),
  );
  expect(await fen(b, 'broker-paid-out')).toBe(commission);
  await b.setViewportSize({ width: 390, height: 844 });
  await screenshot(b, 'broker-statement-ledger-390');
  expect(errors).toEqual([]);
});
