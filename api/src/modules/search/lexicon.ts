import { technicalFields } from '../../shared/taxonomy';
import { glossaryRows } from './data/glossary';
import { distinctLonger, thesaurusRows } from './data/thesaurus';
import { HAN, keyOf, normalize, runs, sameHead } from './tokenizer';

/**
 * Query-time vocabulary of the domain: the glossary (English, abbreviations, formulas ↔ Chinese), the
 * thesaurus (wordings of one concept, near terms) and the field taxonomy's zh ↔ en labels. It turns a
 * query into concepts — the typed words plus the alternatives that should find the same listings, each
 * weighted (exact 1 > translation 0.9 > synonym 0.8 > near term 0.5) — and exports the same pairs as
 * Meilisearch `synonyms`. Engine-agnostic: the embedded engine evaluates concepts itself.
 */
export const WEIGHT = { exact: 1, translation: 0.9, synonym: 0.8, near: 0.5 } as const;
/** Alternatives below this weight (two hops through near terms) are not worth their noise. */
const MIN_WEIGHT = 0.4;
const MAX_ALTERNATIVES = 12;
/** A run of query words looked up as one phrase: "proton exchange membrane fuel cell" is 5 words. */
const MAX_PHRASE_RUNS = 7;
/** Characters a Chinese query can carry between terms without meaning anything (碳纤维的复合材料). */
const STOP_CHARS = new Set([...'的和与及或等在对用于之']);

export interface Alternative {
  text: string;
  weight: number;
  /** Set when the query word is ambiguous across fields (PLC, ADC, PET): the fields this reading belongs to. */
  fields: string[] | null;
  /**
   * Reached from a near term up to the concept it is near (协作机器人 → 工业机器人, then its wordings): a
   * listing found only this way is a sibling or the general case, never what was asked, so it ranks below
   * every listing that holds the typed word or a wording of it, wherever that stands.
   */
  broader: boolean;
}

export interface Concept {
  /** What was typed (normalized). */
  text: string;
  /** Other wordings of the same concept, best first; the typed text itself is not repeated here. */
  alternatives: Alternative[];
}

interface Edge {
  weight: number;
  near: boolean;
  /** From a thesaurus row's near term to the row's term (the reverse of a listed near term). */
  up: boolean;
  fields: Set<string>;
}

export { keyOf };

const split = (s: string | undefined) => (s ? s.split('|').filter(Boolean) : []);
const allHan = (s: string) => [...s].every((c) => HAN.test(c));

export class Lexicon {
  private readonly edges = new Map<string, Map<string, Edge>>();
  /** Fields of the glossary rows each English/abbreviation/formula key occurs in. */
  private readonly readingFields = new Map<string, Set<string>>();
  private readonly hanKeys = new Set<string>();
  /** Abbreviations and formulas: one letter off is another thing (LiCoO2 is not LiCoO3), so no typos. */
  private readonly exact = new Set<string>();
  /** Keys of the general technical words (监测, 处理, system): wordings, never what a listing is about. */
  private readonly general = new Set<string>();
  private maxHan = 2;
  private readonly cache = new Map<string, Alternative[]>();
  private hops = 2;

  /** The repository's glossary, thesaurus and taxonomy labels. */
  static fromData(): Lexicon {
    const lex = new Lexicon();
    for (const [row, zh, en, abbr, formula] of glossaryRows) {
      // General words (`*`) belong to no field and make no abbreviation ambiguous.
      const field = row === '*' ? '' : row;
      const foreign = [...split(en), ...split(abbr), ...split(formula)];
      lex.group(split(zh), WEIGHT.synonym, field);
      lex.group(foreign, WEIGHT.translation, field);
      if (!field) for (const t of [...split(zh), ...foreign]) lex.general.add(keyOf(t));
      for (const t of [...split(abbr), ...split(formula)]) if (!keyOf(t).includes(' ')) lex.exact.add(keyOf(t));
      if (field)
        for (const f of foreign)
          lex.readingFields.set(keyOf(f), (lex.readingFields.get(keyOf(f)) ?? new Set()).add(field));
      for (const z of split(zh)) for (const f of foreign) lex.pair(z, f, WEIGHT.translation, false, field);
    }
    for (const [field, terms, near] of thesaurusRows) {
      lex.group(split(terms), WEIGHT.synonym, field);
      for (const t of split(terms))
        for (const n of split(near)) {
          lex.edge(t, n, WEIGHT.near, true, field);
          lex.edge(n, t, WEIGHT.near, true, field, sameHead(n, t));
        }
    }
    for (const f of technicalFields)
      for (const c of f.children)
        if (keyOf(c.zh) !== keyOf(c.en)) lex.pair(c.zh, c.en, WEIGHT.translation, false, f.code);
    return lex;
  }

