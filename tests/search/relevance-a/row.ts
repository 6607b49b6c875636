/** One listing of set A: id, kind, field code, title, comma-separated keywords, summary. */
export type Row = [
  id: string,
  kind: 'achievement' | 'need',
  field: string,
  title: string,
  keywords: string,
  summary: string,
];
