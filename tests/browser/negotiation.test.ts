/**
 * A negotiation room in two real browsers (buyer and seller, separate contexts and sessions) against the
 * real API and the built web app: messages arrive live on the other side, the seller's offer and the
 * buyer's counter-offer appear in both offer panels, the seller accepts and both see the room agreed. Each
 * step checks the database too. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, eventually, launchBrowser, newContext, screenshot } from '../support/browser';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let negotiationId: string;
const contexts: BrowserContext[] = [];

/** A browser context signed in with the user's session cookie, on the room page. */
async function openAs(token: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  const { hostname } = new URL(app.url);
  await context.addCookies([
    { name: 'nekj_session', value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}/negotiations/${negotiationId}`);
  await page.getByTestId('negotiation-room').waitFor();
  return { page, errors };
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  cast = await app.cast();
  const achievementId = await publish(app, 'achievements', cast.owner, cast.hubOperator);
  const opened = await app.http('POST', '/api/negotiations', {
    token: cast.other.token,
    body: {
      subject: { kind: 'achievement', id: achievementId },
      message: '您好，我司希望获得该镁合金挤压技术在辽宁省内的许可。',
    },
  });
  negotiationId = opened.body.negotiation.id;
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

test('when buyer and seller talk, offer and counter in two browsers, then everything shows live and the accepted counter-offer becomes the deal', async () => {
  const buyer = await openAs(cast.other.token);
  const seller = await openAs(cast.owner.token);
  const messages = (page: Page) => page.getByTestId('message').locator('.msg__text').allTextContents();
  for (const side of [buyer, seller]) {
    await eventually(
      'each party sees the opening message',
      () => messages(side.page),
      (m) => expect(m).toEqual(['您好，我司希望获得该镁合金挤压技术在辽宁省内的许可。']),
    );
  }
  // Presence: each sees the other online.
  await eventually(
    'the buyer sees the seller online',
    () =>
      buyer.page
        .locator(`[data-testid="participant"][data-user-id="${cast.owner.user._id}"]`)
        .getAttribute('data-online'),
    (v) => expect(v).toBe('true'),
  );

  // The seller answers; the buyer sees it without reloading.
  await seller.page.getByTestId('message-input').fill('欢迎！许可费用可以商量，请先报一个价格区间。');
  await seller.page.getByTestId('message-send').click();
  await eventually(
    "the buyer sees the seller's message live",
    () => messages(buyer.page),
    (m) => expect(m).toContain('欢迎！许可费用可以商量，请先报一个价格区间。'),
  );
  await buyer.page.getByTestId('message-input').fill('好的，稍后我方提交还价。');
  await buyer.page.keyboard.press('Enter');
  await eventually(
    "the seller sees the buyer's message live",
    () => messages(seller.page),
    (m) => expect(m).toContain('好的，稍后我方提交还价。'),
  );
  expect(await app.models.NegotiationEvent.countDocuments({ negotiationId, type: 'message' })).toBe(3);
  await screenshot(seller.page, 'negotiation-conversation');

  // 保证金: the buyer of a listed achievement is asked for a deposit by rule; the seller is not.
  await eventually(
    'the deposit card shows no deposit due yet',
    () => buyer.page.getByTestId('deposit-card').getAttribute('data-state'),
    (v) => expect(v).toBe('none'),
  );
  expect(await seller.page.getByTestId('deposit-card').count()).toBe(0);
  await buyer.page.getByTestId('deposit-create').click();
  await eventually(
    'the deposit card shows the deposit due',
    () => buyer.page.getByTestId('deposit-card').getAttribute('data-state'),
    (v) => expect(v).toBe('due'),
  );
  const deposits = await app.models.Payable.find({ kind: 'deposit', 'deposit.subjectId': negotiationId }).lean();
  expect(deposits.map((d) => ({ kind: d.deposit?.subjectKind, payer: String(d.payerOrgId) }))).toEqual([
    { kind: 'negotiation', payer: String(cast.other.user.orgId) },
  ]);
  // 1% of the asking price, at least 1,000 yuan (deposit.rules.ts).
  expect(deposits[0].amountFen).toBeGreaterThanOrEqual(100_000);

  // The seller offers 150 万元.
  await seller.page.getByTestId('offer-make').click();
  await seller.page.locator('#offer-amount').fill('150');
  await seller.page.getByTestId('offer-submit').click();
  const buyerOffers = buyer.page.getByTestId('offer-card');
  await eventually(
    "the buyer sees the seller's offer live",
    () => buyerOffers.count(),
    (n) => expect(n).toBe(1),
  );
  expect(await buyerOffers.first().getByTestId('offer-amount').textContent()).toBe('150');

  // The buyer counters with 120 万元.
  await buyerOffers.first().getByTestId('offer-counter').click();
  await buyer.page.locator('#offer-amount').fill('120');
  await buyer.page.getByTestId('offer-submit').click();
  const sellerOffers = seller.page.getByTestId('offer-card');
  await eventually(
    "the seller sees the buyer's counter-offer live",
    () => sellerOffers.count(),
    (n) => expect(n).toBe(2),
  );
  await eventually(
    'the seller sees their first offer marked countered',
    () => sellerOffers.nth(0).getAttribute('data-status'),
    (s) => expect(s).toBe('countered'),
  );
  expect(await sellerOffers.nth(1).getByTestId('offer-amount').textContent()).toBe('120');
  const stored = await app.models.NegotiationOffer.find({ negotiationId }).sort({ createdAt: 1 }).lean();
  expect(stored.map((o) => [o.side, o.status, (o.terms as { amountFen: number }).amountFen])).toEqual([
    ['seller', 'countered', 150_000_000],
    ['buyer', 'open', 120_000_000],
  ]);
  expect(String(stored[1].counterTo)).toBe(String(stored[0]._id));
  await screenshot(buyer.page, 'negotiation-counter-offer');

  // The seller accepts the counter-offer; both rooms show agreed and the deal.
  await sellerOffers.nth(1).getByTestId('offer-accept').click();
  await seller.page.getByTestId('offer-accept-confirm').click();
  for (const side of [seller, buyer]) {
    await eventually(
      'each side sees the room agreed',
      () => side.page.getByTestId('negotiation-room').getAttribute('data-status'),
      (s) => expect(s).toBe('agreed'),
    );
    await side.page.getByTestId('deal').waitFor();
    expect(await side.page.getByTestId('deal').getByTestId('offer-amount').textContent()).toBe('120');
  }
  const deals = await app.models.Deal.find({ negotiationId }).lean();
  expect(deals).toHaveLength(1);
  expect(deals[0].terms).toMatchObject({ amountFen: 120_000_000 });
  expect((await app.models.Negotiation.findById(negotiationId).lean())!.status).toBe('agreed');
  await screenshot(buyer.page, 'negotiation-agreed-buyer');
  await screenshot(seller.page, 'negotiation-agreed-seller');

  // "My negotiations" lists the room for the buyer.
  await buyer.page.goto(`${app.url}/negotiations`);
  await buyer.page.locator(`[data-testid="negotiation-item"][data-id="${negotiationId}"]`).waitFor();
  await screenshot(buyer.page, 'negotiation-list');
  expect(buyer.errors).toEqual([]);
  expect(seller.errors).toEqual([]);
});
