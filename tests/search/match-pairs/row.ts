/** One listing of the match set: id, field, subfield, region, title, comma-separated keywords, summary, price in 万元. */
export type Row = [
  id: string,
  field: string,
  sub: string,
  region: string,
  title: string,
  keywords: string,
  summary: string,
  wan: number,
];

/** 沈阳 and 大连, the two regions of the set. */
export const SY = '210100';
export const DL = '210200';
