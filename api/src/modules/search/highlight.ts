import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from './search-engine';

const cache = new Map<string, RegExp | null>();

/** One case-insensitive alternation of the matched terms, longest first (cached per term set). */
function termRegex(terms: Set<string>): RegExp | null {
  const key = [...terms].sort().join('\u0001');
  let re = cache.get(key);
  if (re === undefined) {
    const parts = [...terms]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex);
    re = parts.length ? new RegExp(parts.join('|'), 'gi') : null;
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/**
 * Wraps occurrences of the matched terms in highlight markers. Latin terms match at word starts only (so
 * "ai" does not light up "maintain"); Chinese terms anywhere.
 */
export function highlightText(text: string, terms: Set<string>): string {
  const re = termRegex(terms);
  if (!re || !text) return text;
  re.lastIndex = 0;
  return text.replace(re, (m, offset: number) => {
    const before = offset > 0 ? text[offset - 1] : '';
    if (/^[a-z0-9]/i.test(m) && /[a-z0-9]/i.test(before)) return m;
    return `${HIGHLIGHT_PRE}${m}${HIGHLIGHT_POST}`;
  });
}

/** About `length` characters around the first highlight (the start of the text when none). */
export function snippet(marked: string, pre: string, length = 120): string {
  const chars = [...marked];
  if (chars.length <= length) return marked;
  const first = chars.indexOf(pre);
  let start = first < 0 ? 0 : Math.max(0, first - 30);
  // Never cut inside a highlight.
  const open = chars.lastIndexOf(pre, start);
  const close = chars.lastIndexOf(HIGHLIGHT_POST, start);
  if (open > close) start = open;
  let end = Math.min(chars.length, start + length);
  const openBeforeEnd = chars.lastIndexOf(pre, end - 1);
  const closeBeforeEnd = chars.lastIndexOf(HIGHLIGHT_POST, end - 1);
  if (openBeforeEnd > closeBeforeEnd) end = chars.indexOf(HIGHLIGHT_POST, openBeforeEnd) + 1;
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
