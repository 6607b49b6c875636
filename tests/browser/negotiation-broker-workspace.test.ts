/**
 * Brokers in real browsers (separate contexts and sessions) against the real API and the built web app. A
 * party invites a broker from the room; the broker sees the invitation arrive in the workspace, accepts with
 * a commission, enters the room, follows the conversation live and, once the parties accept an offer, sees
 * the commission under "commissions earned". Each step checks MongoDB. The operators' list of rooms is in
 * negotiation-broker-operator.test.ts. Screenshots: tests/artifacts/negotiation-broker-*.png. Needs the built
 * web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { clickNav, eventually, launchBrowser, screenshot, text } from '../support/browser';
import { choose, FIRST_MESSAGE, messages, openAchievementRoom, openSignedIn } from '../support/negotiation-broker';

jest.setTimeout(150_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
const contexts: BrowserContext[] = [];

const openAs = (token: string, at: string) => openSignedIn(browser, app.url, contexts, token, at);
const openRoom = (message?: string) => openAchievementRoom(app, cast, message);
const room = (id: string) => app.models.Negotiation.findById(id).lean();

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  cast = await app.cast();
  const agency = await app.createOrg({
    type: 'broker_agency',
    name: '辽宁省技术转移服务中心（测试）',
    regionCode: '210100',
  });
  broker = await app.createUser({ roles: ['broker'], brokerCertNo: 'LN-TB-2026-0088', org: agency, orgRole: 'member' });
  browser = await launchBrowser();
});

// Each test closes the pages it opened: a room page left open keeps a socket and its own requests going
// while the next test runs against the same app.
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

test('when a party invites a broker, then the broker accepts in the workspace, follows the room live and earns the commission of the accepted offer', async () => {
  const brokerName = broker.user.name;
  const brokeredRoom = await openRoom(FIRST_MESSAGE);
  // The broker has the workspace open before anything happens: the invitation must arrive live.
  const workspace = await openAs(broker.token, '/');
  await clickNav(workspace.page, 'broker');
  await workspace.page.getByTestId('broker-workspace').waitFor();
  expect(await workspace.page.getByTestId('broker-invitation').count()).toBe(0);

  // The buyer invites the broker from the room.
  const buyer = await openAs(cast.other.token, `/negotiations/${brokeredRoom}`);
  await buyer.page.getByTestId('negotiation-room').waitFor();
  await choose(buyer.page, buyer.page.getByTestId('broker-invite'), brokerName);
  await buyer.page.getByTestId('broker-invite-submit').click();
  await eventually(
    "the buyer's invitation (the page's POST /brokers) is stored",
    () => room(brokeredRoom),
    (n) =>
      expect(n!.brokers).toEqual([
        expect.objectContaining({ status: 'invited', invitedBy: String(cast.other.user._id) }),
      ]),
  );
  expect(String((await room(brokeredRoom))!.brokerSlot)).toBe(String(broker.user._id));

  // The invitation appears in the broker's workspace without a reload.
  const invitation = workspace.page.locator(`[data-testid="broker-invitation"][data-id="${brokeredRoom}"]`);
  await invitation.waitFor();
  await screenshot(workspace.page, 'negotiation-broker-invitation');

  // The broker accepts at 3% (the default): stored with the commission, the room moves to "active".
  await invitation.getByTestId('broker-accept').click();
  const active = workspace.page.locator(`[data-testid="broker-room"][data-id="${brokeredRoom}"]`);
  await active.waitFor();
  expect(await workspace.page.getByTestId('broker-invitation').count()).toBe(0);
  const accepted = (await room(brokeredRoom))!;
  expect(accepted.brokers[0]).toMatchObject({ status: 'accepted', commission: { kind: 'percent', bp: 300 } });
  expect(String(accepted.acceptedBrokerId)).toBe(String(broker.user._id));

  // The broker enters the room: the conversation so far, and the broker among the participants.
  await active.getByRole('link').click();
  const brokerRoom = workspace.page;
  await brokerRoom.getByTestId('negotiation-room').waitFor();
  await eventually(
    'the broker’s room page shows the first message',
    () => messages(brokerRoom),
    (m) => expect(m).toEqual([FIRST_MESSAGE]),
  );
  await eventually(
    "the buyer's participant list shows the broker",
    () => buyer.page.locator(`[data-testid="participant"][data-user-id="${broker.user._id}"]`).count(),
    (n) => expect(n).toBe(1),
  );

  // The seller writes; the broker sees it live. The broker answers; both parties see it live.
  const seller = await openAs(cast.owner.token, `/negotiations/${brokeredRoom}`);
  await seller.page.getByTestId('negotiation-room').waitFor();
  await seller.page.getByTestId('message-input').fill('欢迎经纪人参与。许可费我们报 150 万元。');
  await seller.page.getByTestId('message-send').click();
  await eventually(
    "the broker sees the seller's message live",
    () => messages(brokerRoom),
    (m) => expect(m).toContain('欢迎经纪人参与。许可费我们报 150 万元。'),
  );
  await brokerRoom.getByTestId('message-input').fill('建议按排他许可、分两期支付，双方风险都小一些。');
  await brokerRoom.getByTestId('message-send').click();
  for (const side of [buyer, seller]) {
    await eventually(
      "each party sees the broker's message live",
      () => messages(side.page),
      (m) => expect(m).toContain('建议按排他许可、分两期支付，双方风险都小一些。'),
    );
  }
  const said = await app.models.NegotiationEvent.find({ negotiationId: brokeredRoom, type: 'message' })
    .sort({ seq: 1 })
    .lean();
  expect(said.map((e) => e.actorSide)).toEqual(['buyer', 'seller', 'broker']);
  await screenshot(brokerRoom, 'negotiation-broker-room');

  // The seller offers 150 万元 and the buyer accepts: the deal carries the broker's 3% = 4.5 万元.
  await seller.page.getByTestId('offer-make').click();
  await seller.page.locator('#offer-amount').fill('150');
  await seller.page.getByTestId('offer-submit').click();
  const offerOnBuyer = buyer.page.getByTestId('offer-card').first();
  await offerOnBuyer.waitFor();
  await offerOnBuyer.getByTestId('offer-accept').click();
  await buyer.page.getByTestId('offer-accept-confirm').click();
  await eventually(
    'the broker’s room shows the agreed state after the buyer accepts',
    () => brokerRoom.getByTestId('negotiation-room').getAttribute('data-status'),
    (s) => expect(s).toBe('agreed'),
  );
  const deals = await app.models.Deal.find({ negotiationId: brokeredRoom }).lean();
  expect(deals).toHaveLength(1);
  expect(deals[0]).toMatchObject({
    terms: { amountFen: 150_000_000 },
    broker: { id: String(broker.user._id), commission: { kind: 'percent', bp: 300 }, commissionFen: 4_500_000 },
  });

  // Back in the workspace: the deal's commission is listed as agreed; earned (the ledger's) stays 0 until the buyer pays.
  await clickNav(brokerRoom, 'broker');
  await brokerRoom.getByTestId('broker-workspace').waitFor();
  await eventually(
    'the workspace lists the earned commission',
    () => brokerRoom.getByTestId('commission-earned').allTextContents(),
    (c) => expect(c).toEqual(['4.5 万元']),
  );
  expect(await brokerRoom.getByTestId('commission-agreed').getAttribute('data-fen')).toBe('4500000');
  expect(await brokerRoom.getByTestId('commission-total').getAttribute('data-fen')).toBe('0');
  expect(await text(brokerRoom.getByTestId('commission-booked'))).toBe('¥0.00');
  await screenshot(brokerRoom, 'negotiation-broker-commission');

  for (const side of [workspace, buyer, seller]) expect(side.errors).toEqual([]);
});
