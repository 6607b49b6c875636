/**
 * Lists keep their filters and page in the address (issue 14 item 6): the operators' verification queue,
 * finance's transfer queue and deposits (beside the finance page's tab), and an organisation's statement
 * (date range and ledger page). For each, over the demo data, page 2 is chosen, the page is reloaded, and
 * the same page of the same list — with its total — is shown again. Needs the built web app.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../api/src/seed/demo';
import { toAuthUser } from '../../api/src/modules/auth/auth.service';
import type { ListingRecord } from '../../api/src/modules/listings/listing.model';
import type { UserRecord } from '../../api/src/modules/users/user.model';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, text } from '../support/browser';
import { DESKTOP, loaded, rolePages, type Who } from '../support/main-pages';

jest.setTimeout(600_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let pageFor: (who: Who, viewport?: typeof DESKTOP) => Promise<Page>;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  await seedDemo(app.running.ctx);
  // Two more organisations waiting, so the queue has a second page at one application a page.
  for (let i = 0; i < 2; i++) await app.createOrg({ status: 'pending' });
  // Two more deposits, each with a declared bank transfer: the finance queue and the deposits tab get more rows.
  const { models, services } = app.running.ctx;
  const dicp = toAuthUser((await models.User.findOne({ email: 'dicp@demo.nekj.cn' }).lean<UserRecord>())!);
  const open = (
    await models.Need.find({ status: 'published', ownerOrgId: { $ne: dicp.orgId } }).lean<ListingRecord[]>()
  )
    .filter((n) => {
      const c = (n.live as { challenge?: { closesAt: string } } | undefined)?.challenge;
      return c && Date.parse(c.closesAt) > Date.now() + 86_400_000;
    })
    .slice(0, 2);
  expect(open).toHaveLength(2);
  for (const [i, need] of open.entries()) {
    const { payable } = await services.payments.deposits.create(dicp, 'challenge', String(need._id));
    const receipt = await services.attachments.upload(dicp, {
      originalname: `保证金回单-${i}.pdf`,
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await services.payments.start.startBank(dicp, String(payable._id), `url-lists-${i}`, {
      receiptAttachmentId: String(receipt._id),
      payerAccountName: '中国科学院大连化学物理研究所',
      bankReference: `BOC2026DEP0${i}`,
      transferredOn: '2026-11-30',
      declaredFen: payable.amountFen,
      note: '揭榜保证金',
    });
  }
  await app.settled();
  browser = await launchBrowser();
  pageFor = rolePages(browser, app.url, errors);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
  expect(errors).toEqual([]);
});

/** The first row's text and the total line of a table (antd's showTotal) and its active page. */
async function state(page: Page, table: string) {
  const box = page.getByTestId(table);
  await box.locator('tbody tr.ant-table-row').first().waitFor();
  return {
    first: await text(box.locator('tbody tr.ant-table-row').first()),
    total: await text(page.locator('.ant-pagination-total-text').first()),
    active: await text(page.locator('.ant-pagination-item-active').first()),
  };
}

describe('list pages keep filter and page over a reload', () => {
  test.each([
    ['operator', '/admin/verification?pageSize=1', 'verification-table'],
    ['finance', '/finance?pageSize=1', 'finance-queue'],
    ['finance', '/finance?tab=deposits&pageSize=1', 'deposits'],
  ] as const)('%s %s: page 2 is still page 2 after a reload', async (who, url, table) => {
    const page = await pageFor(who);
    await page.goto(app.url + url);
    await loaded(page);
    const before = await state(page, table);
    expect(before.total).toMatch(/^共 \d+ 条$/);
    expect(Number(before.total.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
    await page.locator('.ant-pagination-item-2').first().click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await eventually(
      'the second page is shown',
      () => state(page, table),
      (s) => expect([s.active, s.first === before.first]).toEqual(['2', false]),
    );
    const second = await state(page, table);
    await page.reload();
    await loaded(page);
    expect(await state(page, table)).toEqual(second);
    const kept = new URL(page.url()).searchParams;
    expect([kept.get('page'), kept.get('pageSize')]).toEqual(['2', '1']);
    if (url.includes('tab=')) expect(kept.get('tab')).toBe('deposits');
    await screenshot(page, `url-lists-${table}`);
  });

  test("an organisation's statement keeps its date range and ledger page", async () => {
    // The demo buyer, who paid instalments (its ledger has lines), as finance reads it.
    const company = await app.models.User.findOne({ email: 'company@demo.nekj.cn' }).lean<UserRecord>();
    const page = await pageFor('finance');
    await page.goto(`${app.url}/payments/orgs/${String(company!.orgId)}?from=2020-01-01&pageSize=1`);
    await loaded(page);
    const lines = page.getByTestId('statement-lines');
    await lines.locator('tbody tr.ant-table-row').first().waitFor();
    await page.locator('.ant-pagination-item-2').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2');
    await page.reload();
    await loaded(page);
    const range = page.getByTestId('statement-range').locator('input');
    expect(await range.nth(0).inputValue()).toBe('2020-01-01');
    expect(await text(page.locator('.ant-pagination-item-active'))).toBe('2');
    expect(await text(page.locator('.ant-pagination-total-text'))).toMatch(/^共 \d+ 条$/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2020-01-01');
    await screenshot(page, 'url-lists-statement');
  });
});
