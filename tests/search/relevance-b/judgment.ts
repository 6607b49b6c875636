/** A graded query of set B, its classes, and the grade sets several queries share. */
export type QueryClass = 'zh' | 'en' | 'en-multi' | 'abbr' | 'formula' | 'synonym' | 'about' | 'near-miss' | 'typo';

export interface Judgment {
  q: string;
  cls: QueryClass;
  rel: Record<string, 1 | 2>;
  notTop3?: string[];
}

export const j = (cls: QueryClass, q: string, rel: Record<string, 1 | 2>, notTop3?: string[]): Judgment => ({
  q,
  cls,
  rel,
  ...(notTop3 ? { notTop3 } : {}),
});

/** The listings about robots (grade 2) and those that use one (grade 1). */
export const ROBOTS = {
  b002: 2,
  b013: 2,
  b160: 2,
  b084: 2,
  b003: 2,
  b103: 2,
  b010: 1,
  b148: 1,
  b014: 1,
  b155: 1,
} as const;
/** The graphene listings: two about it, one that adds a little of it. */
export const GRAPHENE = { b042: 2, b054: 2, b150: 1 } as const;
