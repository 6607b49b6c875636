/**
 * The foundation's shell through a real browser against the real API (same origin, built web app): a hub
 * operator approves an applicant's organisation in the verification queue, and its owner (signed in, in
 * English) sees it verified. Each step asserts what was stored, not only what was shown. The applicant's
 * registration in the browser is in shell-account.test.ts. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  signInThroughForm,
  text,
} from '../support/browser';
import { htmlLang } from '../support/shell';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;

/** The applicant whose organisation waits for verification; its owner is signed in on `applicantPage`. */
const applicant = { orgId: '', orgName: '' };
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
  // Two organisations wait for verification, each with its 营业执照 on file: another applicant's, and the
  // applicant's own, whose owner has set English and is signed in (shell-account.test.ts does those steps
  // in the browser).
  await app.createOrg({ status: 'pending', regionCode: '210300' });
  const org = await app.createOrg({ status: 'pending', regionCode: '210200' });
  const owner = await app.createUser({ org, orgRole: 'org_admin' });
  await app.models.User.updateOne({ _id: owner.user._id }, { $set: { locale: 'en' } });
  applicant.orgId = String(org._id);
  applicant.orgName = org.name;
  await signInThroughForm(applicantPage, app.url, owner.email, TEST_PASSWORD);
  await eventually(
    "the owner's page follows the stored locale en",
    () => htmlLang(applicantPage),
    (v) => expect(v).toBe('en'),
  );
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('shell in a real browser', () => {
  test('when a hub operator approves the new organisation in the verification queue, then it is verified in the database and for its owner', async () => {
    const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const otherPending = await app.models.Org.findOne({
      'verification.status': 'pending',
      _id: { $ne: applicant.orgId },
    }).lean();
    expect(otherPending).not.toBeNull();

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${app.url}/login`);
    await page.locator('#email').fill(operator.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`${app.url}/`);
    // A fresh device follows the operator's stored locale (zh-CN).
    expect(await text(page.locator('h1.hero__title'))).toBe('东北科技大市场');

    await clickNav(page, 'verification');
    await page.waitForURL(`${app.url}/admin/verification`);
    const table = page.getByTestId('verification-table');
    const approveButton = (orgId: string) => `[data-testid="verify-approve"][data-org-id="${orgId}"]`;
    const approve = table.locator(approveButton(applicant.orgId));
    const otherApprove = table.locator(approveButton(String(otherPending!._id)));
    await approve.waitFor();
    await otherApprove.waitFor();
    const row = table.locator('tr', { has: page.locator(approveButton(applicant.orgId)) });
    const rowText = await text(row);
    expect(rowText).toContain(applicant.orgName);
    // The application's document is shown beside its data, without a click.
    await table.getByTestId('org-licence-file').first().waitFor();
    expect(rowText).toContain('企业');
    expect(await page.locator('.page-title__main').first().textContent()).toContain('认证审核');
    await screenshot(page, 'shell-verification');

    await approve.click();
    await page.getByText(`已通过 ${applicant.orgName} 的认证`).waitFor();
    await approve.waitFor({ state: 'detached' });
    expect(await otherApprove.count()).toBe(1);

    const org = await app.models.Org.findById(applicant.orgId).lean();
    expect(org!.verification).toMatchObject({ status: 'verified', decidedBy: operator.user.name });
    expect(org!.verification!.decidedAt).toBeInstanceOf(Date);
    expect((await app.models.Org.findById(otherPending!._id).lean())!.verification!.status).toBe('pending');
    const audit = await app.models.Audit.findOne({
      entity: 'org',
      entityId: applicant.orgId,
      action: 'approve',
    }).lean();
    expect(audit).toMatchObject({ from: 'pending', to: 'verified', actorId: String(operator.user._id) });

    // The owner (still in English) now sees the organisation verified.
    await applicantPage.goto(`${app.url}/orgs/${applicant.orgId}`);
    await eventually(
      "the owner's organisation page shows it verified",
      () => text(applicantPage.locator('.org-head__meta').getByTestId('verification-status')),
      (v) => expect(v).toBe('Verified'),
    );
    expect(errors).toEqual([]);
    expect(applicantErrors).toEqual([]);
    await context.close();
  });
});
