/**
 * The admin's pages and role-aware navigation in a real browser: role changes on /admin/users, the audit
 * log with its filters in the address and its export, the phone navigation drawer, and the banner an
 * unverified member sees before starting a form that needs verification. Each step checks what was stored.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickWhenStill,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  text,
  waitUntilStill,
  openMore,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

let app: TestApp;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
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

/** A page of the given size signed in as `email` through the login form. */
async function signedIn(email: string, viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser);
  await context.pages()[0]?.close();
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  collectPageErrors(page, errors);
  await page.goto(`${app.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

describe('admin pages', () => {
  let admin: Awaited<ReturnType<TestApp['createUser']>>;
  let target: Awaited<ReturnType<TestApp['createUser']>>;

  beforeAll(async () => {
    admin = await app.createUser({ roles: ['admin'] });
    target = await app.createUser();
  });

  test('when the admin makes a user a broker on /admin/users, then the roles and certificate are stored and audited', async () => {
    const page = await signedIn(admin.email);
    await page.goto(`${app.url}/admin/users?q=${encodeURIComponent(target.email)}`);
    const row = page.getByTestId('users-table').locator('tr', { hasText: target.email });
    await row.waitFor();
    // The search stays in the address and in the box after a reload.
    await page.reload();
    await row.waitFor();
    expect(await page.locator('.filters__search input').inputValue()).toBe(target.email);
    // The admin's own row offers no role change.
    await page.goto(`${app.url}/admin/users?q=${encodeURIComponent(admin.email)}`);
    const own = page.getByTestId('users-table').locator('tr', { hasText: admin.email });
    await own.waitFor();
    expect(await own.getByTestId('user-roles').count()).toBe(0);
    await page.goto(`${app.url}/admin/users?q=${encodeURIComponent(target.email)}`);
    await row.getByTestId('user-roles').click();

    const form = page.getByTestId('roles-form');
    await form.waitFor();
    // The browser asks for reduced motion (as the tests' browser does): the modal opens without zooming in.
    expect(await page.locator('.ant-modal').getAttribute('class')).not.toMatch(/zoom/);
    const broker = form.getByLabel('技术经纪人');
    await waitUntilStill(page, broker);
    await broker.check();
    await form.locator('#brokerCertNo').fill('LN-JJR-2026-001');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByText(`已更新 ${target.user.name} 的角色`).waitFor();
    await eventually(
      'the row shows the new role',
      () => text(row),
      (v) => expect(v).toContain('技术经纪人'),
    );
    const stored = await app.models.User.findById(target.user._id).lean();
    expect(stored).toMatchObject({ roles: ['broker'], brokerCertNo: 'LN-JJR-2026-001' });
    const audit = await app.models.Audit.findOne({ entityId: String(target.user._id), action: 'set_roles' }).lean();
    expect(audit).toMatchObject({ actorId: String(admin.user._id), to: 'broker' });
    await screenshot(page, 'admin-users-desktop');
    await page.context().close();
  });

  test('when the admin filters the audit log, then the filter is in the address, the rows match and the export carries it', async () => {
    // A role change and an account enabled, whatever the tests before did.
    const actor = { id: String(admin.user._id), name: admin.user.name };
    await app.running.ctx.services.audit.record(actor, {
      entity: 'user',
      entityId: String(target.user._id),
      action: 'enable',
    });
    await app.running.ctx.services.audit.record(actor, {
      entity: 'user',
      entityId: String(target.user._id),
      action: 'set_roles',
      to: 'broker',
    });
    const roleChanges = await app.models.Audit.countDocuments({ action: 'set_roles' });
    const page = await signedIn(admin.email);
    await page.goto(`${app.url}/admin/audit`);
    const table = page.getByTestId('audit-table');
    await table.locator('tr', { hasText: '设置角色' }).first().waitFor();
    await page.getByTestId('audit-filter-action').click();
    // The list of actions is long (and virtual): type to find one, as a person would.
    await page.getByTestId('audit-filter-action').locator('input').fill('设置角色');
    await clickWhenStill(page, page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="设置角色"]'));
    await page.waitForURL(/action=set_roles/);
    await eventually(
      'only role changes are listed',
      async () => (await table.locator('.ant-table-tbody tr.ant-table-row').allTextContents()).join('|'),
      (v) => {
        expect(v).toContain('设置角色');
        expect(v).not.toContain('启用账号');
      },
    );
    expect(await text(page.locator('.ant-pagination-total-text'))).toBe(`共 ${roleChanges} 条`);
    const href = await page.getByTestId('audit-export').getAttribute('href');
    expect(href).toBe('/api/audit/export?action=set_roles');
    const csv = await (await page.request.get(`${app.url}${href}`)).text();
    expect(csv).toContain('设置角色 Set roles');
    expect(csv.trim().split('\r\n')).toHaveLength(roleChanges + 1);
    await screenshot(page, 'admin-audit-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'admin-audit-phone');
    await page.context().close();
  });
});

describe('sub-markets', () => {
  test('when the admin sets a sub-market’s contact on /admin/submarkets, then it is stored and listed with its operators', async () => {
    const admin = await app.createUser({ roles: ['admin'] });
    const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] });
    const page = await signedIn(admin.email);
    await page.goto(`${app.url}/admin/submarkets`);
    const row = page.getByTestId('submarkets-table').locator('tr', { hasText: 'SM-210200' });
    await row.waitFor();
    expect(await text(row)).toContain(operator.user.name);
    await row.getByTestId('submarket-edit').click();
    const form = page.getByTestId('submarket-form');
    await form.waitFor();
    await form.locator('#contact_name').fill('大连分市场服务窗口');
    await form.locator('#contact_phone').fill('0411-84760000');
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await eventually(
      'the row shows the new contact',
      () => text(row),
      (v) => expect(v).toContain('0411-84760000'),
    );
    const stored = await app.models.Submarket.findById('SM-210200').lean();
    expect(stored!.contact).toMatchObject({ name: '大连分市场服务窗口', phone: '0411-84760000' });
    await screenshot(page, 'admin-submarkets-desktop');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'admin-submarkets-phone');
    await page.context().close();
  });
});

describe('navigation by role', () => {
  test('when staff and a person without an organisation sign in, then only the person is offered 创建机构; the admin gets the audit log', async () => {
    const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const admin = await app.createUser({ roles: ['admin'] });
    const loner = await app.createUser();
    const keys = async (email: string) => {
      const page = await signedIn(email);
      await page.locator('.main-nav [data-testid="nav-home"]').first().waitFor();
      // A role with more entries than the bar shows has the rest under 更多 / More (rendered once opened).
      const more = page.locator('.main-nav [data-testid="nav-more"]');
      if (await more.count()) {
        await openMore(page);
      }
      const found = await page
        .locator('.main-nav [data-testid^="nav-"], .main-nav__more [data-testid^="nav-"]')
        .evaluateAll((els) => els.map((e) => String((e as unknown as { dataset: { testid: string } }).dataset.testid)));
      await page.context().close();
      return new Set(found);
    };
    const op = await keys(operator.email);
    expect(op.has('nav-create-org')).toBe(false);
    expect(op.has('nav-verification')).toBe(true);
    const ad = await keys(admin.email);
    expect(ad.has('nav-create-org')).toBe(false);
    expect(ad.has('nav-audit')).toBe(true);
    // Every entry is reachable: the admin's twenty do not fit the bar, the rest are under 更多 / More.
    expect(ad.has('nav-more')).toBe(true);
    expect(ad.has('nav-announcements-admin')).toBe(true);
    expect(ad.has('nav-followup-board')).toBe(true);
    expect((await keys(loner.email)).has('nav-create-org')).toBe(true);
  });

  test('when a phone user opens the menu, then the drawer lists the role’s entries and leads to the page', async () => {
    const admin = await app.createUser({ roles: ['admin'] });
    const page = await signedIn(admin.email, PHONE);
    expect(await page.locator('.main-nav').isVisible()).toBe(false);
    await page.getByTestId('nav-drawer-open').click();
    const drawer = page.locator('.nav-drawer');
    await clickWhenStill(page, drawer.getByTestId('nav-audit'));
    await page.waitForURL(`${app.url}/admin/audit`);
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('audit-table').waitFor();
    await page.getByTestId('nav-drawer-open').click();
    await drawer.getByTestId('nav-users').waitFor();
    await screenshot(page, 'nav-drawer-phone');
    await page.context().close();
  });
});

describe('account and legal texts', () => {
  test('when a person changes their password on /account, then only the new one signs in', async () => {
    const me = await app.createUser();
    const page = await signedIn(me.email);
    await page.goto(`${app.url}/account`);
    const card = page.getByTestId('change-password');
    await card.locator('#currentPassword').fill(TEST_PASSWORD);
    await card.locator('#newPassword').fill('Changed-Passw0rd');
    await page.getByTestId('change-password-submit').click();
    await page.getByText('密码已修改，其他设备上的登录已退出').waitFor();
    const login = (password: string) =>
      app.http('POST', '/api/auth/login', { body: { email: me.email, password } }).then((r) => r.status);
    expect(await login(TEST_PASSWORD)).toBe(401);
    expect(await login('Changed-Passw0rd')).toBe(200);
    await page.setViewportSize(PHONE);
    await screenshot(page, 'account-password-phone');
    await page.context().close();
  });

  test('when a visitor opens the privacy policy from the footer, then the text and its version show', async () => {
    const page = await (await newContext(browser)).newPage();
    collectPageErrors(page, errors);
    await page.goto(`${app.url}/`);
    await page.locator('.app-footer').getByRole('link', { name: '隐私政策' }).click();
    await page.waitForURL(`${app.url}/legal/privacy`);
    const legal = page.getByTestId('legal-privacy');
    await legal.waitFor();
    expect(await text(legal)).toContain('版本 2026-12-01');
    expect(await legal.locator('li').count()).toBeGreaterThan(3);
    await page.context().close();
  });
});

describe('verification banner', () => {
  test('when a member of an unverified organisation opens a listing form, then the banner says what is missing before the first step', async () => {
    const org = await app.createOrg({ status: 'pending', licence: false });
    const member = await app.createUser({ org, orgRole: 'org_admin' });
    const page = await signedIn(member.email);
    await page.goto(`${app.url}/achievements/new`);
    const banner = page.getByTestId('verification-banner');
    await banner.waitFor();
    expect(await text(banner)).toContain('上传营业执照或事业单位法人证书');
    expect(await text(banner)).toContain('等待分市场运营人员审核');
    await screenshot(page, 'verification-banner-desktop');
    // Once verified, no banner.
    await app.models.Org.updateOne({ _id: org._id }, { $set: { 'verification.status': 'verified' } });
    await page.reload();
    await page.locator('.page-title__main').waitFor();
    await page.getByTestId('step-form').or(page.locator('form')).first().waitFor();
    expect(await banner.count()).toBe(0);
    await page.context().close();
  });

  test('when the pages were used, then none threw or logged an error', () => {
    expect(errors).toEqual([]);
  });
});
