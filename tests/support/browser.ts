import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { onFailure, type FailureInfo } from '../../api/src/test-support/diagnostics';
import { eventually } from '../../api/src/test-support/harness';

/** Screenshots land here (git-ignored) so a person can look at what the browser saw. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '../artifacts');
/** Screenshots of every open page when a test fails (emptied at the start of a run; CI prints the path). */
export const FAILURES_DIR = path.join(ARTIFACTS_DIR, 'failures');

/** The system's Chromium (Debian package), headless; no downloads, no background traffic. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts Chromium and, for as long as it runs, saves a screenshot of each of its open pages when a test
 * of this file fails (see onFailure): the report names the files and the page addresses.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Every context asks for reduced motion, which the web app honours by turning antd's animations off:
      // a click on a modal or popup still zooming in can land beside its target (seen as rare CI failures).
      '--force-prefers-reduced-motion',
    ],
  });
  const forget = onFailure((info) => screenshotOpenPages(browser, info));
  browser.on('disconnected', forget);
  return browser;
}

const slug = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

async function screenshotOpenPages(browser: Browser, info: FailureInfo): Promise<string | null> {
  if (!browser.isConnected()) return null;
  const pages = browser.contexts().flatMap((c) => c.pages());
  if (pages.length === 0) return null;
  const dir = path.join(FAILURES_DIR, slug(info.file));
  fs.mkdirSync(dir, { recursive: true });
  const lines = [`screenshots of the ${pages.length} open pages (in ${dir}):`];
  for (const [i, page] of pages.entries()) {
    const file = path.join(dir, `${slug(info.name)}-${i + 1}.png`);
    // Short: a page that cannot paint within 5 s says so rather than holding the report up.
    const saved = await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 5_000 }).then(
      () => file,
      (err: Error) => `(no screenshot: ${err.message.split('\n')[0]})`,
    );
    lines.push(`  page ${i + 1} at ${page.url()}: ${saved}`);
  }
  return lines.join('\n');
}

/**
 * A fresh, isolated context (own cookies and localStorage), one per role. Desktop-sized, with a Chinese
 * browser locale like the site's audience; actions fail well before Jest's test timeout so the
 * failure names the step.
 */
export async function newContext(browser: Browser, opts: { locale?: string } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/**
 * Uncaught exceptions and console errors of a page, for asserting that a flow ran cleanly: recorded into
 * `errors` (a new array unless one is given, e.g. shared by a test file's pages) as they happen. Failed
 * resource loads (e.g. the expected 401 of /api/auth/me for a visitor) are not counted.
 */
export function collectPageErrors(page: Page, errors: string[] = []): string[] {
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      errors.push(`console.error: ${msg.text()}`);
    }
  });
  return errors;
}

/** Full-page PNG at tests/artifacts/<name>.png, taken once web fonts have loaded; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  // A string, not a function: the root tsconfig that ts-jest compiles with has no DOM types.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Clicks a main-navigation entry (`nav-<key>`) the way a person would: directly when it is in the bar, or
 * through the bar's 更多 / More submenu, which holds the entries of a role with more than the bar shows.
 */
export async function clickNav(page: Page, key: string): Promise<void> {
  // The role's entries appear once the signed-in user has loaded: wait for the entry or the More menu.
  const inBar = page.locator(`.main-nav > li [data-testid="nav-${key}"]`);
  const more = page.locator('.main-nav [data-testid="nav-more"]');
  await inBar.or(more).first().waitFor();
  if (await inBar.count()) return inBar.click();
  await openMore(page);
  await clickWhenStill(page, page.locator(`.main-nav__more [data-testid="nav-${key}"]`));
}

/**
 * Opens the bar's 更多 / More submenu by hovering it, as a person would, and waits until its entries have
 * stopped moving. The bar is still being laid out while the role's entries and web fonts arrive, so a hover
 * can land where 更多 was a frame earlier and open nothing (seen in CI): the pointer then leaves and comes
 * back, a few times, before this gives up.
 */
