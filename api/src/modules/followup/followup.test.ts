/**
 * Industrialisation follow-up (产业化贯通) through real HTTP: a registered contract opens a half-yearly plan,
 * the buyer reports in order with cumulative figures, the worker reminds both sides once of an overdue period
 * (time driven by `runOnce(now)` and the module's clock), catches up on contracts registered without the
 * hook, and the funnel reads the tally. Bad input gets a clear 4xx with a zh/en message and changes nothing.
 */
import { publish, achievementBody } from '../../test-support/catalog-fixtures';
import { followupReport, registeredContract } from '../../test-support/followup-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { filedContract } from '../../test-support/contract-fixtures';
import { addMonths, dueAt } from './followup.schedule';

let app: TestApp;
let c: Awaited<ReturnType<typeof makeCast>>;
const DAY = 86_400_000;
const followup = () => app.running.ctx.services.followup;
const plan = async (id: string) => (await followup().repo.find(id))!;
const expectError = (res: { status: number; body: any }, status: number, code: string) => {
  expect([res.status, res.body.error?.code]).toEqual([status, code]);
  expect(res.body.error.message.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body.error.message.en).toMatch(/[a-z]/);
};
const notices = async (userId: unknown, type: string) =>
  (await app.http('GET', '/api/notifications?pageSize=100', { token: tokens.get(String(userId))! })).body.items.filter(
    (n: { type: string }) => n.type === type,
  );
const tokens = new Map<string, string>();

async function makeCast() {
  const sellerOrg = await app.createOrg({ type: 'institute', regionCode: '211300', name: '朝阳某研究所' });
  const buyerOrg = await app.createOrg({ regionCode: '211300', name: '朝阳某制造企业' });
  const seller = { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg };
  const buyer = { ...(await app.createUser({ org: buyerOrg })), org: buyerOrg };
  for (const u of [seller, buyer]) tokens.set(String(u.user._id), u.token);
  return {
    seller,
    buyer,
    official: await app.createUser({ roles: ['official'], officialRegion: '211300' }),
    operator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-211300'] }),
  };
}

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  c = await makeCast();
});
afterEach(() => {
  followup().clock.now = () => new Date();
});
afterAll(() => app.stop());

const report = (id: string, body: unknown, token = c.buyer.token) =>
  app.http('POST', `/api/followups/contracts/${id}/reports`, { token, body });

test('when a contract is registered, then a plan of six half-yearly reports opens with period 1 under way', async () => {
  const { contractId, contract } = await registeredContract(app, c.seller, c.buyer, c.official);
  const p = await plan(contractId);
  const registeredAt = new Date(contract.registration.registeredAt);
  expect(p.registeredAt.getTime()).toBe(registeredAt.getTime());
  const res = await app.http('GET', `/api/followups/contracts/${contractId}`, { token: c.buyer.token });
  expect(res.body.plan.periods.map((x: { state: string }) => x.state)).toEqual([
    'open',
    'upcoming',
    'upcoming',
    'upcoming',
    'upcoming',
    'upcoming',
  ]);
  // Due 30 days after each half-year ends.
  expect(new Date(res.body.plan.periods[0].dueAt).getTime()).toBe(addMonths(registeredAt, 6).getTime() + 30 * DAY);
  expect(new Date(res.body.plan.periods[5].dueAt).getTime()).toBe(addMonths(registeredAt, 36).getTime() + 30 * DAY);
  expect(res.body.plan).toMatchObject({ status: 'on_track', canReport: true, side: 'buyer', reports: [] });
});

