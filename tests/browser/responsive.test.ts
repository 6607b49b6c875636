/**
 * Every route of the web app at a phone's size (390×844), as the role that can open it, over the demo data:
 * the document must never be wider than the screen (the page scrolling sideways is what cut 注册 off and
 * squeezed tables). Tables may scroll inside their own box; the page may not. The route list is read from
 * web/src/router.tsx, so a route added without a row here fails the first test.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, launchBrowser, screenshot } from '../support/browser';

jest.setTimeout(600_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const ROUTER = path.resolve(__dirname, '../../web/src/router.tsx');
const DEMO_PASSWORD = 'Demo2026!';
const PHONE = { width: 390, height: 844 };

type Who = 'anonymous' | 'loner' | 'member' | 'broker' | 'operator' | 'admin' | 'finance' | 'official' | 'bank';
interface Ids {
  orgId: string;
  achievementId: string;
  needId: string;
  negotiationId: string;
  contractId: string;
  brokerId: string;
  makerId: string;
  announcementId: string;
}

/** Each route pattern of the router, the role that opens it and how its parameters are filled. */
const table: Record<string, { who: Who; url: (ids: Ids) => string }> = {
  '/': { who: 'anonymous', url: () => '/' },
  login: { who: 'anonymous', url: () => '/login' },
  register: { who: 'anonymous', url: () => '/register' },
  'forgot-password': { who: 'anonymous', url: () => '/forgot-password' },
  'reset-password': { who: 'anonymous', url: () => `/reset-password?token=${'A'.repeat(43)}` },
  'legal/:doc': { who: 'anonymous', url: () => '/legal/privacy' },
  orgs: { who: 'anonymous', url: () => '/orgs' },
  search: { who: 'anonymous', url: () => '/search?q=机器人' },
  'orgs/:id': { who: 'anonymous', url: (i) => `/orgs/${i.orgId}` },
  achievements: { who: 'anonymous', url: () => '/achievements' },
  needs: { who: 'anonymous', url: () => '/needs' },
  'achievements/:id': { who: 'anonymous', url: (i) => `/achievements/${i.achievementId}` },
  'needs/:id': { who: 'anonymous', url: (i) => `/needs/${i.needId}` },
  stats: { who: 'anonymous', url: () => '/stats' },
  '*': { who: 'anonymous', url: () => '/no-such-page' },
  'orgs/new': { who: 'loner', url: () => '/orgs/new' },
  makers: { who: 'anonymous', url: () => '/makers' },
  'makers/new': { who: 'loner', url: () => '/makers/new' },
  'makers/:id': { who: 'anonymous', url: (i) => `/makers/${i.makerId}` },
  'orgs/:id/edit': { who: 'member', url: (i) => `/orgs/${i.orgId}/edit` },
  account: { who: 'member', url: () => '/account' },
  notifications: { who: 'member', url: () => '/notifications' },
  'achievements/new': { who: 'member', url: () => '/achievements/new' },
  'achievements/:id/edit': { who: 'member', url: (i) => `/achievements/${i.achievementId}/edit` },
  'achievements/import': { who: 'member', url: () => '/achievements/import' },
  'needs/new': { who: 'member', url: () => '/needs/new' },
  'needs/:id/edit': { who: 'operator', url: (i) => `/needs/${i.needId}/edit` },
  'my/listings': { who: 'member', url: () => '/my/listings' },
  negotiations: { who: 'member', url: () => '/negotiations' },
  'negotiations/:id': { who: 'member', url: (i) => `/negotiations/${i.negotiationId}` },
  broker: { who: 'broker', url: () => '/broker' },
  contracts: { who: 'member', url: () => '/contracts' },
  'contracts/new': { who: 'member', url: () => '/contracts/new' },
  'contracts/import': { who: 'member', url: () => '/contracts/import' },
  'contracts/:id': { who: 'member', url: (i) => `/contracts/${i.contractId}` },
  'contracts/:id/edit': { who: 'member', url: (i) => `/contracts/${i.contractId}/edit` },
  'contracts/:id/payments': { who: 'member', url: (i) => `/contracts/${i.contractId}/payments` },
  'payments/statement': { who: 'member', url: () => '/payments/statement' },
  'payments/orgs/:id': { who: 'admin', url: (i) => `/payments/orgs/${i.orgId}` },
  'payments/commissions': { who: 'broker', url: () => '/payments/commissions' },
  'payments/brokers/:id': { who: 'admin', url: (i) => `/payments/brokers/${i.brokerId}` },
  'payments/connect': { who: 'member', url: () => '/payments/connect' },
  'admin/listings': { who: 'operator', url: () => '/admin/listings' },
  'admin/verification': { who: 'operator', url: () => '/admin/verification' },
  'admin/negotiations': { who: 'operator', url: () => '/admin/negotiations' },
  'admin/users': { who: 'admin', url: () => '/admin/users' },
  'admin/audit': { who: 'admin', url: () => '/admin/audit' },
  'admin/submarkets': { who: 'admin', url: () => '/admin/submarkets' },
  'admin/settings': { who: 'admin', url: () => '/admin/settings' },
  'staff/contracts/historic-import': { who: 'operator', url: () => '/staff/contracts/historic-import' },
  finance: { who: 'finance', url: () => '/finance' },
  officials: { who: 'official', url: () => '/officials' },
  'officials/registrations': { who: 'official', url: () => '/officials/registrations' },
  financing: { who: 'anonymous', url: () => '/financing' },
  'financing/products/mine': { who: 'bank', url: () => '/financing/products/mine' },
  'financing/requests/mine': { who: 'member', url: () => '/financing/requests/mine' },
  'financing/requests/matching': { who: 'bank', url: () => '/financing/requests/matching' },
  'admin/financing': { who: 'operator', url: () => '/admin/financing' },
  'officials/financing': { who: 'official', url: () => '/officials/financing' },
  'followups/board': { who: 'official', url: () => '/followups/board' },
  followups: { who: 'member', url: () => '/followups' },
  announcements: { who: 'anonymous', url: () => '/announcements' },
  'announcements/:id': { who: 'anonymous', url: (i) => `/announcements/${i.announcementId}` },
  'admin/announcements': { who: 'operator', url: () => '/admin/announcements' },
  evaluations: { who: 'member', url: () => '/evaluations' },
};

