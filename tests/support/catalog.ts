/** What the catalogue browser tests (catalog-*.test.ts) share: signed-in actors and the form's tag inputs. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../api/src/test-support/harness';
import { collectPageErrors, newContext } from './browser';

/** Types tags into a "tags" Select (keywords, inventors), one Enter each. */
export async function typeTags(page: Page, inputId: string, values: string[]) {
  const input = page.locator(`#${inputId}`);
  for (const v of values) {
    await input.fill(v);
    await input.press('Enter');
  }
}

export interface Actor {
  context: BrowserContext;
  page: Page;
  errors: string[];
  userId: string;
  orgId?: string;
  token: string;
}

/** A fresh browser context signed in through the login form. */
export async function signInActor(
  browser: Browser,
  baseUrl: string,
  user: { user: { _id: unknown; orgId?: unknown }; email: string; token: string },
): Promise<Actor> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByTestId('user-menu').waitFor();
  return {
    context,
    page,
    errors,
    userId: String(user.user._id),
    orgId: user.user.orgId ? String(user.user.orgId) : undefined,
    token: user.token,
  };
}