test('when the buyer reports, then the plan moves on, the seller hears of it, and a retry changes nothing', async () => {
  const { contractId } = await registeredContract(app, c.seller, c.buyer, c.official);
  const body = followupReport();
  const first = await report(contractId, body);
  expect(first.status).toBe(201);
  expect(first.body.plan).toMatchObject({ nextPeriod: 2, stage: 'pilot', latest: { jobs: 3 } });
  await app.settled();
  const told = await notices(c.seller.user._id, 'followup_reported');
  expect(told.map((n: { link: string }) => n.link)).toContain(`/contracts/${contractId}`);
  // The same report again (a retry) answers the plan; a different one for the same period is refused.
  expect((await report(contractId, body)).status).toBe(201);
  expectError(await report(contractId, { ...body, jobs: 9 }), 409, 'FOLLOWUP_ALREADY_REPORTED');
  expect((await plan(contractId)).reports).toHaveLength(1);
  // Period 2 opens six months after registration.
  expectError(await report(contractId, followupReport({ period: 2 })), 409, 'FOLLOWUP_PERIOD_NOT_OPEN');
  const registeredAt = (await plan(contractId)).registeredAt;
  followup().clock.now = () => new Date(addMonths(registeredAt, 6).getTime() + DAY);
  expectError(
    await report(contractId, followupReport({ period: 2, stage: 'first_product', jobs: 1 })),
    422,
    'FOLLOWUP_NOT_CUMULATIVE',
  );
  const second = await report(
    contractId,
    followupReport({ period: 2, stage: 'industrialised', salesFen: 300_000_000, jobs: 12 }),
  );
  expect(second.status).toBe(201);
  expect(second.body.plan).toMatchObject({ nextPeriod: 3, status: 'industrialised' });
  expect((await plan(contractId)).industrialisedAt).not.toBeNull();
});

describe('bad input', () => {
  let contractId: string;
  beforeAll(async () => {
    ({ contractId } = await registeredContract(app, c.seller, c.buyer, c.official));
  });
  const cases: Array<[string, Record<string, unknown>]> = [
    ['negative sales', { salesFen: -1 }],
    ['negative investment', { investmentFen: -100 }],
    ['negative jobs', { jobs: -2 }],
    ['fractional 分', { salesFen: 10.5 }],
    ['an operator object', { salesFen: { $gt: 0 } }],
    ['period 0', { period: 0 }],
    ['period 7', { period: 7 }],
    ['an unknown stage', { stage: 'mass_production' }],
    ['an unknown property', { verified: true }],
    ['an oversized note', { note: '字'.repeat(1_001) }],
    ['sales above 100亿元', { salesFen: 1_000_000_000_001 }],
  ];
  test.each(cases)('when a report has %s, then 400 VALIDATION_FAILED and nothing is stored', async (_l, over) => {
    expectError(await report(contractId, { ...followupReport(), ...over }), 400, 'VALIDATION_FAILED');
    expect((await plan(contractId)).reports).toEqual([]);
  });

  test('when the seller reports, then 403 FOLLOWUP_BUYER_ONLY and nothing is stored', async () => {
    expectError(await report(contractId, followupReport(), c.seller.token), 403, 'FOLLOWUP_BUYER_ONLY');
    expect((await plan(contractId)).reports).toEqual([]);
  });

  test('when a contract is not registered, then 409 CONTRACT_NOT_REGISTERED and no plan is made', async () => {
    const { contractId: filed } = await filedContract(app, c.seller);
    expectError(await report(filed, followupReport(), c.seller.token), 409, 'CONTRACT_NOT_REGISTERED');
    expectError(
      await app.http('GET', `/api/followups/contracts/${filed}`, { token: c.seller.token }),
      409,
      'CONTRACT_NOT_REGISTERED',
    );
    expect(await followup().repo.find(filed)).toBeNull();
  });

  test('when the id is malformed or unknown, then 400 INVALID_ID or 404', async () => {
    expectError(await report('not-an-id', followupReport()), 400, 'INVALID_ID');
    expectError(await report('0123456789abcdef01234567', followupReport()), 404, 'NOT_FOUND');
  });
});

