/** One listing of set B: id, a(chievement) or n(eed), field code, title, comma-separated keywords, summary. */
export type Row = [id: string, kind: 'a' | 'n', field: string, title: string, keywords: string, summary: string];