  /** Equivalence groups as Meilisearch stores them (key → words), e.g. to mirror an index's settings. */
  static fromSynonyms(
    synonyms: Record<string, string[]>,
    weight: number = WEIGHT.synonym,
    exactWords: readonly string[] = [],
  ): Lexicon {
    const lex = new Lexicon();
    for (const w of exactWords) lex.exact.add(keyOf(w));
    // Each key already lists everything it reaches: one hop, as Meilisearch applies them.
    lex.hops = 1;
    for (const [k, vs] of Object.entries(synonyms)) for (const v of vs) lex.edge(k, v, weight, false, '');
    return lex;
  }

  private group(terms: string[], weight: number, field: string) {
    for (const a of terms) for (const b of terms) if (a !== b) this.edge(a, b, weight, false, field);
    for (const t of terms) this.note(t);
  }

  private pair(a: string, b: string, weight: number, near: boolean, field: string) {
    this.edge(a, b, weight, near, field);
    this.edge(b, a, weight, near, field);
  }

  private note(text: string) {
    const k = keyOf(text);
    if (!k) return;
    if (allHan(k)) {
      this.hanKeys.add(k);
      this.maxHan = Math.max(this.maxHan, [...k].length);
    }
  }

  private edge(a: string, b: string, weight: number, near: boolean, field: string, up = false) {
    const ka = keyOf(a);
    const kb = keyOf(b);
    if (!ka || !kb || ka === kb) return;
    this.note(a);
    this.note(b);
    const out = this.edges.get(ka) ?? new Map<string, Edge>();
    this.edges.set(ka, out);
    const e = out.get(kb);
    if (!e) out.set(kb, { weight, near, up, fields: new Set(field ? [field] : []) });
    else {
      // The stronger relation wins (a pair that is both a synonym and a near term is a synonym).
      if (weight > e.weight) Object.assign(e, { weight, near, up });
      // Listed both ways (焊缝跟踪 near 焊接机器人 and back): not only upwards.
      else if (weight === e.weight && !up) e.up = false;
      if (field) e.fields.add(field);
    }
  }

  has(text: string): boolean {
    return this.edges.has(keyOf(text));
  }

  /** Words matched only as written (abbreviations, formulas): Meilisearch's `typoTolerance.disableOnWords`. */
  exactWords(): string[] {
    return [...this.exact].sort();
  }

  isExactWord(word: string): boolean {
    return this.exact.has(word);
  }

  isGeneral(text: string): boolean {
    return this.general.has(keyOf(text));
  }

  /** An abbreviation read differently in different fields (PLC, ADC): a shared one proves nothing across fields. */
  isAmbiguous(text: string): boolean {
    return (this.readingFields.get(keyOf(text))?.size ?? 0) > 1;
  }

