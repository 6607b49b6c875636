/**
 * The main pages of every role over the demo data, and how to check them with axe-core: shared by
 * pages-quality.test.ts (1440×900) and accessibility.test.ts (390×844).
 */
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors } from './browser';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const DEMO_PASSWORD = 'Demo2026!';
export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export type Who = 'anonymous' | 'member' | 'operator' | 'official' | 'finance' | 'admin';
export const emails: Record<Exclude<Who, 'anonymous'>, string> = {
  member: 'neu@demo.nekj.cn',
  operator: 'operator@demo.nekj.cn',
  official: 'official@demo.nekj.cn',
  finance: 'finance@demo.nekj.cn',
  admin: 'admin@demo.nekj.cn',
};

export interface DemoIds {
  orgId: string;
  achievementId: string;
  needId: string;
  negotiationId: string;
  contractId: string;
  announcementId: string;
}

/** The ids the routes need, read from the seeded demo data. */
export async function demoIds(app: TestApp): Promise<DemoIds> {
  const m = app.models;
  const neu = await m.User.findOne({ email: emails.member }).lean();
  const orgId = neu!.orgId!;
  const contract =
    (await m.Contract.findOne({ sellerOrgId: orgId, status: 'signed' }).lean()) ??
    (await m.Contract.findOne({ sellerOrgId: orgId }).lean());
  const announcement = await app.running.ctx.services.announcements.repo.Announcement.findOne({
    status: 'published',
    attachmentId: { $ne: null },
  }).lean();
  return {
    orgId: String(orgId),
    achievementId: String((await m.Achievement.findOne({ ownerOrgId: orgId, status: 'published' }).lean())!._id),
    needId: String((await m.Need.findOne({ status: 'published' }).lean())!._id),
    negotiationId: String(
      (await m.Negotiation.findOne({ $or: [{ sellerOrgId: orgId }, { buyerOrgId: orgId }] }).lean())!._id,
    ),
    contractId: String(contract!._id),
    announcementId: String(announcement!._id),
  };
}

/** Public pages. */
export const anonymousRoutes: Array<(ids: DemoIds) => string> = [
  () => '/',
  () => '/achievements',
  () => '/needs',
  (ids) => `/achievements/${ids.achievementId}`,
  (ids) => `/needs/${ids.needId}`,
  () => '/orgs',
  (ids) => `/orgs/${ids.orgId}`,
  () => '/search?q=机器人',
  () => '/stats',
  () => '/announcements',
  (ids) => `/announcements/${ids.announcementId}`,
  () => '/login',
  () => '/register',
  () => '/forgot-password',
  () => '/legal/terms',
];

/** Every main page with a role that can open it. */
export const mainPages: Array<[Who, (ids: DemoIds) => string]> = [
  ...anonymousRoutes.map((url): [Who, (ids: DemoIds) => string] => ['anonymous', url]),
  ['member', () => '/my/listings'],
  ['member', () => '/achievements/new'],
  ['member', () => '/negotiations'],
  ['member', (ids) => `/negotiations/${ids.negotiationId}`],
  ['member', () => '/contracts'],
  ['member', (ids) => `/contracts/${ids.contractId}`],
  ['member', (ids) => `/contracts/${ids.contractId}/payments`],
  ['member', () => '/payments/statement'],
  ['member', () => '/followups'],
  ['member', () => '/evaluations'],
  ['member', () => '/account'],
  ['member', () => '/notifications'],
  ['operator', () => '/admin/listings'],
  ['operator', () => '/admin/verification'],
  ['operator', () => '/admin/negotiations'],
  ['operator', () => '/admin/announcements'],
  ['operator', () => '/evaluations'],
  ['official', () => '/officials'],
  ['official', () => '/officials/registrations'],
  ['official', () => '/followups/board'],
  ['official', () => '/contracts'],
  ['finance', () => '/finance'],
  ['admin', () => '/admin/users'],
  ['admin', () => '/admin/audit'],
  ['admin', () => '/admin/submarkets'],
  ['admin', () => '/admin/settings'],
];

/**
 * One context per role and viewport, signed in through the login form once. Phones get a touch screen.
 * The app's Content-Security-Policy allows only its own scripts; axe-core is added by the test (bypassCSP).
 */
export function rolePages(browser: Browser, baseUrl: string, errors: string[]) {
  const contexts = new Map<string, BrowserContext>();
  return async function pageFor(who: Who, viewport = DESKTOP): Promise<Page> {
    const key = `${who}:${viewport.width}`;
    let context = contexts.get(key);
    if (!context) {
      context = await browser.newContext({
        viewport,
        ...(viewport.width < 768 ? { isMobile: true, hasTouch: true } : {}),
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        reducedMotion: 'reduce',
        bypassCSP: true,
      });
      context.setDefaultTimeout(20_000);
      contexts.set(key, context);
      const page = await context.newPage();
      collectPageErrors(page, errors);
      if (who !== 'anonymous') {
        await page.goto(`${baseUrl}/login`);
        await page.locator('#email').fill(emails[who]);
        await page.locator('#password').fill(DEMO_PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('user-menu').waitFor();
      }
    }
    return context.pages()[0]!;
  };
}

/** Waits until the route has rendered: network quiet, no page-level spinner or skeleton left, fonts loaded. */
export async function loaded(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.app-content .centered-spin, .app-content .ant-skeleton-active').first().waitFor({
    state: 'detached',
  });
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** axe-core's serious and critical violations on the current page, one line per rule with its first nodes. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = (await page.evaluate('window.axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}${v.nodes.length > 3 ? ` … ${v.nodes.length} nodes` : ''}`,
    );
}
