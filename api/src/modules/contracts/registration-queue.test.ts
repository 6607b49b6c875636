/**
 * Issue 13, item 5: the officials' queue pages through every pending filing with its total, filters by
 * region, category, amount and waiting time, sorts, and its count is the dashboard's 待登记 KPI (one query).
 * Filters only narrow the official's scope; bad input is a 400 that changes nothing.
 */
import { filedContract } from '../../test-support/contract-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let province: Awaited<ReturnType<TestApp['createUser']>>;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
  province = await app.createUser({ roles: ['official'], officialRegion: '210000' });
  const seller = { ...cast.owner, org: cast.ownerOrg };
  await filedContract(app, seller, { amountFen: 30_000_000, techAmountFen: 30_000_000 });
  await filedContract(app, seller, {
    amountFen: 90_000_000,
    techAmountFen: 80_000_000,
    paymentSchedule: [],
  });
  await filedContract(app, seller, {
    category: 'service',
    subType: 'technical',
    exclusivity: null,
    ip: [],
    subject: '为买方解决焊接机器人焊缝跟踪精度不足的技术问题并提供现场调试。',
    amountFen: 5_000_000,
    techAmountFen: 5_000_000,
    paymentSchedule: [],
  });
});
afterAll(() => app.stop());

const queue = async (who: { token: string }, qs = '') => {
  const r = await app.http('GET', `/api/registrations?${qs}`, { token: who.token });
  expect(r.status).toBe(200);
  return r.body as { items: Array<{ amountFen: number; category: string }>; total: number };
};

test('when the official pages, filters and sorts, then the total stays the scope and the pages cover it', async () => {
  const all = await queue(cast.official, 'pageSize=100');
  expect(all.total).toBe(3);
  const p1 = await queue(cast.official, 'pageSize=2&page=1');
  const p2 = await queue(cast.official, 'pageSize=2&page=2');
  expect([p1.total, p1.items.length, p2.items.length]).toEqual([3, 2, 1]);
  expect((await queue(cast.official, 'sort=amount_desc')).items.map((r) => r.amountFen)).toEqual([
    90_000_000, 30_000_000, 5_000_000,
  ]);
  expect((await queue(cast.official, 'category=service')).items.map((r) => r.category)).toEqual(['service']);
  expect((await queue(cast.official, 'minAmountFen=10000000&maxAmountFen=50000000')).total).toBe(1);
  expect((await queue(cast.official, 'filedBefore=2000-01-01')).total).toBe(0);
  expect((await queue(province, 'region=210500')).total).toBe(3);
  // A filter never widens: Dalian's official asking for Benxi's region gets nothing.
  expect((await queue(cast.otherOfficial, 'region=210500')).total).toBe(0);
});

test("the dashboard's 待登记 KPI is the queue's count, for a city and for the province", async () => {
  for (const who of [cast.official, province, cast.otherOfficial]) {
    const summary = await app.http('GET', '/api/stats/summary', { token: who.token });
    expect(summary.body.pending).toBe((await queue(who)).total);
  }
});

test('bad queue input is a 400 in zh/en', async () => {
  for (const qs of [
    'region=110000',
    'sort=x',
    'minAmountFen[$gt]=0',
    'category=nope',
    'filedBefore=yesterday',
    'extra=1',
  ]) {
    const r = await app.http('GET', `/api/registrations?${qs}`, { token: cast.official.token });
    expect([qs, r.status, r.body.error.code, !!r.body.error.message.zh]).toEqual([qs, 400, 'VALIDATION_FAILED', true]);
  }
});
