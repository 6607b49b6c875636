/**
 * Brokers and operators in real browsers (separate contexts and sessions) against the real API and the
 * built web app. A party invites a broker from the room; the broker sees the invitation arrive in the
 * workspace, accepts with a commission, enters the room, follows the conversation live and, once the
 * parties accept an offer, sees the commission under "commissions earned". An operator lists the rooms of
 * their sub-market, filters them, finds a room without a broker and assigns one. Each step checks MongoDB.
 * Screenshots: tests/artifacts/negotiation-broker-*.png. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { publish } from '../../api/src/test-support/catalog-fixtures';
import { offerTerms } from '../../api/src/test-support/negotiation-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  clickWhenStill,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  text,
} from '../support/browser';

jest.setTimeout(150_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const FIRST_MESSAGE = '您好，我司希望获得该镁合金挤压技术在辽宁省内的许可，想请一位技术经纪人协助。';

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
let benxiOperator: Awaited<ReturnType<TestApp['createUser']>>;
const contexts: BrowserContext[] = [];

/** A browser context signed in with the user's session cookie, on the given path. */
async function openAs(token: string, at: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  const { hostname } = new URL(app.url);
  await context.addCookies([
    { name: 'nekj_session', value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}${at}`);
  return { page, errors };
}

/** Opens an antd Select inside `scope` and picks the option whose text contains `label`. */
async function choose(page: Page, scope: Locator, label: string): Promise<void> {
  await scope.locator('.ant-select').first().click();
  await clickWhenStill(
    page,
    page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label })
      .first(),
  );
}

async function openRoom(message?: string): Promise<string> {
  const achievementId = await publish(app, 'achievements', cast.owner, cast.hubOperator);
  const res = await app.http('POST', '/api/negotiations', {
    token: cast.other.token,
    body: { subject: { kind: 'achievement', id: achievementId }, ...(message ? { message } : {}) },
  });
  return res.body.negotiation.id as string;
}

const room = (id: string) => app.models.Negotiation.findById(id).lean();
const messages = (page: Page) => page.getByTestId('message').locator('.msg__text').allTextContents();

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
  benxiOperator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210500'] });
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

test('when an operator lists the rooms of their sub-market, then they filter by state, broker and staleness and assign a broker, without seeing the conversation', async () => {
  // Its own rooms, made through the API: one agreed with a broker, one waiting, one idle.
  const agreed = await openRoom(FIRST_MESSAGE);
  await app.http('POST', `/api/negotiations/${agreed}/brokers`, {
    token: cast.other.token,
    body: { brokerId: String(broker.user._id) },
  });
  await app.http('POST', `/api/negotiations/${agreed}/broker-decision`, {
    token: broker.token,
    body: { decision: 'accept', commission: { kind: 'percent', bp: 250 } },
  });
  const offer = await app.http('POST', `/api/negotiations/${agreed}/offers`, {
    token: cast.owner.token,
    body: { clientMessageId: `op-${Date.now()}`, terms: offerTerms() },
  });
  expect(
    (
      await app.http('POST', `/api/negotiations/${agreed}/offers/${offer.body.offer.id}/accept`, {
        token: cast.other.token,
      })
    ).status,
  ).toBe(200);
  const waiting = await openRoom('您好，请问贵方能否提供中试数据？');
  const idle = await openRoom();
  // Nothing has happened in `idle` for 20 days. Aged once the app has settled: the log's write-behind has
  // then written every room's lastEventAt, and nothing is left to move it forward again.
  await app.settled();
  await app.models.Negotiation.collection.updateOne(
    { _id: new Types.ObjectId(idle) },
    { $set: { lastEventAt: new Date(Date.now() - 20 * 86_400_000) } },
  );

  const operator = await openAs(benxiOperator.token, '/');
  const { page } = operator;
  await clickNav(page, 'negotiation-admin');
  await page.getByTestId('operator-negotiations').waitFor();
  const rows = page.locator('[data-testid="operator-negotiation-table"] tbody tr[data-row-key]');
  const rowIds = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
  /** The table shows the previous page while it fetches: wait for the spinner to go before a screenshot. */
  const settled = () =>
    page.locator('[data-testid="operator-negotiation-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
  await eventually('the operator list shows the three new rooms', rowIds, (ids) =>
    expect(ids).toEqual(expect.arrayContaining([agreed, waiting, idle])),
  );
  // The agreed room: state, parties and its broker; never a message.
  const agreedRow = rows.and(page.locator(`[data-row-key="${agreed}"]`));
  expect(await text(agreedRow.getByTestId('room-state'))).toBe('已达成');
  expect(await text(agreedRow.getByTestId('room-broker'))).toContain(broker.user.name);
  expect(await text(agreedRow)).toContain(cast.ownerOrg.name);
  expect(await page.content()).not.toContain(FIRST_MESSAGE.slice(0, 12));

  // Open rooms without a broker: the two new ones. Stale for 14 days: only the idle one.
  // antd puts the test id on the <input> of an InputNumber with addons, on the wrapper otherwise.
  const staleInput = page.locator('input[data-testid="filter-stale"], [data-testid="filter-stale"] input').first();
  await choose(
    page,
    page.getByTestId('operator-negotiations').locator('[data-testid="filter-status"]').locator('..'),
    '洽谈中',
  );
  // Each filter is in the address before the next step: the rows alone cannot tell (the same two rooms are
  // open and without a broker), and a step taken before the page has the filter races it.
  await page.waitForURL((u) => u.searchParams.get('status') === 'open');
  await choose(
    page,
    page.getByTestId('operator-negotiations').locator('[data-testid="filter-broker"]').locator('..'),
    '无经纪人',
  );
  await page.waitForURL((u) => u.searchParams.get('status') === 'open' && u.searchParams.get('broker') === 'none');
  await eventually('the list filtered to open rooms without a broker shows the waiting and idle rooms', rowIds, (ids) =>
    expect([...ids].sort()).toEqual([waiting, idle].sort()),
  );
  await staleInput.fill('14');
  await eventually('the list filtered to 14 days without activity shows only the idle room', rowIds, (ids) =>
    expect(ids).toEqual([idle]),
  );
  expect(new URL(page.url()).searchParams.get('staleDays')).toBe('14');
  await staleInput.fill('');
  await eventually('the list without the staleness filter shows the waiting and idle rooms again', rowIds, (ids) =>
    expect([...ids].sort()).toEqual([waiting, idle].sort()),
  );
  await settled();
  await screenshot(page, 'negotiation-broker-operator-list');

  // Assign the broker to the waiting room: stored as assigned by this operator; the row leaves "no broker".
  const waitingRow = rows.and(page.locator(`[data-row-key="${waiting}"]`));
  await choose(page, waitingRow.getByTestId('assign-broker'), broker.user.name);
  await waitingRow.getByTestId('assign-broker-submit').click();
  await eventually(
    "the operator's assignment (the page's POST /brokers) is stored",
    () => room(waiting),
    (n) =>
      expect(n!.brokers).toEqual([
        expect.objectContaining({
          status: 'assigned',
          invitedBy: String(benxiOperator.user._id),
          userId: broker.user._id,
        }),
      ]),
  );
  await eventually('the list of open rooms without a broker drops the room just assigned', rowIds, (ids) =>
    expect(ids).toEqual([idle]),
  );
  await choose(
    page,
    page.getByTestId('operator-negotiations').locator('[data-testid="filter-broker"]').locator('..'),
    '待经纪人答复',
  );
  await page.waitForURL((u) => u.searchParams.get('broker') === 'pending');
  await eventually('the list filtered to rooms waiting for the broker shows the assigned room', rowIds, (ids) =>
    expect(ids).toEqual([waiting]),
  );
  expect(await text(rows.first().getByTestId('room-broker'))).toContain('已指派');
  await settled();
  await screenshot(page, 'negotiation-broker-operator-assigned');

  // The assigned broker finds it in the workspace.
  const workspace = await openAs(broker.token, '/broker');
  await workspace.page.locator(`[data-testid="broker-invitation"][data-id="${waiting}"]`).waitFor();
  expect(operator.errors).toEqual([]);
  expect(workspace.errors).toEqual([]);
});
