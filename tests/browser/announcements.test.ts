/**
 * Announcements and policies (通知公告 / 政策文件, issue 14 item 5) in a real browser: a Shenyang operator
 * writes a notice with a PDF on the management page (reached through the navigation), publishes it after
 * confirming, and it is stored, audited and shown on the home page; an anonymous visitor filters the public
 * list (filters and page stay in the address over a reload), opens the notice and downloads its PDF.
 * Screenshots at 1440×900 and 390×844. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  ARTIFACTS_DIR,
  clickNav,
  clickWhenStill,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  pickOption,
  screenshot,
  signedInPage,
  text,
  waitUntilStill,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const TITLE = '沈阳分市场 2026 年揭榜挂帅项目征集通知';
let app: TestApp;
let browser: Browser;
let operator: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];

async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.evaluate('window.scrollTo(0, 0)');
    // No wider than the screen: nothing scrolls sideways on a phone.
    const docWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect([name, width, docWidth]).toEqual([name, width, Math.min(docWidth, width)]);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] });
  // Eleven published policies of another sub-market, so the public list has a second page.
  const admin = await app.createUser({ roles: ['admin'] });
  for (let i = 1; i <= 11; i++) {
    const res = await app.http('POST', '/api/admin/announcements', {
      token: admin.token,
      body: {
        kind: 'policy',
        submarketCode: 'SM-210200',
        title: `大连市科技成果转化政策第 ${i} 号`,
        body: '为促进科技成果在本市转化，对技术合同登记后的技术交易给予奖励补助。',
      },
    });
    await app.http('POST', `/api/admin/announcements/${res.body.announcement.id}/publish`, { token: admin.token });
  }
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
  expect(errors).toEqual([]);
});

describe('announcements in a real browser', () => {
  test('when an operator writes a notice with a PDF and publishes it, then it is stored, audited and on the home page', async () => {
    const page = await signedInPage(browser, app.url, operator.email, TEST_PASSWORD, errors);
    await clickNav(page, 'announcements-admin');
    await page.waitForURL(`${app.url}/admin/announcements`);
    await page.getByTestId('announcement-new').click();
    const form = page.getByTestId('announcement-form');
    await waitUntilStill(page, form.getByTestId('announcement-title'));
    await form.getByTestId('announcement-title').fill(TITLE);
    await form
      .getByTestId('announcement-body-input')
      .fill('各有关企业：\n现面向沈阳市征集揭榜挂帅项目。\n请于 6 月 30 日前在平台提交。');
    await form.locator('input[type="file"]').setInputFiles({
      name: '揭榜挂帅实施细则.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await form.getByTestId('announcement-file').waitFor();
    await page.getByTestId('announcement-save').click();
    const table = page.getByTestId('announcement-table');
    await table.getByText(TITLE).waitFor();
    expect(await text(table)).toContain('草稿');
    await shots(page, 'announcements-manage');

    await page.getByTestId('announcement-publish').first().click();
    await clickWhenStill(page, page.locator('.ant-modal-confirm .ant-btn-primary'));
    await eventually(
      'the notice is published',
      () => text(table),
      (s) => expect(s).toContain('已发布'),
    );
    const stored = await app.running.ctx.services.announcements.repo.Announcement.findOne({ title: TITLE }).lean();
    expect(stored).toMatchObject({
      status: 'published',
      submarketCode: 'SM-210100',
      attachmentName: '揭榜挂帅实施细则.pdf',
    });
    const audit = await app.running.ctx.services.audit.history('announcement', String(stored!._id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'publish']);

    await page.goto(app.url);
    const home = page.getByTestId('home-announcements');
    await home.getByText(TITLE).waitFor();
    await page.context().close();
  });

  test('when a visitor filters the list and reloads, then filter and page stay; the notice opens with its PDF', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    collectPageErrors(page, errors);
    await page.goto(`${app.url}/announcements`);
    await page.getByTestId('announcement-list').waitFor();
    expect(await text(page.getByTestId('announcement-total'))).toBe('共 12 条');
    await pickOption(page, 'announcement-kind', '政策文件');
    await eventually(
      'the policy filter narrows the list',
      () => text(page.getByTestId('announcement-total')),
      (s) => expect(s).toBe('共 11 条'),
    );
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('kind') === 'policy');
    await page.reload();
    await page.getByTestId('announcement-list').waitFor();
    expect(await text(page.getByTestId('announcement-total'))).toBe('共 11 条');
    expect(await page.getByTestId('announcement-item').count()).toBe(1);
    expect(await page.locator('.ant-pagination-item-active').textContent()).toBe('2');
    expect(await text(page.locator('.ant-select', { has: page.locator('#announcement-kind') }))).toContain('政策文件');
    await shots(page, 'announcements-list');

    await page.goto(`${app.url}/announcements?kind=notice&submarket=SM-210100`);
    await page.getByText(TITLE).click();
    await page.getByTestId('announcement-detail').waitFor();
    expect(await text(page.getByTestId('announcement-body'))).toContain('现面向沈阳市征集揭榜挂帅项目。');
    const href = await page.getByTestId('announcement-pdf').getAttribute('href');
    const status = await page.evaluate(`fetch(${JSON.stringify(href)}).then((r) => r.status)`);
    expect(status).toBe(200);
    await shots(page, 'announcements-detail');
    await page.goto(app.url);
    await page.getByTestId('home-announcements').getByText(TITLE).waitFor();
    await shots(page, 'announcements-home');
    // The section itself, at both widths (the full home page is too long to read in one picture).
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page
        .getByTestId('home-announcements')
        .screenshot({ path: path.join(ARTIFACTS_DIR, `announcements-home-section-${width}.png`) });
    }
    await context.close();
  });
});
