/**
 * Issue 13 in real browsers, one context per party: the seller and the buyer of a deal, each watching their
 * own bell and notification centre while the other acts, and the broker the buyer invites, who accepts in its
 * own workspace and is paid its commission at the end. Accepting the offer drafted the contract; the
 * buyer's bell counts up live (socket push) when the seller signs, the notice leads to the contract, the
 * buyer signs behind the confirmation, and the seller's centre has "signed by both". MongoDB is checked at
 * every step; a switched-off category is stored. Then the money and the registration, each actor in its own
 * context: the buyer declares its transfer, finance confirms it and records the seller's payout in the finance
 * desk, the official registers the contract from the queue — and every step's notices reach exactly the parties
 * (MongoDB, by user), which the buyer's and the seller's centres then show. Screenshots at 1440×900 and 390×844.
 *
 * Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bankBody, idem, receipt } from '../../api/src/modules/payments/testing/payment-fixtures';
import { agreeInRoom } from '../../api/src/test-support/contract-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { openRoom } from '../../api/src/test-support/negotiation-fixtures';
import { clickNav, collectPageErrors, eventually, launchBrowser, screenshot, signedInPage } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const errors: string[] = [];
let contractId = '';
let roomId = '';
let broker: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await app.cast();
  browser = await launchBrowser();
  broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-JJR-2026-0108' });
  roomId = await openRoom(app, cast.owner, cast.other, cast.hubOperator);
  await app.settled();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const unread = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));
const notices = (userId: unknown) => app.models.Notification.find({ userId }).lean();

test('the buyer invites a broker, who accepts in its own workspace; the deal agreed carries its commission', async () => {
  const brokerId = String(broker.user._id);
  const seller = [cast.owner, cast.member].map((w) => String(w.user._id));
  const buyerId = String(cast.other.user._id);
  expect(
    await noticesOf(async () => {
      const invited = await app.http('POST', `/api/negotiations/${roomId}/brokers`, {
        token: cast.other.token,
        body: { brokerId },
      });
      expect(invited.status).toBe(201);
    }),
  ).toEqual({ [brokerId]: ['broker_invited'] });
  const page = await signedInPage(browser, app.url, broker.email, TEST_PASSWORD, errors);
  await page.goto(`${app.url}/notifications`);
  await page.getByTestId('notification').filter({ hasText: '您被邀请参与洽谈' }).waitFor();
  await clickNav(page, 'broker');
  const invitation = page.locator(`[data-testid="broker-invitation"][data-id="${roomId}"]`);
  expect(
    await noticesOf(async () => {
      await invitation.getByTestId('broker-accept').click();
      await page.locator(`[data-testid="broker-room"][data-id="${roomId}"]`).waitFor();
    }),
  ).toEqual({ [seller[0]]: ['broker_accepted'], [seller[1]]: ['broker_accepted'], [buyerId]: ['broker_accepted'] });
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, 'trail-broker-workspace-1440');
  const dealId = await agreeInRoom(app, roomId, cast.owner, cast.other);
  const deal = (await app.models.Deal.findById(dealId).lean())!;
  expect(deal.broker).toMatchObject({ id: brokerId, commission: { kind: 'percent', bp: 300 } });
  contractId = String(deal.contractId);
  expect((await app.models.Contract.findById(contractId).lean())!.terms.broker).toMatchObject({
    commissionFen: deal.broker!.commissionFen,
  });
  await app.settled();
});

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

/** Runs a step and answers the notices it stored: user id → types (sorted). */
async function noticesOf(step: () => Promise<unknown>): Promise<Record<string, string[]>> {
  const before = new Set((await app.models.Notification.find({}, { _id: 1 }).lean()).map((n) => String(n._id)));
  await step();
  await app.settled();
  const out: Record<string, string[]> = {};
  for (const n of (await app.models.Notification.find({}).lean()).filter((x) => !before.has(String(x._id))))
    (out[String(n.userId)] ??= []).push(String(n.type));
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

test('the money trail: finance confirms and pays out, the official registers; each party hears its part, in its centre', async () => {
  const seller = [cast.owner, cast.member].map((w) => String(w.user._id));
  const buyerId = String(cast.other.user._id);
  const financeUser = await app.createUser({ roles: ['finance'] });
  const contractNo = (await app.models.Contract.findById(contractId).lean())!.contractNo;
  // The seller files; both organisations hear of it except the one who filed.
  expect(
    await noticesOf(async () => {
      const filed = await app.http('POST', `/api/contracts/${contractId}/registration`, {
        token: cast.owner.token,
        body: {},
      });
      expect(filed.status).toBe(201);
    }),
  ).toEqual({ [seller[1]]: ['contract_filed'], [buyerId]: ['contract_filed'] });

  // The buyer declares its bank transfer for the first instalment (the plan is made on the first read).
  const view = (await app.http('GET', `/api/payments/contracts/${contractId}`, { token: cast.other.token })).body;
  const first = view.payables[0] as { id: string; amountFen: number };
  const declared = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
    token: cast.other.token,
    headers: { 'Idempotency-Key': idem() },
    body: bankBody(await receipt(app, cast.other), first.amountFen),
  });
  expect(declared.status).toBe(201);

  // Finance, in its own browser: confirms the transfer from the queue, then records the seller's bank payout.
  const finance = await signedInPage(browser, app.url, financeUser.email, TEST_PASSWORD, errors);
  await finance.setViewportSize({ width: 1440, height: 900 });
  expect(
    await noticesOf(async () => {
      await finance.goto(`${app.url}/finance`);
      await finance.getByTestId(`decide-${declared.body.payment.id}`).click();
      const received = finance.locator('input[data-testid="received"], [data-testid="received"] input').first();
      await received.fill(String(first.amountFen / 100));
      await finance.getByTestId('confirm').click();
      await finance.getByTestId('decide').waitFor({ state: 'detached' });
      const settled = (await app.models.Payment.findById(declared.body.payment.id).lean()) as unknown as {
        status: string;
      };
      expect(settled.status).toBe('succeeded');
    }),
  ).toEqual({
    [seller[0]]: ['transfer_confirmed'],
    [seller[1]]: ['transfer_confirmed'],
    [buyerId]: ['transfer_confirmed'],
  });
  const payoutId = `payout:${first.id}:seller`;
  expect(
    await noticesOf(async () => {
      await finance.getByTestId('tab-payouts').click();
      await finance.getByTestId(`payout-record-${payoutId}`).click();
      await finance.getByTestId('payout-reference').fill('ICBC-TRAIL-0001');
      await finance.getByTestId('payout-record-ok').click();
      await finance.getByTestId(`payout-receipt-${payoutId}`).waitFor();
    }),
  ).toEqual({ [seller[0]]: ['payout_sent'], [seller[1]]: ['payout_sent'] });
  expect((await app.models.Payout.findById(payoutId).lean())!.status).toBe('paid');
  // The broker's commission on that instalment is paid out too; only the broker hears of it.
  const brokerPayoutId = `payout:${first.id}:broker`;
  expect(
    await noticesOf(async () => {
      await finance.getByTestId(`payout-record-${brokerPayoutId}`).click();
      await finance.getByTestId('payout-reference').fill('ICBC-TRAIL-0002');
      await finance.getByTestId('payout-record-ok').click();
      await finance.getByTestId(`payout-receipt-${brokerPayoutId}`).waitFor();
    }),
  ).toEqual({ [String(broker.user._id)]: ['payout_sent'] });
  await screenshot(finance, 'trail-finance-payouts-1440');

  // The official, in a third browser: registers from the queue; both organisations hear the decision.
  const official = await signedInPage(browser, app.url, cast.official.email, TEST_PASSWORD, errors);
  expect(
    await noticesOf(async () => {
      await official.goto(`${app.url}/officials/registrations`);
      await official.getByTestId(`review-${contractNo}`).click();
      await official.locator('input[data-testid="assessed"], [data-testid="assessed"] input').first().fill('100');
      await official.getByTestId('approve').click();
      await official.getByTestId('decision-ok').click();
      await official.getByTestId('review').waitFor({ state: 'detached' });
    }),
  ).toEqual({
    [seller[0]]: ['registration_approved'],
    [seller[1]]: ['registration_approved'],
    [buyerId]: ['registration_approved'],
  });
  expect((await app.models.Contract.findById(contractId).lean())!.status).toBe('registered');
  // Finance and the official acted; they are told nothing.
  expect(
    await app.models.Notification.countDocuments({ userId: { $in: [financeUser.user._id, cast.official.user._id] } }),
  ).toBe(0);

  // Each party's centre shows its part: the buyer never sees the seller's payout.
  const buyer = await signedInPage(browser, app.url, cast.other.email, TEST_PASSWORD, errors);
  await buyer.goto(`${app.url}/notifications`);
  for (const text of ['款项已到账', '合同已准予登记', '合同已提交认定登记'])
    await buyer.getByTestId('notification').filter({ hasText: text }).first().waitFor();
  expect(await buyer.getByTestId('notification').filter({ hasText: '平台已付款' }).count()).toBe(0);
  const sellerPage = await signedInPage(browser, app.url, cast.member.email, TEST_PASSWORD, errors);
  await sellerPage.goto(`${app.url}/notifications`);
  for (const text of ['款项已到账', '平台已付款', '合同已准予登记'])
    await sellerPage.getByTestId('notification').filter({ hasText: text }).first().waitFor();
  await sellerPage.setViewportSize({ width: 1440, height: 900 });
  await screenshot(sellerPage, 'trail-money-notifications-1440');
  await sellerPage.setViewportSize({ width: 390, height: 844 });
  await screenshot(sellerPage, 'trail-money-notifications-390');
  // The broker, in its own browser: the payout notice, and 佣金收入 in the workspace is the ledger's figure.
  const brokerPage = await signedInPage(browser, app.url, broker.email, TEST_PASSWORD, errors);
  await brokerPage.goto(`${app.url}/notifications`);
  await brokerPage.getByTestId('notification').filter({ hasText: '平台已付款' }).first().waitFor();
  expect(await brokerPage.getByTestId('notification').filter({ hasText: '合同已准予登记' }).count()).toBe(0);
  const booked = (await app.models.Journal.findById(brokerPayoutId).lean())!.lines[0].debitFen;
  await brokerPage.goto(`${app.url}/broker`);
  await eventually(
    'the broker workspace shows the ledger commission',
    async () => Number(await brokerPage.getByTestId('commission-total').first().getAttribute('data-fen')),
    (n) => expect(n).toBe(booked),
  );
  await brokerPage.setViewportSize({ width: 390, height: 844 });
  await screenshot(brokerPage, 'trail-broker-paid-390');
  expect(errors).toEqual([]);
});
