/** What the search browser tests (search-*.test.ts) share: the page's hits compared with the API's. */
import type { Page } from 'playwright-core';
import type { TestApp } from '../../api/src/test-support/harness';
import { eventually } from './browser';

/** What the API answers for a query string; the page must show the same. */
export async function apiSearch(app: TestApp, params: Record<string, string>) {
  const res = await app.http('GET', `/api/search?${new URLSearchParams(params).toString()}`);
  expect(res.status).toBe(200);
  return res.body as {
    hits: Array<{ id: string; title: string; highlight: { title: string; summary: string } }>;
    total: number;
    facets: Record<string, Record<string, number>>;
  };
}

export const shownHitIds = (p: Page) =>
  p.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
export const urlParams = (p: Page) => Object.fromEntries(new URL(p.url()).searchParams);

/** Waits until the page lists exactly the API's hits for `params` (in order) and shows its total. */
export async function expectHitsOf(app: TestApp, p: Page, params: Record<string, string>) {
  const expected = await apiSearch(app, params);
  await eventually(
    "the page lists the API's hits for the query, in order",
    () => shownHitIds(p),
    (shown) => expect(shown).toEqual(expected.hits.map((h) => h.id)),
  );
  await eventually(
    "the page's summary shows the API's total",
    () => p.getByTestId('search-summary').getAttribute('data-total'),
    (v) => expect(v).toBe(String(expected.total)),
  );
  return expected;
}

/** Ticks the checkbox of one facet value. */
export const facetOption = (p: Page, facet: string, value: string) =>
  p.locator(`[data-testid="facet-option"][data-facet="${facet}"][data-value="${value}"]`);
