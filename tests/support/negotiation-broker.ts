/** What the broker and operator browser tests (negotiation-broker-*.test.ts) share. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { publish } from '../../api/src/test-support/catalog-fixtures';
import type { TestApp } from '../../api/src/test-support/harness';
import { clickWhenStill, collectPageErrors, newContext } from './browser';

export const FIRST_MESSAGE = '您好，我司希望获得该镁合金挤压技术在辽宁省内的许可，想请一位技术经纪人协助。';

/** A browser context signed in with the user's session cookie, on the given path; kept in `contexts` to be closed. */
export async function openSignedIn(
  browser: Browser,
  baseUrl: string,
  contexts: BrowserContext[],
  token: string,
  at: string,
): Promise<{ page: Page; errors: string[] }> {
  const context = await newContext(browser);
  contexts.push(context);
  const { hostname } = new URL(baseUrl);
  await context.addCookies([
    { name: 'nekj_session', value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' },
  ]);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl}${at}`);
  return { page, errors };
}

/** Opens an antd Select inside `scope` and picks the option whose text contains `label`. */
export async function choose(page: Page, scope: Locator, label: string): Promise<void> {
  await scope.locator('.ant-select').first().click();
  await clickWhenStill(
    page,
    page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label })
      .first(),
  );
}

/** A room the other organisation opens on a newly published achievement of the owner's, with a first message if given. */
export async function openAchievementRoom(
  app: TestApp,
  cast: Awaited<ReturnType<TestApp['cast']>>,
  message?: string,
): Promise<string> {
  const achievementId = await publish(app, 'achievements', cast.owner, cast.hubOperator);
  const res = await app.http('POST', '/api/negotiations', {
    token: cast.other.token,
    body: { subject: { kind: 'achievement', id: achievementId }, ...(message ? { message } : {}) },
  });
  return res.body.negotiation.id as string;
}

export const messages = (page: Page) => page.getByTestId('message').locator('.msg__text').allTextContents();
