/** What the shell browser tests (shell-*.test.ts) share: the page's language and the session cookie. */
import type { BrowserContext, Page } from 'playwright-core';

const SESSION_COOKIE = 'nekj_session';

export const htmlLang = (page: Page) => page.evaluate('document.documentElement.lang') as Promise<string>;
export const storedLang = (page: Page) => page.evaluate(`localStorage.getItem('nekj.lang')`) as Promise<string | null>;
export const sessionCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
