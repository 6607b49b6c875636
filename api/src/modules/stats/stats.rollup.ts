import type { ContractTerms, StatBucket, StatDim } from '../../shared/contract-schemas';
import { liaoningRegionCodes } from '../../shared/taxonomy';
import type { Contribution } from '../contracts/contract.model';
import type { RollupRow } from './stats.model';

/**
 * Pure rollup arithmetic, shared by the live applier, `npm run rebuild-stats` and the benchmark.
 *
 * A contract contributes (1, amount, technology amount) to the rows of its status bucket, in the month
 * that bucket dates from (registered: the registration date; otherwise the signing date), under its seller
 * region, once per dimension value. A change applies next − previous contribution, so the same event
 * applied twice (guarded by the contract version) changes nothing.
 */
export interface TallySource {
  status: string;
  terms: Pick<
    ContractTerms,
    'category' | 'fieldCode' | 'seller' | 'buyer' | 'amountFen' | 'techAmountFen' | 'signedOn' | 'ip' | 'broker'
  >;
  submarketCode: string;
  registration: { assessedTechAmountFen: number; registeredAt: Date | string } | null;
}

const bucketOf: Record<string, StatBucket | undefined> = {
  signed: 'signed',
  filed: 'filed',
  registered: 'registered',
  rejected: 'rejected',
};

export const flowOf = (buyerRegion: string) =>
  buyerRegion === '990000' ? 'abroad' : liaoningRegionCodes.includes(buyerRegion) ? 'intra' : 'inter';
export const tallyOrgType = (t: string) =>
  t === 'enterprise'
    ? 'enterprise'
    : t === 'university'
      ? 'university'
      : t === 'institute' || t === 'rd_institution'
        ? 'institute'
        : 'other';
export const monthNumber = (d: Date | string) => {
  const s = typeof d === 'string' ? d : d.toISOString();
  return Number(s.slice(0, 4)) * 100 + Number(s.slice(5, 7));
};

/** The dimension values a contract counts under (ip may repeat with several IP types). */
export function dimValues(c: TallySource): Array<[StatDim, string]> {
  const t = c.terms;
  const ipTypes = [...new Set(t.ip.map((i) => i.type))];
  return [
    ['total', 'all'],
    ['category', t.category],
    ['field', t.fieldCode],
    ['sellerRegion', t.seller.regionCode],
    ['buyerRegion', t.buyer.regionCode],
    ['flow', flowOf(t.buyer.regionCode)],
    ['sellerType', tallyOrgType(t.seller.orgType)],
    ['buyerType', tallyOrgType(t.buyer.orgType)],
    ['submarket', c.submarketCode],
    ['broker', t.broker ? t.broker.certNo || t.broker.name : 'none'],
    ['route', `${t.seller.regionCode}>${t.buyer.regionCode}`],
    ...(ipTypes.length ? ipTypes.map((i): [StatDim, string] => ['ip', i]) : [['ip', 'none'] as [StatDim, string]]),
  ];
}

export const rowKey = (month: number, sellerRegion: string, dim: string, value: string) =>
  `${month}|${sellerRegion}|${dim}|${value}`;

export function contributionOf(c: TallySource): Contribution | null {
  const bucket = bucketOf[c.status];
  if (!bucket) return null;
  const registered = bucket === 'registered' && c.registration;
  const date = registered ? c.registration!.registeredAt : c.terms.signedOn;
  if (!date) return null;
  const month = monthNumber(date);
  const sellerRegion = c.terms.seller.regionCode;
  return {
    bucket,
    month,
    sellerRegion,
    keys: dimValues(c).map(([d, v]) => rowKey(month, sellerRegion, d, v)),
    amountFen: c.terms.amountFen,
    techFen: registered ? c.registration!.assessedTechAmountFen : c.terms.techAmountFen,
  };
}

export type RowIncrements = Map<string, Record<string, number>>;

/** next − prev as $inc per row key; rows whose increments cancel out are left alone. */
export function deltaOf(prev: Contribution | null, next: Contribution | null): RowIncrements {
  const out: RowIncrements = new Map();
  const add = (c: Contribution | null, sign: 1 | -1) => {
    if (!c) return;
    for (const key of c.keys) {
      const inc = out.get(key) ?? {};
      inc[`${c.bucket}N`] = (inc[`${c.bucket}N`] ?? 0) + sign;
      inc[`${c.bucket}Amt`] = (inc[`${c.bucket}Amt`] ?? 0) + sign * c.amountFen;
      inc[`${c.bucket}Tech`] = (inc[`${c.bucket}Tech`] ?? 0) + sign * c.techFen;
      out.set(key, inc);
    }
  };
  add(prev, -1);
  add(next, 1);
  for (const [key, inc] of out) {
    for (const f of Object.keys(inc)) if (inc[f] === 0) delete inc[f];
    if (Object.keys(inc).length === 0) out.delete(key);
  }
  return out;
}

export function parseKey(key: string) {
  const [month, sellerRegion, dim, ...rest] = key.split('|');
  return { month: Number(month), sellerRegion, dim, value: rest.join('|') };
}

/** Where a row lives in the database (rollup-store.ts): the (dimension, year) document and its cell. */
export function cellOf(key: string): { docId: string; dim: string; year: number; cell: string } {
  const { month, sellerRegion, dim, value } = parseKey(key);
  const year = Math.floor(month / 100);
  return {
    docId: `${dim}|${year}`,
    dim,
    year,
    cell: `${sellerRegion}|${value.replace(/[.$]/g, '_')}|${String(month % 100).padStart(2, '0')}`,
  };
}

/** In-memory rows as the documents the rollup collection stores (rebuild, bulk load, benchmark). */
export function rowsToDocs(
  rows: Map<string, RollupRow>,
): Array<{ _id: string; dim: string; year: number; cells: Record<string, Record<string, number>> }> {
  const docs = new Map<
    string,
    { _id: string; dim: string; year: number; cells: Record<string, Record<string, number>> }
  >();
  for (const [key, row] of rows) {
    const { docId, dim, year, cell } = cellOf(key);
    let doc = docs.get(docId);
    if (!doc) docs.set(docId, (doc = { _id: docId, dim, year, cells: {} }));
    const fields: Record<string, number> = {};
    for (const [f, v] of Object.entries(row)) if (typeof v === 'number' && f !== 'month') fields[f] = v;
    doc.cells[cell] = fields;
  }
  return [...docs.values()];
}

/** Adds increments into in-memory rows (rebuild and benchmark build rows exactly as the live $inc does). */
export function accumulate(rows: Map<string, RollupRow>, inc: RowIncrements): void {
  for (const [key, fields] of inc) {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { _id: key, ...parseKey(key) }));
    const r = row as Record<string, unknown>;
    for (const [f, v] of Object.entries(fields)) r[f] = ((r[f] as number | undefined) ?? 0) + v;
  }
}