  /**
   * Alternatives of one key: its direct relations, and one more hop through a translation or synonym
   * (wastewater → 废水处理 → 污水处理), never through two near terms. An ambiguous key (one reading per
   * field) keeps the fields of each reading; with `fields` (the query's field filter) only those readings.
   */
  alternatives(text: string, fields?: readonly string[]): Alternative[] {
    const key = keyOf(text);
    const cacheKey = fields?.length ? `${key}\u0001${[...fields].sort().join(',')}` : key;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const ambiguous = (this.readingFields.get(key)?.size ?? 0) > 1;
    const best = new Map<string, Alternative>();
    const offer = (k: string, weight: number, edgeFields: Set<string>, broader: boolean) => {
      if (k === key || weight < MIN_WEIGHT) return;
      // 抗体偶联药物 → ADC is that reading of ADC only: an ADC chip listing is off its field.
      const readings = ambiguous || this.isAmbiguous(k) ? [...edgeFields] : null;
      if (readings && fields?.length && !readings.some((f) => fields.includes(f))) return;
      const prev = best.get(k);
      if (!prev || prev.weight < weight || (prev.weight === weight && prev.broader && !broader))
        best.set(k, { text: k, weight, fields: readings, broader });
    };
    for (const [k1, e1] of this.edges.get(key) ?? []) {
      offer(k1, e1.weight, e1.fields, e1.up);
      for (const [k2, e2] of this.hops > 1 ? (this.edges.get(k1) ?? []) : []) {
        if (e1.near && e2.near) continue;
        // The second hop keeps the first hop's reading: PLC → 可编程逻辑控制器 → its synonyms stay EQP.
        offer(k2, e1.weight * e2.weight, e1.fields, e1.up || e2.up);
      }
    }
    const out = [...best.values()]
      .sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text))
      .slice(0, MAX_ALTERNATIVES);
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(cacheKey, out);
    return out;
  }

  /**
   * The query as concepts. Consecutive words are looked up as the longest known phrase ("lithium iron
   * phosphate", "3D 打印"); a Chinese run that is not a term itself is split into the known terms it holds
   * (污水处理技术 → 污水处理 + 技术), so each gets its synonyms. What is unknown stays as typed.
   */
  expand(q: string, fields?: readonly string[]): Concept[] {
    const rs = runs(normalize(q)).slice(0, 12);
    const out: Concept[] = [];
    const concept = (text: string): Concept => ({ text, alternatives: this.alternatives(text, fields) });
    for (let i = 0; i < rs.length;) {
      let taken = 0;
      for (let n = Math.min(MAX_PHRASE_RUNS, rs.length - i); n >= 1 && !taken; n--) {
        const phrase = rs
          .slice(i, i + n)
          .map((r) => r.text)
          .join(' ');
        if (this.edges.has(phrase)) {
          out.push(concept(phrase));
          taken = n;
        }
      }
      if (taken) {
        i += taken;
        continue;
      }
      const r = rs[i++];
      if (!r.cjk) out.push(concept(r.text));
      else
        out.push(...this.segment(r.text).map((s) => (s.known ? concept(s.text) : { text: s.text, alternatives: [] })));
    }
    return out;
  }

  /** Forward maximum matching over known Chinese terms; one-character leftovers join a neighbour or go. */
  private segment(run: string): Array<{ text: string; known: boolean }> {
    const chars = [...run];
    const segs: Array<{ text: string; known: boolean }> = [];
    let unknown = '';
    for (let i = 0; i < chars.length;) {
      let len = Math.min(this.maxHan, chars.length - i);
      // General words (检测, 系统) do not split a run: 检测系统 stays one wording, its bigrams AND-ed, which is
      // both what was meant and far cheaper than two concepts of thousands of listings each.
      while (len >= 2 && !this.isTerm(chars.slice(i, i + len).join(''))) len--;
      if (len >= 2) {
        if (unknown) segs.push({ text: unknown, known: false });
        unknown = '';
        segs.push({ text: chars.slice(i, i + len).join(''), known: true });
        i += len;
      } else unknown += chars[i++];
    }
    if (unknown) segs.push({ text: unknown, known: false });
    if (!segs.some((s) => s.known)) return [{ text: run, known: false }];
    const out: Array<{ text: string; known: boolean }> = [];
    for (const s of segs) {
      if (s.known || [...s.text].length > 1) out.push(s);
      else if (STOP_CHARS.has(s.text)) continue;
      // A lone character belongs to a word with its neighbour (高强钢 → 高 + 强钢?): keep the pair as typed.
      else if (out.length) out[out.length - 1] = { text: out[out.length - 1].text + s.text, known: false };
      else out.push(s);
    }
    // A lone leading character left on its own joins the next segment.
    if (out.length > 1 && [...out[0].text].length === 1) {
      out.splice(0, 2, { text: out[0].text + out[1].text, known: false });
    }
    return out;
  }

  private isTerm(han: string): boolean {
    return this.hanKeys.has(han) && !this.general.has(han);
  }

  /** Longer terms that contain `text` without being a kind of it (石墨 → 石墨烯). */
  distinctLonger(text: string): string[] {
    return distinctLonger[text] ?? [];
  }

  /** All Chinese terms, for the pinyin vocabulary's same-sound corrections. */
  hanTerms(): string[] {
    return [...this.hanKeys];
  }
}

let shared: Lexicon | null = null;
/** The lexicon built from the repository's data (built once; it is immutable). */
export function defaultLexicon(): Lexicon {
  return (shared ??= Lexicon.fromData());
}
