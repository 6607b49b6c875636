/** What the paper-contract browser tests (contracts-entry-*.test.ts) share. */
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/** Full-page screenshots of the current page on a desktop (1440×900) and a phone (390×844), then back to the default size. */
export async function bothSizes(p: Page, name: string) {
  for (const [w, h, suffix] of [
    [1440, 900, 'desktop'],
    [390, 844, 'mobile'],
  ] as const) {
    await p.setViewportSize({ width: w, height: h });
    await p.waitForTimeout(300);
    await screenshot(p, `${name}-${suffix}`);
  }
  await p.setViewportSize({ width: 1280, height: 860 });
}
