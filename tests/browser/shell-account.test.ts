/**
 * The foundation's shell through a real browser against the real API (same origin, built web app), for a
 * newcomer: registration, organisation creation, sign-out/sign-in and the language switch. Each step asserts
 * what was stored, not only what was shown. The home page and the guards are in shell-home.test.ts, the
 * operator's verification queue in shell-verification.test.ts.
 *
 * The steps build on each other (the applicant registered in one is the one who signs in and switches
 * language), so they run in order in one file. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { technicalFields, submarketForRegion } from '../../api/src/shared/taxonomy';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import {
  clickWhenStill,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  text,
  pickOption,
} from '../support/browser';
import { htmlLang, sessionCookie, storedLang } from '../support/shell';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;

/** The applicant who registers in the first step and is reused by the later steps. */
const applicant = {
  email: '',
  name: '王测试',
  password: 'Shell-passw0rd',
  userId: '',
  orgId: '',
  orgName: '',
  creditCode: '',
};
let applicantContext: BrowserContext;
let applicantPage: Page;
let applicantErrors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  applicantContext = await newContext(browser);
  applicantPage = await applicantContext.newPage();
  applicantErrors = collectPageErrors(applicantPage);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('shell in a real browser', () => {
  test('when a visitor registers and creates an organisation, then the account and the pending organisation are stored and shown', async () => {
    const page = applicantPage;
    applicant.email = `${app.unique('shell')}@test.nekj.cn`;

    await page.goto(`${app.url}/register`);
    await page.locator('#email').fill(applicant.email);
    await page.locator('#name').fill(applicant.name);
    await page.locator('#password').fill(applicant.password);
    await page.locator('#confirmPassword').fill(applicant.password);
    expect(await page.title()).toBe('注册账号 - 东北科技大市场');
    await screenshot(page, 'shell-register');
    // Without accepting the user agreement and privacy policy nothing is sent.
    await page.getByTestId('register-submit').click();
    await page.getByText('请阅读并同意用户协议和隐私政策').waitFor();
    expect(await app.models.User.countDocuments({ email: applicant.email })).toBe(0);
    await page.getByTestId('register-consent').check();
    await page.getByTestId('register-submit').click();

    // Registered, signed in, and sent on to create an organisation.
    await page.waitForURL(`${app.url}/orgs/new`);
    await page.getByTestId('user-menu').waitFor();
    expect(await text(page.getByTestId('user-menu'))).toContain(applicant.name);
    expect(await page.getByTestId('nav-login').count()).toBe(0);
    expect(await page.getByTestId('register-error').count()).toBe(0);

    const user = await app.models.User.findOne({ email: applicant.email }).lean();
    expect(user).toMatchObject({ name: applicant.name, locale: 'zh-CN', roles: [], orgId: null });
    expect(user!.passwordHash).not.toContain(applicant.password);
    expect(user!.consents.map((c) => c.doc)).toEqual(['terms', 'privacy']);
    applicant.userId = String(user!._id);
    expect(await app.models.Session.countDocuments({ userId: user!._id, revokedAt: null })).toBe(1);
    const cookie = await sessionCookie(applicantContext);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    // The organisation form, with a check-valid credit code, in Dalian.
    applicant.orgName = `大连浏览器测试科技有限公司${app.unique('')}`.slice(0, 40);
    applicant.creditCode = app.creditCode('210200');
    await page.locator('#name').fill(applicant.orgName);
    await pickOption(page, 'type', '企业');
    await page.locator('#creditCode').fill(applicant.creditCode.toLowerCase()); // the form upper-cases it
    await pickOption(page, 'regionCode', '大连市', { search: '大连' });
    // The credit code is validated with a 300 ms debounce: submit once that validation has run and passed, so the
    // click cannot meet a field still 'validating' (a CI run once scrolled to it and sent nothing).
    await eventually(
      'the credit code field has finished validating without an error',
      () =>
        page
          .locator('.ant-form-item', { has: page.locator('#creditCode') })
          .first()
          .getAttribute('class'),
      (cls) => {
        expect(cls).not.toContain('ant-form-item-is-validating');
        expect(cls).not.toContain('ant-form-item-has-error');
      },
    );
    // The API's answer first, so a refusal shows up as its error instead of a navigation timeout.
    const [created] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/orgs' && r.request().method() === 'POST'),
      page.getByTestId('org-create-submit').click(),
    ]);
    expect({ status: created.status(), body: created.status() === 201 ? null : await created.text() }).toEqual({
      status: 201,
      body: null,
    });
    await page.waitForURL(/\/orgs\/[0-9a-f]{24}$/);
    applicant.orgId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('org-name').waitFor();
    expect(await text(page.getByTestId('org-name'))).toBe(applicant.orgName);
    // The status tag in the heading (the history card has one too).
    expect(await text(page.locator('.org-head__meta').getByTestId('verification-status'))).toBe('待审核');
    expect(await text(page.getByTestId('org-credit-code'))).toBe(applicant.creditCode);
    await page.getByText('机构资料已提交，正在等待分市场审核').waitFor();
    // The navigation now leads to "my organisation" instead of "create".
    await page.getByTestId('nav-my-org').waitFor();
    expect(await page.getByTestId('nav-create-org').count()).toBe(0);

    const org = await app.models.Org.findOne({ creditCode: applicant.creditCode }).lean();
    expect(org).toMatchObject({
      name: applicant.orgName,
      type: 'enterprise',
      regionCode: '210200',
      submarketCode: submarketForRegion('210200'),
      verification: { status: 'pending' },
    });
    expect(String(org!._id)).toBe(applicant.orgId);
    expect(String(org!.createdBy)).toBe(applicant.userId);
    const owner = await app.models.User.findById(applicant.userId).lean();
    expect(String(owner!.orgId)).toBe(applicant.orgId);
    expect(owner!.orgRole).toBe('org_admin');
    const audit = await app.models.Audit.find({ entity: 'org', entityId: applicant.orgId }).lean();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', to: 'pending', actorId: applicant.userId })]);

    // The operator verifies the document, not a typed code: the new organisation puts its 营业执照 on file.
    await page.getByTestId('org-licence-missing').waitFor();
    await page
      .getByTestId('org-licence')
      .locator('input[type="file"]')
      .setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('org-licence-file').waitFor();
    expect(await text(page.getByTestId('org-licence-file'))).toContain('营业执照.pdf');
    const withLicence = await app.models.Org.findById(applicant.orgId).lean();
    expect(withLicence!.licence).toMatchObject({ kind: 'business_licence', mime: 'application/pdf' });

    await screenshot(page, 'shell-org-created');
    expect(applicantErrors).toEqual([]);
  });

  test('when the user logs out and signs in with a wrong then the right password, then the error is in Chinese, no session is made, and the right one signs in', async () => {
    const page = applicantPage;
    await page.getByTestId('user-menu').click();
    await clickWhenStill(page, page.getByTestId('logout'));
    await page.getByTestId('nav-login').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await eventually(
      'the logout (the page’s POST /api/auth/logout) revoked the session',
      () => app.models.Session.countDocuments({ userId: applicant.userId, revokedAt: null }),
      (n) => expect(n).toBe(0),
    );
    expect(await sessionCookie(applicantContext)).toBeUndefined();

    await page.getByTestId('nav-login').click();
    await page.waitForURL(`${app.url}/login`);
    await page.locator('#email').fill(applicant.email);
    await page.locator('#password').fill('Wrong-passw0rd');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await text(error)).toContain('账号或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    expect(await sessionCookie(applicantContext)).toBeUndefined();
    expect(await app.models.Session.countDocuments({ userId: applicant.userId, revokedAt: null })).toBe(0);
    expect((await page.request.get(`${app.url}/api/auth/me`)).status()).toBe(401);
    await screenshot(page, 'shell-login');

    await page.locator('#password').fill(applicant.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${app.url}/`);
    await page.getByTestId('user-menu').waitFor();
    expect(await text(page.getByTestId('user-menu'))).toContain(applicant.name);
    expect(await app.models.Session.countDocuments({ userId: applicant.userId, revokedAt: null })).toBe(1);
    expect(await sessionCookie(applicantContext)).toBeDefined();
    const me = await page.request.get(`${app.url}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: applicant.email, orgId: applicant.orgId });
    expect(applicantErrors).toEqual([]);
  });

  test('when the signed-in user switches to English, then the texts change, survive a reload, and the profile locale becomes en', async () => {
    const page = applicantPage;
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();

    const hero = page.locator('h1.hero__title');
    await eventually(
      'the home page is in English after the switch',
      () => text(hero),
      (v) => expect(v).toBe('Northeast China Technology Grand Market'),
    );
    expect(await htmlLang(page)).toBe('en');
    expect(await text(page.getByTestId('nav-home'))).toBe('Home');
    expect(await text(page.getByTestId('nav-my-org'))).toBe('My organisation');
    expect(await storedLang(page)).toBe('en');
    await eventually(
      'the language switch (the page’s PATCH of the profile) stored locale en',
      () => app.models.User.findById(applicant.userId).lean(),
      (u) => expect(u!.locale).toBe('en'),
    );

    await page.reload();
    await hero.waitFor();
    expect(await text(hero)).toBe('Northeast China Technology Grand Market');
    expect(await htmlLang(page)).toBe('en');
    expect(await storedLang(page)).toBe('en');
    // The brand keeps its Chinese name in both languages.
    expect(await page.title()).toBe('东北科技大市场');
    await page.getByTestId('user-menu').waitFor();
    const names = await page.getByTestId('field-grid').locator('.field-card__name').allTextContents();
    expect(names).toEqual(technicalFields.map((f) => f.en));
    expect(await text(page.getByTestId('kpi-orgs'))).toContain('Verified organisations');

    await screenshot(page, 'shell-home-en');
    expect(applicantErrors).toEqual([]);
  });
});
