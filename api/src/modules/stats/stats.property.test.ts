import fc from 'fast-check';
import { Types } from 'mongoose';
import { statGroupBy, type BucketSums } from '../../shared/contract-schemas';
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { ContractRecord } from '../contracts/contract.model';
import { rawTally } from './raw-tally';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  await app.running.ctx.services.stats.stop();
});
afterAll(() => app.stop());

const regions = ['210100', '210200', '210500'];
const buyers = ['210100', '210300', '110000', '990000'];
const state = fc.record({
  status: fc.constantFrom('draft', 'signed', 'filed', 'registered', 'rejected'),
  category: fc.constantFrom('development', 'license'),
  fieldCode: fc.constantFrom('MAT', 'ICT', 'EQP'),
  seller: fc.constantFrom(...regions),
  buyer: fc.constantFrom(...buyers),
  buyerType: fc.constantFrom('enterprise', 'university', 'rd_institution', 'government'),
  // Half the amounts sit just under 2^31 分, so a cell's sum crosses the int32 range through increments.
  amountFen: fc.oneof(fc.integer({ min: 1, max: 5_000_000_000 }), fc.integer({ min: 2 ** 30, max: 2 ** 31 - 1 })),
  techShare: fc.integer({ min: 0, max: 100 }),
  signedMonth: fc.integer({ min: 0, max: 14 }),
  registeredMonth: fc.integer({ min: 0, max: 14 }),
  ip: fc.subarray(['invention', 'know_how', 'software'] as const),
  broker: fc.option(fc.constantFrom('LN-TB-1', 'LN-TB-2'), { nil: null }),
});
type State = typeof state extends fc.Arbitrary<infer T> ? T : never;
const monthOf = (i: number) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

function fields(s: State) {
  const amountFen = s.amountFen;
  return {
    status: s.status,
    sellerRegion: s.seller,
    submarketCode: `SM-${s.seller}`,
    terms: {
      title: 't',
      category: s.category,
      subType: 'x',
      fieldCode: s.fieldCode,
      subject: 's',
      seller: { name: 'S', creditCode: 'S', regionCode: s.seller, orgType: 'university' },
      buyer: { name: 'B', creditCode: 'B', regionCode: s.buyer, orgType: s.buyerType },
      amountFen,
      techAmountFen: Math.floor((amountFen * s.techShare) / 100),
      paymentSchedule: [],
      startOn: '2025-01-01',
      endOn: '2026-01-01',
      signedOn: `${monthOf(s.signedMonth)}-15`,
      ip: s.ip.map((type) => ({ type, number: 'ZL1', title: 'x' })),
      exclusivity: null,
      broker: s.broker ? { name: 'B', certNo: s.broker, commissionFen: 0 } : null,
    },
    registration:
      s.status === 'registered'
        ? {
            registrationNo: 'R',
            assessedTechAmountFen: Math.floor((amountFen * s.techShare) / 200),
            registeredAt: new Date(`${monthOf(s.registeredMonth)}-20T08:00:00Z`),
            registrationId: 'r',
          }
        : null,
  };
}

/** An event: a contract moves to a new state (a write, as the app makes it), or the applier runs — maybe twice, maybe at once. */
const event = (n: number) =>
  fc.oneof(
    fc.record({ kind: fc.constant('write' as const), i: fc.nat(n - 1), to: state }),
    fc.record({
      kind: fc.constant('apply' as const),
      i: fc.nat(n - 1),
      times: fc.integer({ min: 1, max: 3 }),
      concurrent: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('sweep' as const) }),
    fc.record({ kind: fc.constant('rebuild' as const) }),
  );

const scenario = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    initial: fc.array(state, { minLength: n, maxLength: n }),
    events: fc.array(event(n), { maxLength: 25 }),
  }),
);

async function compareAll(): Promise<void> {
  const { stats } = app.running.ctx.services;
  const raw = await app.models.Contract.find().lean<ContractRecord[]>();
  for (const groupBy of statGroupBy) {
    for (const region of ['210000', '210200']) {
      const q = { groupBy, from: '2025-01', to: '2026-03', region };
      const rolled = await stats.tally(region, q);
      const expected = rawTally(raw, q);
      const got = new Map<string, BucketSums>(
        rolled.rows.map((r) => [
          r.key,
          { signed: r.signed, filed: r.filed, registered: r.registered, rejected: r.rejected },
        ]),
      );
      // Cells that cancelled to zero stay in the rollups, but the answer has no group for them (as after a rebuild).
      expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...expected].sort()));
    }
  }
}

