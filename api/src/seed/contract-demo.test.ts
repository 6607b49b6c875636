import { Types } from 'mongoose';
import { contractCategoryCodes } from '../shared/contract-schemas';
import { liaoningRegionCodes, technicalFields } from '../shared/taxonomy';
import type { ContractRecord } from '../modules/contracts/contract.model';
import { rawTally } from '../modules/stats/raw-tally';
import { startTestApp, type TestApp } from '../test-support/harness';
import { DEMO_CONTRACTS, seedContracts } from './contract-demo';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
});
afterAll(() => app.stop());

test('when the demo contracts are seeded twice, then 2,000 span every city, field and category, most registered, and the tally equals the raw sums', async () => {
  const started = Date.now();
  expect(await seedContracts(app.running.ctx, new Map<string, Types.ObjectId>())).toBe(DEMO_CONTRACTS);
  const firstMs = Date.now() - started;
  expect(await seedContracts(app.running.ctx, new Map())).toBe(0);
  expect(await app.models.Contract.countDocuments()).toBe(DEMO_CONTRACTS);
  const all = await app.models.Contract.find().lean<ContractRecord[]>();
  const cities = new Set(all.map((c) => c.sellerRegion));
  for (const city of liaoningRegionCodes.filter((c) => c !== '210000')) expect(cities).toContain(city);
  expect(new Set(all.map((c) => c.terms.fieldCode)).size).toBe(technicalFields.length);
  expect(new Set(all.map((c) => c.terms.category))).toEqual(new Set(contractCategoryCodes));
  expect(all.filter((c) => c.status === 'registered').length / all.length).toBeGreaterThan(0.6);
  expect(new Set(all.map((c) => c.terms.signedOn!.slice(0, 4)))).toEqual(
    new Set(['2024', '2025', String(new Date().getFullYear())]),
  );
  expect(await app.models.Registration.countDocuments({ status: 'pending' })).toBeGreaterThan(0);
  expect(await app.models.Target.countDocuments({ year: 2026 })).toBe(3);
  const { stats } = app.running.ctx.services;
  for (const groupBy of ['year', 'sellerRegion', 'field'] as const) {
    const q = { groupBy, from: '2024-01', to: '2026-12', region: '210000' };
    const rolled = await stats.tally('210000', q);
    const raw = rawTally(all, q);
    expect(Object.fromEntries(rolled.rows.map((r) => [r.key, r.registered]))).toEqual(
      Object.fromEntries([...raw].map(([k, v]) => [k, v.registered])),
    );
  }
  console.log(`seeded ${DEMO_CONTRACTS} contracts with their rollups in ${firstMs} ms`);
}, 120_000);
