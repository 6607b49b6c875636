/**
 * Authorization matrix of /api/followups: anonymous 401, another organisation 404, the buyer reports, the
 * seller reads, operators of the contract's sub-market and officials of the seller's region read (others
 * 404), the board and funnel are staff's and narrowed to their scope — each checked against what is stored.
 * The last test fails when a follow-up route is added without a row here.
 */
import { followupReport, registeredContract } from '../../test-support/followup-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const call = (method: string, path: string, who: Who, body?: unknown) =>
  app.http(method, path, { token: who?.token, body });
let cast: Awaited<ReturnType<typeof makeCast>>;
let contractId: string;

async function makeCast() {
  const sellerOrg = await app.createOrg({ type: 'university', regionCode: '210100', name: '矩阵·沈阳某大学' });
  const buyerOrg = await app.createOrg({ regionCode: '210200', name: '矩阵·大连某企业' });
  const otherOrg = await app.createOrg({ regionCode: '210100' });
  return {
    seller: { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg },
    buyer: { ...(await app.createUser({ org: buyerOrg })), org: buyerOrg },
    buyerMember: await app.createUser({ org: buyerOrg, orgRole: 'member' }),
    other: await app.createUser({ org: otherOrg }),
    loner: await app.createUser(),
    official: await app.createUser({ roles: ['official'], officialRegion: '210100' }),
    buyerCityOfficial: await app.createUser({ roles: ['official'], officialRegion: '210200' }),
    provinceOfficial: await app.createUser({ roles: ['official'], officialRegion: '210000' }),
    operator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] }),
    otherOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] }),
    hubOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] }),
    admin: await app.createUser({ roles: ['admin'] }),
  };
}

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await makeCast();
  ({ contractId } = await registeredContract(app, cast.seller, cast.buyer, cast.official));
});
afterAll(() => app.stop());

const reports = async () => (await app.running.ctx.services.followup.repo.find(contractId))?.reports.length ?? 0;

test('the plan of a contract: parties and staff in scope read it, everyone else is told it does not exist', async () => {
  cover('GET', '/api/followups/contracts/:id');
  const path = `/api/followups/contracts/${contractId}`;
  expect((await call('GET', path, null)).status).toBe(401);
  for (const who of [cast.other, cast.loner, cast.buyerCityOfficial, cast.otherOperator])
    expect([who, (await call('GET', path, who)).status]).toEqual([who, 404]);
  for (const who of [
    cast.buyer,
    cast.buyerMember,
    cast.seller,
    cast.official,
    cast.provinceOfficial,
    cast.operator,
    cast.hubOperator,
    cast.admin,
  ]) {
    const res = await call('GET', path, who);
    expect([who, res.status]).toEqual([who, 200]);
    expect(res.body.plan).toMatchObject({ contractId, nextPeriod: 1, status: 'on_track' });
    // Only the buyer is offered the report.
    expect(res.body.plan.canReport).toBe(who === cast.buyer || who === cast.buyerMember);
  }
});

test('a report: only the buyer files it; the seller and staff are refused and nothing is stored', async () => {
  cover('POST', '/api/followups/contracts/:id/reports');
  const path = `/api/followups/contracts/${contractId}/reports`;
  const body = followupReport();
  expect((await call('POST', path, null, body)).status).toBe(401);
  for (const who of [cast.other, cast.loner, cast.buyerCityOfficial, cast.otherOperator])
    expect([who, (await call('POST', path, who, body)).status]).toEqual([who, 404]);
  for (const who of [cast.seller, cast.official, cast.provinceOfficial, cast.operator, cast.hubOperator, cast.admin]) {
    const res = await call('POST', path, who, body);
    expect([who, res.status, res.body.error?.code]).toEqual([who, 403, 'FOLLOWUP_BUYER_ONLY']);
  }
  expect(await reports()).toBe(0);
  const res = await call('POST', path, cast.buyerMember, body);
  expect(res.status).toBe(201);
  expect(res.body.plan).toMatchObject({ nextPeriod: 2, stage: 'pilot' });
  expect(await reports()).toBe(1);
});

test("my follow-ups: an organisation's own plans as buyer or seller, nobody else's", async () => {
  cover('GET', '/api/followups/mine');
  const ids = async (who: Who, q = '') =>
    (await call('GET', `/api/followups/mine${q}`, who)).body.items?.map((p: { contractId: string }) => p.contractId);
  expect((await call('GET', '/api/followups/mine', null)).status).toBe(401);
  expect(await ids(cast.buyer)).toEqual([contractId]);
  expect(await ids(cast.buyer, '?side=buyer')).toEqual([contractId]);
  expect(await ids(cast.buyer, '?side=seller')).toEqual([]);
  expect(await ids(cast.seller, '?side=seller')).toEqual([contractId]);
  expect(await ids(cast.other)).toEqual([]);
  for (const who of [cast.loner, cast.official, cast.admin])
    expect((await call('GET', '/api/followups/mine', who)).body.error.code).toBe('NOT_ORG_MEMBER');
});

test("the board: staff of the seller's region or sub-market see the plan; a filter narrows and never widens", async () => {
  cover('GET', '/api/followups/board');
  const ids = async (who: Who, q = '') => {
    const res = await call('GET', `/api/followups/board${q}`, who);
    return res.status === 200 ? res.body.items.map((p: { contractId: string }) => p.contractId) : res.status;
  };
  expect(await ids(null)).toBe(401);
  for (const who of [cast.buyer, cast.seller, cast.other, cast.loner]) expect(await ids(who)).toBe(403);
  for (const who of [cast.official, cast.provinceOfficial, cast.operator, cast.hubOperator, cast.admin])
    expect([who, await ids(who)]).toEqual([who, [contractId]]);
  for (const who of [cast.buyerCityOfficial, cast.otherOperator]) {
    expect([who, await ids(who)]).toEqual([who, []]);
    expect([who, await ids(who, '?region=210100')]).toEqual([who, []]);
  }
  expect(await ids(cast.provinceOfficial, '?region=210200')).toEqual([]);
  expect(await ids(cast.admin, '?field=MAT&status=on_track')).toEqual([contractId]);
  expect(await ids(cast.admin, '?status=overdue')).toEqual([]);
});

test("the funnel: staff read their region's; a region outside it is refused", async () => {
  cover('GET', '/api/followups/funnel');
  const get = (who: Who, q = '') => call('GET', `/api/followups/funnel${q}`, who);
  expect((await get(null)).status).toBe(401);
  for (const who of [cast.buyer, cast.seller, cast.loner]) expect((await get(who)).status).toBe(403);
  expect((await get(cast.official)).body.funnel.region).toBe('210100');
  expect((await get(cast.operator)).body.funnel.region).toBe('210100');
  expect((await get(cast.buyerCityOfficial)).body.funnel.region).toBe('210200');
  for (const who of [cast.provinceOfficial, cast.hubOperator, cast.admin])
    expect((await get(who)).body.funnel.region).toBe('210000');
  expect((await get(cast.official, '?region=210200')).body.error.code).toBe('FORBIDDEN');
  expect((await get(cast.otherOperator, '?region=210100')).status).toBe(403);
  expect((await get(cast.provinceOfficial, '?region=210100')).body.funnel.region).toBe('210100');
  const registered = (await get(cast.official)).body.funnel.stages.find(
    (s: { stage: string }) => s.stage === 'registered',
  );
  expect(registered.n).toBe(1);
});

test('every follow-up route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => op.path.startsWith('/api/followups'))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThan(0);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
