/**
 * The glossary and thesaurus as data: every row is well-formed (a real field, formulas made of real
 * element symbols, abbreviations as written), and every glossary row works at query time — each English
 * term, abbreviation and formula finds a listing worded only in Chinese, and the Chinese term finds a
 * listing worded only in English. One test per row, so a broken row names itself.
 */
import { technicalFields } from '../../shared/taxonomy';
import { glossaryRows } from './data/glossary';
import { distinctLonger, thesaurusRows } from './data/thesaurus';
import { EmbeddedSearchEngine } from './embedded-engine';
import { defaultLexicon } from './lexicon';
import { doc } from './search-engine.contract';
import type { SearchDoc } from './search-engine';

const FIELDS = new Set(technicalFields.map((f) => f.code));
const ELEMENTS = new Set(
  (
    'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr Rb Sr Y ' +
    'Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re ' +
    'Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U'
  ).split(' '),
);
const split = (s: string | undefined) => (s ? s.split('|').filter(Boolean) : []);

/** Element symbols of a formula such as Li4Ti5O12 or NOx (x: a variable count), or null if it does not parse. */
function formulaElements(formula: string): string[] | null {
  const body = formula.replace(/x$/, '');
  const parts = [...body.matchAll(/([A-Z][a-z]?)(\d*)/g)];
  if (parts.map((m) => m[0]).join('') !== body) return null;
  return parts.map((m) => m[1]);
}

describe('glossary rows are well-formed', () => {
  test('when the formula parser reads known formulas, then it returns their elements and rejects junk', () => {
    expect(formulaElements('LiFePO4')).toEqual(['Li', 'Fe', 'P', 'O']);
    expect(formulaElements('NOx')).toEqual(['N', 'O']);
    expect(formulaElements('lifepo4')).toBeNull();
  });

  test.each(glossaryRows.map((r) => [`${r[0]} ${r[1]}`, r] as const))('%s', (_name, row) => {
    const [field, zh, en, abbr, formula] = row;
    expect(FIELDS.has(field) || field === '*').toBe(true);
    expect(split(zh).length).toBeGreaterThan(0);
    for (const z of split(zh)) expect(z).toMatch(/^[\p{Script=Han}A-Z0-9]+$/u);
    for (const e of split(en)) expect(e).toMatch(/^[a-z0-9][a-z0-9 ]*$/);
    for (const a of split(abbr)) expect(a).toMatch(/^[A-Za-z0-9][A-Za-z0-9.-]*$/);
    for (const a of split(abbr)) expect(a).toMatch(/[A-Z]/);
    for (const f of split(formula)) {
      const elements = formulaElements(f);
      expect([f, elements]).toEqual([f, expect.any(Array)]);
      for (const el of elements!) expect([f, el, ELEMENTS.has(el)]).toEqual([f, el, true]);
    }
  });
});

describe('thesaurus rows are well-formed', () => {
  test('when the thesaurus is counted, then it holds at least 300 rows over all 18 fields', () => {
    expect(thesaurusRows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(thesaurusRows.map((r) => r[0]))).toEqual(FIELDS);
  });

  test('when a row is read, then its field is real, its terms are distinct and no near term repeats a term', () => {
    for (const [field, terms, near] of thesaurusRows) {
      expect([terms, FIELDS.has(field)]).toEqual([terms, true]);
      const t = split(terms);
      expect(new Set(t).size).toBe(t.length);
      for (const n of split(near)) expect([terms, t.includes(n)]).toEqual([terms, false]);
    }
  });

  test('when a term has a distinct longer term (石墨 / 石墨烯), then the thesaurus never makes them synonyms', () => {
    const lexicon = defaultLexicon();
    for (const [short, longer] of Object.entries(distinctLonger))
      for (const l of longer) expect([short, lexicon.alternatives(short).map((a) => a.text)]).not.toContainEqual(l);
  });
});

describe('glossary rows work across languages at query time', () => {
  const engine = new EmbeddedSearchEngine();
  const chinese = new Map<number, SearchDoc>();
  const english = new Map<number, SearchDoc>();
  glossaryRows.forEach(([field, zh, en], i) => {
    const z = doc(`zh${i}`, { title: `${split(zh)[0]}技术`, keywords: [split(zh)[0]], fieldCode: field });
    const e = doc(`en${i}`, { title: `${split(en)[0]} technology`, keywords: [split(en)[0]], fieldCode: field });
    chinese.set(i, z);
    english.set(i, e);
    engine.add(z);
    engine.add(e);
  });
  const top10 = (q: string, fieldCode?: string[]) =>
    engine
      .searchSync({ q, filters: { fieldCode }, facets: [], sort: 'relevance', offset: 0, limit: 10 })
      .hits.map((h) => h.doc.id);

  test.each(glossaryRows.map((r, i) => [`${r[0]} ${r[1]}`, r, i] as const))('%s', (_name, row, i) => {
    const [field, zh, en, abbr, formula] = row;
    for (const form of [...split(en), ...split(abbr), ...split(formula)]) {
      // An abbreviation with two readings (PLC, ADC) is asked within its field, as a filtered search would.
      const ambiguous = glossaryRows.filter((r) => split(r[3]).includes(form)).length > 1;
      expect([form, top10(form, ambiguous ? [field] : undefined)]).toEqual([form, expect.arrayContaining([`zh${i}`])]);
    }
    expect([zh, top10(split(zh)[0])]).toEqual([zh, expect.arrayContaining([`en${i}`])]);
  });
});
