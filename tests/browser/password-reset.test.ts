/**
 * 忘记密码 in a real browser: from the sign-in page to the e-mailed link (read from the outbox's mail
 * directory, as a person reads their inbox) to a new password, and what a used link says.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, launchBrowser, newContext, screenshot, signInThroughForm, text } from '../support/browser';

jest.setTimeout(120_000);
const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

/** The link of the newest reset e-mail to `email`, once the outbox has written it. */
async function linkMailedTo(email: string): Promise<string> {
  await app.settled();
  const dir = app.running.ctx.config.MAIL_DIR!;
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  for (const name of names.reverse()) {
    const mail = await simpleParser(await fs.readFile(path.join(dir, name)));
    const to = [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
    const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    if (to.includes(email) && link) return link;
  }
  throw new Error(`no reset e-mail to ${email} in ${dir} (${names.length} messages)`);
}

test('when a member forgets the password, then the link from the e-mail sets a new one and a used link says so', async () => {
  const { email } = await app.createUser();
  const context = await newContext(browser);
  const page: Page = await context.newPage();
  const errors = collectPageErrors(page);

  await page.goto(`${app.url}/login`);
  await page.getByTestId('forgot-password').click();
  await page.waitForURL(`${app.url}/forgot-password`);
  await page.locator('#email').fill(email);
  await page.getByTestId('reset-send').click();
  await page.getByTestId('reset-sent').waitFor();
  expect(await text(page.getByTestId('reset-sent'))).toContain(email);

  // The link points at PUBLIC_BASE_URL; the test app serves the same paths on its own port.
  const mailed = new URL(await linkMailedTo(email));
  await page.goto(`${app.url}${mailed.pathname}${mailed.search}`);
  await page.locator('#password').fill('Browser-new-2027');
  await page.locator('#confirmPassword').fill('Browser-new-2026');
  await page.getByTestId('reset-submit').click();
  await page.getByText('两次输入的密码不一致').waitFor();
  await page.locator('#confirmPassword').fill('Browser-new-2027');
  await page.getByTestId('reset-submit').click();
  await page.waitForURL(`${app.url}/login`);

  await signInThroughForm(page, app.url, email, 'Browser-new-2027');
  const login = await app.http('POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
  expect(login.status).toBe(401);

  // The same link again: the page says it is used and offers a new one.
  await page.goto(`${app.url}${mailed.pathname}${mailed.search}`);
  await page.locator('#password').fill('Browser-third-2027');
  await page.locator('#confirmPassword').fill('Browser-third-2027');
  await page.getByTestId('reset-submit').click();
  await page.getByTestId('reset-failed').waitFor();
  expect(await text(page.getByTestId('reset-failed'))).toContain('重置密码链接无效、已使用或已过期');
  expect(await page.getByTestId('reset-failed').getByTestId('reset-ask-again').count()).toBe(1);
  // Only the expected 410 of the used link reached the console.
  expect(errors.filter((e) => !/410/.test(e))).toEqual([]);
  await context.close();
});

test('when the pages are opened on a desktop and on a phone, then they fit the screen', async () => {
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    for (const [route, name] of [
      ['/forgot-password', 'auth-forgot-password'],
      [`/reset-password?token=${'A'.repeat(43)}`, 'auth-reset-password'],
      ['/reset-password', 'auth-reset-password-no-token'],
    ]) {
      await page.goto(`${app.url}${route}`);
      await page.locator('.auth-card').waitFor();
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect({ route, width }).toEqual({ route, width: viewport.width });
      await screenshot(page, `${name}-${viewport.width}`);
    }
    expect(await page.getByTestId('reset-bad-link').count()).toBe(1);
    await context.close();
  }
});
