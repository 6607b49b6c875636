import { statBuckets, type BucketSums, type StatGroupBy, type StatsQuery } from '../../shared/contract-schemas';
import { flowOf, tallyOrgType, type TallySource } from './stats.rollup';

/**
 * The tally computed the plain way, straight from contracts: the reference the rollups are tested against
 * (property tests) and the baseline the benchmark compares with. Deliberately written without the rollup
 * keys or deltas.
 */
export function rawTally(
  contracts: Iterable<TallySource>,
  q: Required<Pick<StatsQuery, 'groupBy' | 'from' | 'to'>> & { region: string },
): Map<string, BucketSums> {
  const from = Number(q.from.replace('-', ''));
  const to = Number(q.to.replace('-', ''));
  const out = new Map<string, BucketSums>();
  for (const c of contracts) {
    const bucket = statBuckets.find((b) => b === c.status);
    if (!bucket) continue;
    const date = bucket === 'registered' ? c.registration?.registeredAt : c.terms.signedOn;
    if (!date) continue;
    const iso = typeof date === 'string' ? date : date.toISOString();
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    if (y * 100 + m < from || y * 100 + m > to) continue;
    if (q.region !== '210000' && c.terms.seller.regionCode !== q.region) continue;
    for (const key of groupKeys(q.groupBy, c, y, m)) {
      let acc = out.get(key);
      if (!acc)
        out.set(
          key,
          (acc = {
            signed: { n: 0, amountFen: 0, techFen: 0 },
            filed: { n: 0, amountFen: 0, techFen: 0 },
            registered: { n: 0, amountFen: 0, techFen: 0 },
            rejected: { n: 0, amountFen: 0, techFen: 0 },
          }),
        );
      acc[bucket].n += 1;
      acc[bucket].amountFen += c.terms.amountFen;
      acc[bucket].techFen += bucket === 'registered' ? c.registration!.assessedTechAmountFen : c.terms.techAmountFen;
    }
  }
  return out;
}

function groupKeys(groupBy: StatGroupBy, c: TallySource, y: number, m: number): string[] {
  const t = c.terms;
  switch (groupBy) {
    case 'month':
      return [`${y}-${String(m).padStart(2, '0')}`];
    case 'quarter':
      return [`${y}-Q${Math.ceil(m / 3)}`];
    case 'year':
      return [String(y)];
    case 'category':
      return [t.category];
    case 'field':
      return [t.fieldCode];
    case 'sellerRegion':
      return [t.seller.regionCode];
    case 'buyerRegion':
      return [t.buyer.regionCode];
    case 'flow':
      return [flowOf(t.buyer.regionCode)];
    case 'sellerType':
      return [tallyOrgType(t.seller.orgType)];
    case 'buyerType':
      return [tallyOrgType(t.buyer.orgType)];
    case 'submarket':
      return [c.submarketCode];
    case 'broker':
      return [t.broker ? t.broker.certNo || t.broker.name : 'none'];
    case 'route':
      return [`${t.seller.regionCode}>${t.buyer.regionCode}`];
    case 'ip':
      return t.ip.length ? [...new Set(t.ip.map((i) => i.type))] : ['none'];
  }
}