const emails: Record<Exclude<Who, 'anonymous' | 'loner'>, string> = {
  member: 'neu@demo.nekj.cn',
  broker: 'broker@demo.nekj.cn',
  operator: 'operator@demo.nekj.cn',
  admin: 'admin@demo.nekj.cn',
  finance: 'finance@demo.nekj.cn',
  official: 'official@demo.nekj.cn',
  bank: 'bank@demo.nekj.cn',
};

let app: TestApp;
let browser: Browser;
let ids: Ids;
let lonerEmail: string;
const contexts = new Map<Who, BrowserContext>();
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  await seedDemo(app.running.ctx);
  await app.settled();
  const m = app.models;
  const neu = await m.User.findOne({ email: emails.member }).lean();
  const orgId = neu!.orgId!;
  const achievement = await m.Achievement.findOne({ ownerOrgId: orgId, status: 'published' }).lean();
  const need = await m.Need.findOne({ status: 'published' }).lean();
  const negotiation = await m.Negotiation.findOne({ $or: [{ sellerOrgId: orgId }, { buyerOrgId: orgId }] }).lean();
  const contract = await m.Contract.findOne({ sellerOrgId: orgId, status: 'signed' }).lean();
  const broker = await m.User.findOne({ email: emails.broker }).lean();
  ids = {
    orgId: String(orgId),
    achievementId: String(achievement!._id),
    needId: String(need!._id),
    negotiationId: String(negotiation!._id),
    contractId: String((contract ?? (await m.Contract.findOne({ sellerOrgId: orgId }).lean()))!._id),
    brokerId: String(broker!._id),
    makerId: String((await m.User.findOne({ email: 'maker@demo.nekj.cn' }).lean())!.orgId),
    announcementId: String(
      (await app.running.ctx.services.announcements.repo.Announcement.findOne({ status: 'published' }).lean())!._id,
    ),
  };
  lonerEmail = (await app.createUser()).email;
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

