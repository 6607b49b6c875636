import { pinyin } from 'pinyin-pro';
import { technicalFields } from '../../shared/taxonomy';
import type { SearchDoc, SearchEngine } from './search-engine';
import { defaultLexicon } from './lexicon';
import { DOMAIN_TERMS } from './synonyms';

const CJK = /[\u4e00-\u9fff]/;
const syllables = (text: string): string[] =>
  pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());

interface Term {
  text: string;
  chars: string[];
  syllables: string[];
  full: string;
  initials: string;
}

/**
 * The domain's terms with their pinyin, for the commonest Chinese typo: a same-sound wrong character typed
 * through a pinyin input method (石墨稀 for 石墨烯, 机器仁 for 机器人), and for pinyin typed into the search
 * box (shimoxi, smx). Terms come from the field taxonomy, the domain glossary and the keywords of every
 * listing the engine indexes (learned through `watch`). Query-side and engine-agnostic: both engines get the
 * corrected query, so both pass the same relevance checks.
 */
export class TermVocabulary {
  private readonly terms = new Map<string, Term>();
  /** Terms by their first syllable, so a correction looks only at terms that can start at a position. */
  private readonly byFirst = new Map<string, Term[]>();

  constructor(seed: Iterable<string> = defaultTerms()) {
    this.learn(seed);
  }

  get size(): number {
    return this.terms.size;
  }

  learn(words: Iterable<string>): void {
    for (const raw of words) {
      const text = raw.trim();
      const chars = [...text];
      // Only all-Chinese terms of 2–12 characters: a one-character "term" would rewrite ordinary words.
      if (chars.length < 2 || chars.length > 12 || !chars.every((c) => CJK.test(c)) || this.terms.has(text)) continue;
      const s = syllables(text);
      if (s.length !== chars.length) continue;
      const term = { text, chars, syllables: s, full: s.join(''), initials: s.map((x) => x[0]).join('') };
      this.terms.set(text, term);
      const list = this.byFirst.get(s[0]) ?? [];
      list.push(term);
      this.byFirst.set(s[0], list);
    }
  }

  /**
   * The query with each same-sound misspelling of a known term replaced by the term (longest term first),
   * or null when nothing sounds like a known term without being it.
   */
  correct(query: string): string | null {
    const chars = [...query];
    if (!chars.some((c) => CJK.test(c))) return null;
    const sounds = chars.map((c) => (CJK.test(c) ? syllables(c)[0] : null));
    const out = [...chars];
    let changed = false;
    for (let i = 0; i < chars.length;) {
      const candidates = sounds[i] ? (this.byFirst.get(sounds[i]!) ?? []) : [];
      let best: Term | null = null;
      for (const t of candidates) {
        if (i + t.chars.length > chars.length || (best && t.chars.length <= best.chars.length)) continue;
        if (t.syllables.every((s, k) => sounds[i + k] === s)) best = t;
      }
      if (best) {
        const window = chars.slice(i, i + best.chars.length).join('');
        if (window !== best.text) {
          out.splice(i, best.chars.length, ...best.chars);
          changed = true;
        }
        i += best.chars.length;
      } else i++;
    }
    return changed ? out.join('') : null;
  }

  /** Terms whose pinyin or initials start with what was typed (shimoxi, smx → 石墨烯), shortest first. */
  fromPinyin(prefix: string, limit = 5): string[] {
    const p = prefix.toLowerCase().replace(/[\s']/g, '');
    if (!/^[a-z]{2,30}$/.test(p)) return [];
    const hits: Term[] = [];
    for (const t of this.terms.values()) if (t.full.startsWith(p) || t.initials.startsWith(p)) hits.push(t);
    return hits
      .sort(
        (a, b) =>
          Number(b.initials === p || b.full === p) - Number(a.initials === p || a.full === p) ||
          a.chars.length - b.chars.length ||
          a.text.localeCompare(b.text, 'zh'),
      )
      .slice(0, limit)
      .map((t) => t.text);
  }
}

function defaultTerms(): string[] {
  const out: string[] = [...DOMAIN_TERMS, ...defaultLexicon().hanTerms()];
  for (const f of technicalFields) {
    out.push(f.zh);
    for (const c of f.children) out.push(c.zh);
  }
  return out;
}

/** The engine, learning the keywords of every listing it indexes into the vocabulary. */
export function learningEngine(engine: SearchEngine, vocabulary: TermVocabulary): SearchEngine {
  const upsert = engine.upsert.bind(engine);
  return Object.assign(engine, {
    upsert: async (docs: SearchDoc[]) => {
      await upsert(docs);
      for (const d of docs) vocabulary.learn(d.keywords);
    },
  });
}