export async function openMore(page: Page): Promise<Locator> {
  const more = page.locator('.main-nav [data-testid="nav-more"]');
  const last = page.locator('.main-nav__more [data-testid^="nav-"]').last();
  for (let attempt = 1; ; attempt++) {
    await more.hover();
    try {
      await last.waitFor({ timeout: 3_000 });
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
      await page.mouse.move(0, 0);
    }
  }
  await waitUntilStill(page, last);
  return page.locator('.main-nav__more');
}

/**
 * Clicks an item of a popup (dropdown, overflow menu) once it has stopped moving: antd popups zoom in, and a
 * click during the animation can land beside the item and close the popup instead (seen under load). What
 * is awaited is the popup's own state: rc-motion marks it with `*-enter`/`*-appear` classes until its
 * animation has ended, and the item's box must then stay put from one frame to the next.
 */
export async function clickWhenStill(page: Page, item: Locator): Promise<void> {
  await waitUntilStill(page, item);
  await item.click();
}

/**
 * Waits until an element of a popup or modal has stopped moving (see clickWhenStill), for actions other
 * than a click — checking a box in a modal that is still zooming in can land beside it (seen in CI: "Clicking
 * the checkbox did not change its state").
 */
export async function waitUntilStill(_page: Page, item: Locator): Promise<void> {
  await item.waitFor();
  const settledIn = await item.evaluate(
    // No DOM types in the tsconfig ts-jest compiles with: the page's globals are reached through `any`.
    (el: any) =>
      new Promise<string>((resolve) => {
        const g = globalThis as any;
        const started = g.performance.now();
        let last = '';
        const frame = () => {
          const moving = el.closest('[class*="-enter"], [class*="-appear"], [class*="-leave"]');
          const r = el.getBoundingClientRect();
          const box = `${r.x},${r.y},${r.width},${r.height}`;
          if (!moving && box === last) return resolve('still');
          // A bound on a hang, not a timing: report what kept moving instead of waiting for Jest's timeout.
          if (g.performance.now() - started > 10_000)
            return resolve(`still moving after 10 s: ${moving ? moving.className : box}`);
          last = box;
          g.requestAnimationFrame(frame);
        };
        g.requestAnimationFrame(frame);
      }),
  );
  if (settledIn !== 'still') throw new Error(`waitUntilStill: the popup item ${item} is ${settledIn}`);
}

export { eventually };

/**
 * Picks an option of an antd Select by its form field id and visible label (typing `search` first for long
 * lists), clicking the option only once its popup has stopped moving (clickWhenStill: a pointer click while
 * the popup is still being placed can land where the option was a frame before, and then nothing is
 * picked — seen in a repeat run), and waits until the select shows it. `escape` closes what is left open
 * (a multiple select's popup).
 */
export async function pickOption(
  page: Page,
  inputId: string,
  label: string,
  opts: { search?: string; escape?: boolean } = {},
): Promise<void> {
  const select = page.locator('.ant-select', { has: page.locator(`#${inputId}`) });
  await select.click();
  if (opts.search) await page.locator(`#${inputId}`).fill(opts.search);
  await clickWhenStill(page, page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`));
  await eventually(
    'the select shows the picked option',
    () => text(select),
    (v) => expect(v).toContain(label),
  );
  if (opts.escape) await page.keyboard.press('Escape');
}

/** The trimmed text of an element. */
export const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

/** A new context with one page, signed in as `email` through the login form; its page errors go into `errors`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  password: string,
  errors: string[],
): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  collectPageErrors(page, errors);
  await signInThroughForm(page, baseUrl, email, password);
  return page;
}

/**
 * Signs in through the login form on this page and waits until the app shows the signed-in user and the
 * welcome toast has gone (at 1280 px it covers the menu's "…" overflow).
 */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByTestId('user-menu').waitFor();
  await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
}
