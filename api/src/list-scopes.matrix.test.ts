/**
 * Staff lists never show more than the caller's scope, whatever the query asks for (issue 17, finding 2: a
 * Shenyang operator read Dalian's review queue with `?submarketCode=SM-210200`). Every list with a staff
 * scope is asked with every value of every parameter that can select records, as every staff scope, and
 * each answer is checked against the stored records: nothing outside the scope, and the total says so too.
 */
import { Types } from 'mongoose';
import { regionCodes, submarketSeeds } from './shared/taxonomy';
import { orgTypeCodes } from './shared/taxonomy';
import type { OrgRecord } from './modules/orgs/org.model';
import { achievementBody, needBody, publish } from './test-support/catalog-fixtures';
import { filedContract } from './test-support/contract-fixtures';
import { startTestApp, type TestApp } from './test-support/harness';

let app: TestApp;
type Who = { token: string };
const regions = ['210100', '210200', '210300'] as const;
const sm = (region: string) => `SM-${region}`;
const allSubmarkets = submarketSeeds.map((s) => s.code);

let hub: Who;
let admin: Who;
const sellers: Record<string, Who & { org: OrgRecord }> = {};
const staff: Array<{ label: string; who: () => Who; submarkets: string[] | null }> = [
  { label: 'the Shenyang operator', who: () => operators.shenyang, submarkets: [sm('210100')] },
  {
    label: 'an operator of Dalian and Anshan',
    who: () => operators.dalianAnshan,
    submarkets: [sm('210200'), sm('210300')],
  },
  { label: 'the hub operator', who: () => hub, submarkets: null },
  { label: 'an admin', who: () => admin, submarkets: null },
];
const operators = {} as Record<'shenyang' | 'dalianAnshan', Who>;
const officials = {} as Record<'shenyang' | 'province', Who>;

