import { instrumentsByOrgType, isFinanceOrgType, requestStatuses } from '../shared/financing';
import { scoreProduct } from '../modules/financing/financing.match';
import { demoOrgs } from './demo-data';
import { demoProducts } from './financing-demo-products';
import { demoRequests } from './financing-demo-requests';

const org = (key: string) => demoOrgs.find((o) => o.key === key)!;
const product = (key: string) => demoProducts.find((p) => p.key === key)!;
const wan = (n: number) => n * 1_000_000;
const matchable = (key: string) => {
  const p = product(key);
  return { ...p, amountMinFen: wan(p.amount[0]), amountMaxFen: wan(p.amount[1]) };
};

describe('financing demo data', () => {
  test('when counted, then at least 8 finance institutions publish 20 products and 30 requests cover every state', () => {
    const institutions = new Set(demoProducts.map((p) => p.orgKey));
    expect(institutions.size).toBeGreaterThanOrEqual(8);
    expect(demoProducts).toHaveLength(20);
    expect(demoRequests).toHaveLength(30);
    for (const s of requestStatuses) expect(demoRequests.some((r) => r.status === s)).toBe(true);
  });

  test('when a product is seeded, then its institution may offer its instrument', () => {
    for (const p of demoProducts) {
      const type = org(p.orgKey).type;
      expect([p.key, isFinanceOrgType(type) && instrumentsByOrgType[type].includes(p.instrument)]).toEqual([
        p.key,
        true,
      ]);
    }
  });

  test('when an interest is seeded, then its product fits the request it answers', () => {
    for (const r of demoRequests)
      for (const i of r.interests ?? []) {
        const fit = scoreProduct(matchable(i.productKey), {
          amountFen: wan(r.amount),
          fieldCode: r.field,
          stage: r.stage,
          regionCode: org(r.orgKey).regionCode,
          instruments: r.instruments ?? [],
        });
        expect([r.key, i.productKey, fit.fits]).toEqual([r.key, i.productKey, true]);
      }
  });

  test('when the signed agreements are added up, then they come to about 1.2亿元 as in the seeds’ report', () => {
    const signed = demoRequests.flatMap((r) => (r.interests ?? []).filter((i) => i.status === 'signed'));
    const total = signed.reduce((s, i) => s + i.amount!, 0);
    expect(total).toBeGreaterThanOrEqual(11_000);
    expect(total).toBeLessThanOrEqual(13_000);
  });
});