test('when a period is overdue, then buyer and seller are reminded once; a late report sets it right', async () => {
  const { contractId } = await registeredContract(app, c.seller, c.buyer, c.official);
  const registeredAt = (await plan(contractId)).registeredAt;
  const reminders = followup().reminders;
  // The day before the due date nothing is owed.
  const due = dueAt(registeredAt, 1);
  expect((await reminders.runOnce(new Date(due.getTime() - DAY))).reminded).toBe(0);
  const late = new Date(due.getTime() + 2 * DAY);
  // Every plan of this file registered today is late by then: each is reminded once, this one among them.
  expect((await reminders.runOnce(late)).reminded).toBeGreaterThanOrEqual(1);
  expect((await plan(contractId)).remindedPeriods).toEqual([1]);
  expect((await reminders.runOnce(late)).reminded).toBe(0);
  await app.settled();
  const key = (n: { link: string }) => n.link === `/contracts/${contractId}`;
  expect((await notices(c.buyer.user._id, 'followup_overdue')).filter(key)).toHaveLength(1);
  expect((await notices(c.seller.user._id, 'followup_overdue')).filter(key)).toHaveLength(1);
  followup().clock.now = () => late;
  const board = await app.http('GET', '/api/followups/board?status=overdue', { token: c.official.token });
  expect(board.body.items.map((p: { contractId: string }) => p.contractId)).toContain(contractId);
  const filed = await report(contractId, followupReport());
  expect(filed.status).toBe(201);
  expect(filed.body.plan.reports[0].late).toBe(true);
  expect(filed.body.plan.status).toBe('on_track');
  expect((await reminders.runOnce(late)).reminded).toBe(0);
});

test('when the registration hook missed a contract, then the next run opens its plan', async () => {
  const registrations = app.running.ctx.services.registrations;
  const hook = registrations.onRegistered;
  registrations.onRegistered = null;
  let contractId: string;
  try {
    ({ contractId } = await registeredContract(app, c.seller, c.buyer, c.official));
  } finally {
    registrations.onRegistered = hook;
  }
  expect(await followup().repo.find(contractId)).toBeNull();
  expect((await followup().reminders.runOnce(new Date())).opened).toBe(1);
  expect((await plan(contractId)).nextPeriod).toBe(1);
});

test('the funnel: listed → negotiated → contracted → registered → industrialised, with the rates', async () => {
  const region = '211400';
  const sellerOrg = await app.createOrg({ type: 'university', regionCode: region });
  const localBuyer = await app.createOrg({ regionCode: '210100' });
  const seller = { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg };
  const buyer = { ...(await app.createUser({ org: localBuyer })), org: localBuyer };
  const official = await app.createUser({ roles: ['official'], officialRegion: region });
  const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: [`SM-${region}`] });
  const listing = await publish(app, 'achievements', seller, operator, achievementBody({ regionCode: region }));
  const room = await app.http('POST', '/api/negotiations', {
    token: buyer.token,
    body: { subject: { kind: 'achievement', id: listing } },
  });
  expect(room.status).toBe(201);
  const local = await registeredContract(app, seller, buyer, official);
  // A buyer outside the province (off the platform: signed on entry).
  const outside = await filedContract(app, seller, {
    buyer: {
      name: '北京某科技公司',
      creditCode: app.creditCode('110000'),
      regionCode: '110000',
      orgType: 'enterprise',
    },
  });
  await app.http('POST', `/api/registrations/${outside.registrationId}/decision`, {
    token: official.token,
    body: { decision: 'approve', assessedTechAmountFen: 75_000_000 },
  });
  await filedContract(app, seller); // contracted, not registered
  expect((await report(local.contractId, followupReport({ stage: 'industrialised' }), buyer.token)).status).toBe(201);
  const year = new Date().getUTCFullYear();
  const res = await app.http('GET', `/api/followups/funnel?year=${year}`, { token: official.token });
  expect(res.body.funnel).toMatchObject({
    region,
    stages: [
      { stage: 'listed', n: 1 },
      { stage: 'negotiated', n: 1 },
      { stage: 'contracted', n: 3 },
      { stage: 'registered', n: 2 },
      { stage: 'industrialised', n: 1 },
    ],
    localConversionRate: 0.5,
    industrialisationRate: 0.5,
  });
  // The same by field (MAT): the local share from the plans, as the rollups keep no flow within a field.
  const byField = await app.http('GET', `/api/followups/funnel?year=${year}&field=MAT`, { token: official.token });
  expect(byField.body.funnel).toMatchObject({ localConversionRate: 0.5, industrialisationRate: 0.5 });
  const other = await app.http('GET', `/api/followups/funnel?year=${year}&field=BIO`, { token: official.token });
  expect(other.body.funnel).toMatchObject({ localConversionRate: null, industrialisationRate: null });
});