beforeAll(async () => {
  app = await startTestApp();
  hub = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  admin = await app.createUser({ roles: ['admin'] });
  operators.shenyang = await app.createUser({ roles: ['operator'], operatorSubmarkets: [sm('210100')] });
  operators.dalianAnshan = await app.createUser({
    roles: ['operator'],
    operatorSubmarkets: [sm('210200'), sm('210300')],
  });
  officials.shenyang = await app.createUser({ roles: ['official'], officialRegion: '210100' });
  officials.province = await app.createUser({ roles: ['official'], officialRegion: '210000' });
  const buyerOrg = await app.createOrg({ regionCode: '211000' });
  const buyer = await app.createUser({ org: buyerOrg });
  for (const region of regions) {
    const org = await app.createOrg({ regionCode: region, type: region === '210100' ? 'university' : 'enterprise' });
    const seller = { ...(await app.createUser({ org })), org };
    sellers[region] = seller;
    await app.createOrg({ regionCode: region, status: 'pending' });
    await app.createOrg({ regionCode: region, status: 'rejected' });
    // Waiting in the review queue: a new achievement, a new need and a challenge need.
    for (const [kind, body] of [
      ['achievements', achievementBody({ regionCode: region })],
      ['needs', needBody({ regionCode: region })],
      [
        'needs',
        needBody({
          regionCode: region,
          challenge: { rewardFen: 100_000_00, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
        }),
      ],
    ] as const) {
      const id = (await app.http('POST', `/api/${kind}`, { token: seller.token, body })).body[
        kind === 'needs' ? 'need' : 'achievement'
      ].id;
      expect((await app.http('POST', `/api/${kind}/${id}/submit`, { token: seller.token })).status).toBe(200);
    }
    // A room in this sub-market, and a contract of this region's seller filed for registration.
    const achievementId = await publish(app, 'achievements', seller, hub, achievementBody({ regionCode: region }));
    expect(
      (
        await app.http('POST', '/api/negotiations', {
          token: buyer.token,
          body: { subject: { kind: 'achievement', id: achievementId } },
        })
      ).status,
    ).toBe(201);
    await filedContract(app, seller);
  }
});
afterAll(() => app.stop());

/** Every query a list takes that selects records, each parameter on its own with each value it accepts. */
const variants = (params: Record<string, readonly string[]>) => [
  '',
  ...Object.entries(params).flatMap(([name, values]) => values.map((v) => `${name}=${encodeURIComponent(v)}`)),
];
const inScope = (submarkets: string[] | null, code: string) => submarkets === null || submarkets.includes(code);

async function expectWithin(
  label: string,
  res: { status: number; body: any },
  stored: (ids: string[]) => Promise<string[]>,
  allowed: (code: string) => boolean,
) {
  if (res.status !== 200) return; // refusing is within scope too; widening is what this test is about
  const ids = res.body.items.map((i: { id: string }) => i.id);
  const outside = (await stored(ids)).filter((code) => !allowed(code));
  expect({ label, outside }).toEqual({ label, outside: [] });
  // The total counts the same filter: it cannot tell how many other sub-markets hold either.
  if (res.body.total <= res.body.items.length)
    expect({ label, total: res.body.total }).toEqual({ label, total: ids.length });
}

const listingParams = {
  submarketCode: allSubmarkets,
  regionCode: regionCodes,
  orgType: orgTypeCodes,
  fieldCode: ['MAT', 'EQP'],
  orgId: regions.map((r) => String(sellers[r]?.org._id ?? new Types.ObjectId())),
  status: ['draft', 'pending_review', 'published'],
};

describe.each([
  ['achievements', 'Achievement'],
  ['needs', 'Need'],
] as const)('the %s review queue', (plural, model) => {
  test.each(staff)(
    'when $label asks with any parameter, then only its sub-markets come back',
    async ({ who, submarkets }) => {
      const params = {
        ...listingParams,
        orgId: regions.map((r) => String(sellers[r].org._id)),
        ...(plural === 'needs' ? { challenge: ['true', 'false'] } : {}),
      };
      for (const query of variants(params)) {
        const res = await app.http('GET', `/api/${plural}?scope=review&pageSize=100&${query}`, { token: who().token });
        expect(res.status).toBe(200);
        await expectWithin(
          `${plural} ${query}`,
          res,
          async (ids) =>
            (await app.models[model].find({ _id: { $in: ids } }, { submarketCode: 1 }).lean()).map(
              (l) => l.submarketCode,
            ),
          (code) => inScope(submarkets, code),
        );
      }
      // Narrowing within the scope still works: the caller's own sub-market on its own.
      const own = submarkets?.[0] ?? sm('210200');
      const narrowed = await app.http('GET', `/api/${plural}?scope=review&pageSize=100&submarketCode=${own}`, {
        token: who().token,
      });
      expect(narrowed.body.items.length).toBeGreaterThan(0);
      expect(new Set(narrowed.body.items.map((i: { submarketCode: string }) => i.submarketCode))).toEqual(
        new Set([own]),
      );
    },
  );

  test("when the Shenyang operator asks for Dalian's queue by name, then it gets nothing of Dalian, not even a count", async () => {
    const res = await app.http('GET', `/api/${plural}?scope=review&submarketCode=SM-210200`, {
      token: operators.shenyang.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });
});

describe('the organisation verification queue', () => {
  test.each(staff)(
    'when $label asks with any parameter, then only its sub-markets come back',
    async ({ who, submarkets }) => {
      const params = { submarketCode: allSubmarkets, regionCode: regionCodes, type: orgTypeCodes };
      for (const status of ['pending', 'rejected']) {
        for (const query of variants(params)) {
          const res = await app.http('GET', `/api/orgs?status=${status}&pageSize=100&${query}`, { token: who().token });
          expect(res.status).toBe(200);
          await expectWithin(
            `orgs ${status} ${query}`,
            res,
            async (ids) =>
              (await app.models.Org.find({ _id: { $in: ids } }, { submarketCode: 1, verification: 1 }).lean()).map(
                (o) => (o.verification?.status === status ? o.submarketCode : `wrong status ${o.verification?.status}`),
              ),
            (code) => inScope(submarkets, code),
          );
        }
      }
      const own = submarkets?.[0] ?? sm('210200');
      const narrowed = await app.http('GET', `/api/orgs?status=pending&submarketCode=${own}`, { token: who().token });
      expect(narrowed.body.total).toBe(1);
    },
  );

  test('when the Shenyang operator names Dalian, then the queue is empty (not its own queue instead)', async () => {
    const res = await app.http('GET', '/api/orgs?status=pending&submarketCode=SM-210200', {
      token: operators.shenyang.token,
    });
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });
});

describe("the operators' negotiation list", () => {
  test.each(staff)(
    'when $label asks with any parameter, then only rooms of its sub-markets come back',
    async ({ who, submarkets }) => {
      const params = {
        submarket: allSubmarkets,
        status: ['open', 'agreed', 'closed'],
        broker: ['none', 'pending', 'accepted'],
        staleDays: ['1'],
      };
      for (const query of variants(params)) {
        const res = await app.http('GET', `/api/negotiations/admin?pageSize=100&${query}`, { token: who().token });
        expect([200, 400, 403]).toContain(res.status);
        await expectWithin(
          `negotiations ${query}`,
          res,
          async (ids) =>
            (await app.models.Negotiation.find({ _id: { $in: ids } }, { submarketCode: 1 }).lean()).map(
              (n) => n.submarketCode,
            ),
          (code) => inScope(submarkets, code),
        );
      }
    },
  );
});

describe('the registration queue and the contract list of officials', () => {
  test.each([
    ['the Shenyang official', () => officials.shenyang, ['210100']],
    ['the provincial official', () => officials.province, null],
  ] as const)(
    'when %s asks with any parameter, then only contracts of sellers in its region come back',
    async (_label, who, allowedRegions) => {
      const allowed = (region: string) =>
        allowedRegions === null || (allowedRegions as readonly string[]).includes(region);
      for (const query of variants({ status: ['pending', 'approved', 'rejected'], region: ['210100', '210200'] })) {
        const res = await app.http('GET', `/api/registrations?pageSize=100&${query}`, { token: who().token });
        expect(res.status).toBe(200);
        await expectWithin(
          `registrations ${query}`,
          res,
          async (ids) =>
            (await app.models.Registration.find({ _id: { $in: ids } }, { sellerRegion: 1 }).lean()).map(
              (r) => r.sellerRegion,
            ),
          allowed,
        );
      }
      const contractParams = {
        sellerRegion: regionCodes,
        buyerRegion: regionCodes,
        status: ['draft', 'signing', 'signed', 'filed', 'registered', 'rejected'],
        category: ['license', 'transfer'],
        fieldCode: ['MAT'],
      };
      for (const query of variants(contractParams)) {
        const res = await app.http('GET', `/api/contracts?pageSize=100&${query}`, { token: who().token });
        expect(res.status).toBe(200);
        await expectWithin(
          `contracts ${query}`,
          res,
          async (ids) =>
            (await app.models.Contract.find({ _id: { $in: ids } }, { sellerRegion: 1 }).lean()).map(
              (c) => c.sellerRegion,
            ),
          allowed,
        );
      }
    },
  );
});

describe('lists of one record and of one organisation', () => {
  test("when an operator asks for another sub-market's challenge proposals, then 404", async () => {
    const dalianChallenge = await app.models.Need.findOne({
      submarketCode: sm('210200'),
      'content.challenge': { $exists: true },
    }).lean();
    expect(
      (await app.http('GET', `/api/needs/${dalianChallenge!._id}/proposals`, { token: operators.shenyang.token }))
        .status,
    ).toBe(404);
    expect(
      (await app.http('GET', `/api/needs/${dalianChallenge!._id}/proposals`, { token: operators.dalianAnshan.token }))
        .status,
    ).toBe(200);
  });

  test("when staff list imports, then they see only their own organisation's (none), whatever the kind", async () => {
    for (const who of [operators.shenyang, hub, officials.province]) {
      for (const query of ['', 'kind=achievement', 'kind=contract']) {
        const res = await app.http('GET', `/api/imports?${query}`, { token: who.token });
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([]);
      }
    }
  });
});