test("when a cell's sums pass 2^31 分 through increments, then they stay exact (no 32-bit wrap on $inc)", async () => {
  const { stats } = app.running.ctx.services;
  await app.models.Contract.deleteMany({});
  await stats.store.clear();
  // Each amount fits an int32 (the driver sends it as one); together they pass 2^31 in the same cells.
  const s: State = {
    status: 'registered',
    category: 'license',
    fieldCode: 'MAT',
    seller: '210200',
    buyer: '210100',
    buyerType: 'enterprise',
    amountFen: 1_500_000_000,
    techShare: 100,
    signedMonth: 12,
    registeredMonth: 13,
    ip: [],
    broker: 'LN-TB-1',
  };
  const ids = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
  for (const [i, id] of ids.entries()) {
    await app.models.Contract.create({
      _id: id,
      contractNo: `W${id}`,
      originKey: `w:${id}`,
      source: 'seed',
      signing: 'paper',
      docHash: 'h',
      createdBy: id,
      version: 1,
      statsDirty: true,
      stats: { v: 0, c: null },
      ...fields({ ...s, amountFen: s.amountFen + i }),
    });
    await stats.apply(id);
  }
  const broker = await stats.tally('210000', { groupBy: 'broker', from: '2026-01', to: '2026-03' });
  expect(broker.rows.find((r) => r.key === 'LN-TB-1')?.registered.amountFen).toBe(4_500_000_003);
  await compareAll();
  // A rebuild writes the same sums, and later increments on top of them stay exact too.
  await stats.rebuild();
  await app.models.Contract.updateOne(
    { _id: ids[0] },
    { $set: { status: 'rejected', statsDirty: true }, $inc: { version: 1 } },
  );
  await stats.apply(ids[0]);
  await compareAll();
});

test('when contracts of any amounts land in the same cells one write at a time, then every sum is exact', async () => {
  const { stats } = app.running.ctx.services;
  // The random scenario below rarely puts two separately applied contracts in one cell (the sweep sums
  // deltas in memory first); this one always does, with amounts on both sides of 2^31 分.
  const amounts = fc.array(
    fc.oneof(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2 ** 31, max: 20_000_000_000 })),
    { minLength: 2, maxLength: 5 },
  );
  await fc.assert(
    fc.asyncProperty(amounts, fc.boolean(), async (list, rebuildFirst) => {
      await app.models.Contract.deleteMany({});
      await stats.store.clear();
      const base: State = {
        status: 'registered',
        category: 'license',
        fieldCode: 'MAT',
        seller: '210200',
        buyer: '210100',
        buyerType: 'enterprise',
        amountFen: 1,
        techShare: 100,
        signedMonth: 12,
        registeredMonth: 13,
        ip: [],
        broker: 'LN-TB-1',
      };
      for (const [i, amountFen] of list.entries()) {
        const id = new Types.ObjectId();
        await app.models.Contract.create({
          _id: id,
          contractNo: `A${id}`,
          originKey: `a:${id}`,
          source: 'seed',
          signing: 'paper',
          docHash: 'h',
          createdBy: id,
          version: 1,
          statsDirty: true,
          stats: { v: 0, c: null },
          ...fields({ ...base, amountFen }),
        });
        await stats.apply(id);
        if (rebuildFirst && i === 0) await stats.rebuild();
      }
      const total = await stats.tally('210000', { groupBy: 'month', from: '2026-02', to: '2026-02' });
      expect(total.totals.registered.amountFen).toBe(list.reduce((a, b) => a + b, 0));
    }),
    { numRuns: 15 },
  );
}, 120_000);

test('when contracts change in any order with replays, concurrent applies, corrections and rebuilds, then the rollups equal sums over the raw contracts', async () => {
  const { stats } = app.running.ctx.services;
  await fc.assert(
    fc.asyncProperty(scenario, async ({ initial, events }) => {
      await app.models.Contract.deleteMany({});
      await stats.store.clear();
      const ids = initial.map(() => new Types.ObjectId());
      await app.models.Contract.insertMany(
        initial.map((s, i) => ({
          _id: ids[i],
          contractNo: `P${ids[i]}`,
          originKey: `p:${ids[i]}`,
          source: 'seed',
          signing: 'paper',
          docHash: 'h',
          createdBy: ids[i],
          version: 1,
          statsDirty: true,
          stats: { v: 0, c: null },
          ...fields(s),
        })),
      );
      for (const e of events) {
        if (e.kind === 'write')
          await app.models.Contract.updateOne(
            { _id: ids[e.i] },
            { $set: { ...fields(e.to), statsDirty: true }, $inc: { version: 1 } },
          );
        else if (e.kind === 'apply') {
          const runs = Array.from({ length: e.times }, () => () => stats.apply(ids[e.i]));
          if (e.concurrent) await Promise.all(runs.map((r) => r()));
          else for (const r of runs) await r();
        } else if (e.kind === 'sweep') await stats.sweep();
        else await stats.rebuild();
      }
      await stats.sweep();
      expect(await app.models.Contract.countDocuments({ statsDirty: true })).toBe(0);
      await compareAll();
      // Replaying every apply after settling changes nothing.
      for (const id of ids) await stats.apply(id);
      await stats.applyMany(ids);
      await compareAll();
    }),
    { numRuns: 25 },
  );
}, 300_000);