/** One phone-sized context per role, signed in through the login form once. */
async function pageFor(who: Who): Promise<Page> {
  let context = contexts.get(who);
  if (!context) {
    context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(20_000);
    contexts.set(who, context);
    const page = await context.newPage();
    collectPageErrors(page, errors);
    if (who !== 'anonymous') {
      await page.goto(`${app.url}/login`);
      await page.locator('#email').fill(who === 'loner' ? lonerEmail : emails[who]);
      await page.locator('#password').fill(who === 'loner' ? TEST_PASSWORD : DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('user-menu').waitFor();
    }
  }
  return context.pages()[0]!;
}

/** Waits until the route has rendered its content: no page-level spinner or skeleton left, network quiet. */
async function loaded(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.app-content .centered-spin, .app-content .ant-skeleton-active').first().waitFor({
    state: 'detached',
  });
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** The document's width against the viewport's, and the elements that reach past the right edge. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const g = globalThis as any;
    const doc = g.document.documentElement;
    const vw = g.innerWidth as number;
    const culprits: string[] = [];
    // Only when the page is too wide: then name the outermost elements that reach past the edge (what sits
    // inside a box that scrolls or clips, such as a wide table in its own scroller, does not widen the page).
    const clipped = (el: any) => {
      for (let a = el.parentElement; a && a !== doc; a = a.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(g.getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    if (doc.scrollWidth > vw)
      for (const el of Array.from(g.document.querySelectorAll('body *')) as any[]) {
        const r = el.getBoundingClientRect();
        if (r.right > vw + 0.5 && r.width > 0 && culprits.length < 8 && !clipped(el)) {
          const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 0.5;
          if (!parentWide)
            culprits.push(
              `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} right=${Math.round(r.right)}`,
            );
        }
      }
    // A table squeezed into the screen instead of scrolling in its box breaks text one character per line:
    // a cell of three or more characters whose text box is narrower than two characters.
    const squeezed: string[] = [];
    for (const td of Array.from(g.document.querySelectorAll('.ant-table-tbody td.ant-table-cell')) as any[]) {
      const text = String(td.innerText ?? '').trim();
      const style = g.getComputedStyle(td);
      const inner = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (text.length >= 3 && inner < 2 * parseFloat(style.fontSize) && squeezed.length < 5)
        squeezed.push(`${text.slice(0, 20)} (${Math.round(inner)} px)`);
    }
    return { scrollWidth: doc.scrollWidth as number, viewport: vw, culprits, squeezed };
  });

describe('every route at 390×844', () => {
  test('when the router gains a route, then this table names the role that opens it', () => {
    const source = fs.readFileSync(ROUTER, 'utf8');
    const paths = [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(30);
    expect([...paths, '/'].sort()).toEqual(Object.keys(table).sort());
  });

  test.each(Object.entries(table))(
    'when %s is opened on a phone, then the page is no wider than the screen',
    async (pattern, { who, url }) => {
      const page = await pageFor(who);
      await page.goto(app.url + url(ids));
      await loaded(page);
      const measured = await overflow(page);
      if (['/', 'register', 'admin/users', 'contracts', 'officials', 'finance', 'announcements'].includes(pattern)) {
        await screenshot(page, `phone-${pattern.replace(/[/:*]+/g, '-') || 'home'}`);
      }
      expect({ route: pattern, ...measured }).toEqual({
        route: pattern,
        scrollWidth: PHONE.width,
        viewport: PHONE.width,
        culprits: [],
        squeezed: [],
      });
    },
  );

  test('when every route was opened, then none threw or logged an error', () => {
    expect(errors).toEqual([]);
  });
});
