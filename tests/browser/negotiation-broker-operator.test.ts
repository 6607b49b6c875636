/**
 * Operators and brokers in real browsers (separate contexts and sessions) against the real API and the built
 * web app. An operator lists the rooms of their sub-market, filters them, finds a room without a broker and
 * assigns one, whom the broker then finds in the workspace. Each step checks MongoDB. A party's invitation
 * is in negotiation-broker-workspace.test.ts. Screenshots: tests/artifacts/negotiation-broker-*.png. Needs
 * the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import type { Browser, BrowserContext } from 'playwright-core';
import { offerTerms } from '../../api/src/test-support/negotiation-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { clickNav, eventually, launchBrowser, screenshot, text } from '../support/browser';
import { choose, FIRST_MESSAGE, openAchievementRoom, openSignedIn } from '../support/negotiation-broker';

jest.setTimeout(150_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let broker: Awaited<ReturnType<TestApp['createUser']>>;
let benxiOperator: Awaited<ReturnType<TestApp['createUser']>>;
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
