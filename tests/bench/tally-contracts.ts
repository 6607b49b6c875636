/**
 * The tally benchmark's contracts: generated from a fixed seed over the cities, categories, parties, IP and
 * brokers of the province, in the lean shape the rollup reads (tally.bench.ts).
 */
import type { TallySource } from '../../api/src/modules/stats/stats.rollup';
import { technicalFields } from '../../api/src/shared/taxonomy';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cities = [
  '210100',
  '210100',
  '210100',
  '210200',
  '210200',
  '210200',
  '210300',
  '210400',
  '210500',
  '210600',
  '210700',
  '210800',
  '210900',
  '211000',
  '211100',
  '211200',
  '211300',
  '211400',
  '219900',
];
const outside = [
  '110000',
  '120000',
  '130000',
  '150000',
  '220000',
  '230000',
  '310000',
  '320000',
  '330000',
  '370000',
  '440000',
  '990000',
];
const categories = ['development', 'development', 'service', 'service', 'consulting', 'transfer', 'license'] as const;
const orgTypes = ['university', 'institute', 'enterprise', 'rd_institution', 'other'] as const;

/** Lean contracts sharing their party, IP and broker objects (1M fit in a few hundred MB). */
export function generate(n: number): TallySource[] {
  const r = rng(7);
  const party = new Map<string, { name: string; creditCode: string; regionCode: string; orgType: string }>();
  const partyOf = (region: string, orgType: string) => {
    const k = `${region}:${orgType}`;
    if (!party.has(k)) party.set(k, { name: k, creditCode: k, regionCode: region, orgType });
    return party.get(k)!;
  };
  const ips = [
    [],
    [],
    [{ type: 'invention', number: 'ZL1', title: 'x' }],
    [{ type: 'know_how', number: '', title: 'x' }],
    [{ type: 'software', number: 'R1', title: 'x' }],
  ];
  const brokers = [
    null,
    null,
    null,
    ...Array.from({ length: 60 }, (_, i) => ({ name: `b${i}`, certNo: `LN-TB-${i}`, commissionFen: 0 })),
  ];
  const days: string[] = [];
  for (let y = 2024; y <= 2026; y++)
    for (let m = 1; m <= 12; m++) for (const d of [5, 15, 25]) days.push(`${y}-${String(m).padStart(2, '0')}-${d}`);
  const out: TallySource[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const seller = cities[Math.floor(r() * cities.length)];
    const buyer = r() < 0.6 ? cities[Math.floor(r() * cities.length)] : outside[Math.floor(r() * outside.length)];
    const amountFen = Math.round(5 * Math.pow(1600, r() * r())) * 1_000_000;
    const d = Math.floor(r() * days.length);
    const status = r() < 0.8 ? 'registered' : (['signed', 'filed', 'rejected', 'draft'] as const)[Math.floor(r() * 4)];
    out[i] = {
      status,
      submarketCode: `SM-${seller}`,
      terms: {
        category: categories[Math.floor(r() * categories.length)],
        fieldCode: technicalFields[Math.floor(r() * technicalFields.length)].code,
        seller: partyOf(seller, orgTypes[Math.floor(r() * 4)]) as never,
        buyer: partyOf(buyer, orgTypes[Math.floor(r() * orgTypes.length)]) as never,
        amountFen,
        techAmountFen: amountFen,
        signedOn: days[d],
        ip: ips[Math.floor(r() * ips.length)] as never,
        broker: brokers[Math.floor(r() * brokers.length)],
      },
      registration:
        status === 'registered'
          ? {
              assessedTechAmountFen: Math.floor(amountFen * 0.9),
              registeredAt: days[Math.min(days.length - 1, d + Math.floor(r() * 3))],
            }
          : null,
    };
  }
  return out;
}
