/**
 * Membership by consent and re-verification in a real browser (issue 17, findings 3, 4 and 9): an org admin
 * invites by e-mail, the invitee accepts on the account page, leaves again with a confirmation; the
 * organisation's requested rename shows as re-verification pending under its verified name; an admin lifts
 * a sign-in lock. Each step checks what was stored. Screenshots at 1440×900 and 390×844 in tests/artifacts.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { OrgRecord } from '../../api/src/modules/orgs/org.model';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, signedInPage, text } from '../support/browser';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let org: OrgRecord;
let admin: Awaited<ReturnType<TestApp['createUser']>>;
let invitee: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];

/** The page at a desktop and a phone size, each saved as its own screenshot. */
async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    // From the top: a full-page shot of a scrolled page draws the sticky header mid-page.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(300);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  org = await app.createOrg({ name: '沈阳瑞科智能装备有限公司', regionCode: '210100' });
  admin = await app.createUser({ org, orgRole: 'org_admin' });
  invitee = await app.createUser();
  await app.models.User.updateOne({ _id: invitee.user._id }, { $set: { name: '李工程师' } });
  await app.models.User.updateOne({ _id: admin.user._id }, { $set: { name: '张经理' } });
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('membership and re-verification in a real browser', () => {
  let adminPage: Page;
  let inviteePage: Page;

  test('when the org admin invites an e-mail, then an open invitation is stored and listed, and nobody joins yet', async () => {
    // The organisation has asked to be renamed: its page says so under the verified name.
    const patched = await app.http('PATCH', `/api/orgs/${org._id}`, {
      token: admin.token,
      body: { name: '沈阳瑞科机器人集团有限公司', regionCode: '210200' },
    });
    expect(patched.status).toBe(200);
    adminPage = await signedInPage(browser, app.url, admin.email, TEST_PASSWORD, errors);
    await adminPage.goto(`${app.url}/orgs/${org._id}`);
    await adminPage.getByTestId('org-members').waitFor();
    expect(await text(adminPage.getByTestId('org-name'))).toBe('沈阳瑞科智能装备有限公司');
    expect(await text(adminPage.getByTestId('org-reverification-tag'))).toBe('重新认证中');
    expect(await text(adminPage.getByTestId('org-reverification'))).toContain('沈阳瑞科机器人集团有限公司');

    await adminPage.locator('.member-form__email').fill(invitee.email);
    await adminPage.getByTestId('member-invite-submit').click();
    await eventually(
      'the invitation is listed on the admin page',
      () => text(adminPage.getByTestId('org-invitations')),
      (v) => expect(v).toContain(invitee.email),
    );
    const stored = await app.models.Invitation.find({ orgId: org._id }).lean();
    expect(stored.map((i) => [i.email, i.status, i.orgRole])).toEqual([[invitee.email, 'pending', 'member']]);
    expect((await app.models.User.findById(invitee.user._id).lean())!.orgId).toBeNull();
    await adminPage.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
    await shots(adminPage, 'membership-org-page');
  });

  test('when the invitee accepts on the account page, then it is a member of the organisation', async () => {
    inviteePage = await signedInPage(browser, app.url, invitee.email, TEST_PASSWORD, errors);
    await inviteePage.goto(`${app.url}/account`);
    const card = inviteePage.getByTestId('my-invitations');
    await card.waitFor();
    expect(await text(card)).toContain('沈阳瑞科智能装备有限公司');
    expect(await text(card)).toContain('张经理');
    await shots(inviteePage, 'membership-account-invitation');
    await inviteePage.getByTestId('invitation-accept').click();
    await inviteePage.waitForURL(`${app.url}/orgs/${org._id}`);
    const joined = await app.models.User.findById(invitee.user._id).lean();
    expect([String(joined!.orgId), joined!.orgRole]).toEqual([String(org._id), 'member']);
    expect((await app.models.Invitation.findOne({ orgId: org._id }).lean())!.status).toBe('accepted');
    await eventually(
      'the invitee sees itself among the members',
      () => text(inviteePage.getByTestId('org-members-table')),
      (v) => expect(v).toContain('李工程师（我）'),
    );
  });

  test('when the member leaves with the confirmation, then it has no organisation any more', async () => {
    await inviteePage.getByTestId('org-leave').click();
    await inviteePage.locator('.ant-popconfirm').waitFor();
    await screenshot(inviteePage, 'membership-leave-confirm');
    await inviteePage.locator('#org-leave-confirm').click();
    await inviteePage.waitForURL(`${app.url}/account`);
    await eventually(
      'the member who left has no organisation',
      async () => (await app.models.User.findById(invitee.user._id).lean())!.orgId,
      (v) => expect(v).toBeNull(),
    );
    // The admin's page no longer lists the member.
    await adminPage.reload();
    await eventually(
      'the admin page no longer lists the member who left',
      () => text(adminPage.getByTestId('org-members-table')),
      (v) => expect(v).not.toContain('李工程师'),
    );
  });

  test('when an account is locked by failed sign-ins, then the admin sees it and lifts the lock', async () => {
    const platformAdmin = await app.createUser({ roles: ['admin'] });
    await app.models.LoginFailure.create({
      _id: `${invitee.email} 203.0.113.9`,
      email: invitee.email,
      ip: '203.0.113.9',
      count: 5,
      windowEndsAt: new Date(Date.now() + 900_000),
      lockedUntil: new Date(Date.now() + 900_000),
    });
    const page = await signedInPage(browser, app.url, platformAdmin.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/admin/users`);
    const table = page.getByTestId('users-table');
    await eventually(
      'the users page shows the sign-in lock',
      () => text(table),
      (v) => expect(v).toContain('登录已锁定'),
    );
    await shots(page, 'membership-admin-users');
    await page.getByTestId('user-unlock').click();
    await eventually(
      'the admin lifted the lock (failures cleared)',
      () => app.models.LoginFailure.countDocuments({ email: invitee.email }),
      (n) => expect(n).toBe(0),
    );
    await eventually(
      'the users page no longer shows the lock',
      () => text(table),
      (v) => expect(v).not.toContain('登录已锁定'),
    );
    expect(errors).toEqual([]);
  });
});
