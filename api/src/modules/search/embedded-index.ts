/**
 * The data structures of the embedded engine: append-only posting lists in typed arrays, and columns of
 * the filterable attributes. Internal document numbers only grow, so every posting list is sorted and
 * intersections are linear merges; an update retires the old number (tombstone) and appends a new one.
 */
export class Postings {
  ids = new Int32Array(4);
  weights = new Float32Array(4);
  n = 0;
  push(id: number, w: number) {
    if (this.n === this.ids.length) {
      const ids = new Int32Array(this.n * 2);
      ids.set(this.ids);
      this.ids = ids;
      const weights = new Float32Array(this.n * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.ids[this.n] = id;
    this.weights[this.n++] = w;
  }
}

/** Document numbers in ascending order (they are appended as documents are added). */
export class IdList {
  ids = new Int32Array(2);
  n = 0;
  push(id: number) {
    if (this.n === this.ids.length) {
      const ids = new Int32Array(this.n * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.n++] = id;
  }
  has(id: number): boolean {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.n && this.ids[lo] === id;
  }
}

/** A growable typed array. */
export class Column<T extends Float64Array | Uint16Array | Uint32Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, v: number) {
    if (i >= this.data.length) {
      let size = this.data.length * 2;
      while (size <= i) size *= 2;
      const next = this.make(size);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[i] = v;
  }
}

/** A single-valued categorical attribute: value ↔ small code, code 0 meaning "none". */
export class Categorical {
  readonly dict = new Map<string, number>();
  readonly values: string[] = [''];
  readonly col = new Column((n) => new Uint16Array(n));
  code(value: string | null | undefined): number {
    if (value === null || value === undefined || value === '') return 0;
    let c = this.dict.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.dict.set(value, c);
    }
    return c;
  }
  set(i: number, value: string | null | undefined) {
    this.col.set(i, this.code(value));
  }
  /** Codes of the wanted values as a lookup table (unknown values match nothing). */
  wanted(values: string[]): Uint8Array {
    const table = new Uint8Array(this.values.length + 1);
    for (const v of values) {
      const c = this.dict.get(v);
      if (c !== undefined) table[c] = 1;
    }
    return table;
  }
}

/** A multi-valued attribute with at most 32 distinct values, stored as a bit mask per document. */
export class MultiValued {
  readonly dict = new Map<string, number>();
  readonly values: string[] = [];
  readonly col = new Column((n) => new Uint32Array(n));
  set(i: number, values: string[]) {
    let mask = 0;
    for (const v of values) {
      let bit = this.dict.get(v);
      if (bit === undefined) {
        if (this.values.length >= 32) continue;
        bit = this.values.length;
        this.values.push(v);
        this.dict.set(v, bit);
      }
      mask |= 1 << bit;
    }
    this.col.set(i, mask >>> 0);
  }
  mask(values: string[]): number {
    let m = 0;
    for (const v of values) {
      const bit = this.dict.get(v);
      if (bit !== undefined) m |= 1 << bit;
    }
    return m >>> 0;
  }
}

/** Sorted (id, score) pairs: the result of matching one query term. */
export interface Matches {
  ids: Int32Array;
  scores: Float64Array;
  n: number;
}

/** Intersection of two sorted match lists, adding scores; gallops when one side is much shorter. */
export function intersect(a: Matches, b: Matches): Matches {
  if (a.n > b.n) [a, b] = [b, a];
  const ids = new Int32Array(a.n);
  const scores = new Float64Array(a.n);
  let n = 0;
  let j = 0;
  const gallop = b.n > a.n * 16;
  for (let i = 0; i < a.n && j < b.n; i++) {
    const id = a.ids[i];
    if (gallop) {
      let lo = j;
      let hi = b.n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b.ids[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    } else {
      while (j < b.n && b.ids[j] < id) j++;
    }
    if (j < b.n && b.ids[j] === id) {
      ids[n] = id;
      scores[n++] = a.scores[i] + b.scores[j];
      j++;
    }
  }
  return { ids, scores, n };
}

/** The entries of `a` whose ids are also in `within` (scores of `a` kept); gallops through the longer list. */
export function restrict(a: Matches, within: Matches): Matches {
  const ids = new Int32Array(Math.min(a.n, within.n));
  const scores = new Float64Array(ids.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.n && j < within.n; i++) {
    const id = a.ids[i];
    let lo = j;
    let hi = within.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (within.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    j = lo;
    if (j < within.n && within.ids[j] === id) {
      ids[n] = id;
      scores[n++] = a.scores[i];
    }
  }
  return { ids, scores, n };
}

/** The entries of a posting list for the documents of `within` (both ascending), scored from their weights. */
export function lookupWithin(p: Postings, within: Matches, score: (w: number) => number): Matches {
  const out: Matches = { ids: new Int32Array(within.n), scores: new Float64Array(within.n), n: 0 };
  let lo = 0;
  for (let k = 0; k < within.n; k++) {
    const id = within.ids[k];
    let hi = p.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (p.ids[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < p.n && p.ids[lo] === id) {
      out.ids[out.n] = id;
      out.scores[out.n++] = score(p.weights[lo]);
    }
  }
  return out;
}

/** Union of several sorted match lists, keeping the best score per id (pairwise linear merges). */
export function union(lists: Matches[]): Matches {
  let acc = lists[0];
  for (let l = 1; l < lists.length; l++) acc = merge(acc, lists[l]);
  return acc;
}

function merge(a: Matches, b: Matches): Matches {
  const ids = new Int32Array(a.n + b.n);
  const scores = new Float64Array(a.n + b.n);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.n || j < b.n) {
    if (j >= b.n || (i < a.n && a.ids[i] < b.ids[j])) {
      ids[n] = a.ids[i];
      scores[n++] = a.scores[i++];
    } else if (i >= a.n || b.ids[j] < a.ids[i]) {
      ids[n] = b.ids[j];
      scores[n++] = b.scores[j++];
    } else {
      ids[n] = a.ids[i];
      scores[n++] = Math.max(a.scores[i++], b.scores[j++]);
    }
  }
  return { ids, scores, n };
}
