/**
 * Financing match in a real browser (issue 16): a bank writes and publishes a product on its desk; an
 * enterprise opens its request and sees the product proposed with reasons; the bank finds the request with
 * its details hidden and expresses interest; the enterprise accepts; the bank now reads the details and
 * records a term sheet. Each step checks what was stored. Screenshots at 1440×900 and 390×844.
 * Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { financingRequest } from '../../api/src/test-support/financing-fixtures';
import { eventually, launchBrowser, screenshot, signedInPage, text } from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let bank: Awaited<ReturnType<TestApp['createUser']>>;
let company: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];
const repo = () => app.running.ctx.services.financing.repo;

async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
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
  bank = await app.createUser({ org: await app.createOrg({ type: 'bank', name: '辽北银行沈阳科技支行' }) });
  company = await app.createUser({
    org: await app.createOrg({ name: '沈阳镁材新材料有限公司', regionCode: '210100' }),
  });
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('financing in a real browser', () => {
  let bankPage: Page;
  let companyPage: Page;
  let requestId: string;

  test('when the bank writes and publishes a product, then it is stored published and listed in the catalogue', async () => {
    bankPage = await signedInPage(browser, app.url, bank.email, TEST_PASSWORD, errors);
    await bankPage.goto(`${app.url}/financing/products/mine`);
    await bankPage.getByTestId('product-new').click();
    const form = bankPage.getByTestId('product-form');
    await form.locator('#name').fill('镁合金中试贷');
    await form.locator('#amountMinFen').fill('100');
    await form.locator('#amountMaxFen').fill('2000');
    await form.locator('#termMonthsMin').fill('6');
    await form.locator('#termMonthsMax').fill('36');
    await form.locator('#rateMinBp').fill('3.5');
    await form.locator('#rateMaxBp').fill('5.5');
    await bankPage.getByTestId('product-save').click();
    await bankPage.getByTestId('product-publish').click();
    await eventually(
      'the product shows as published',
      () => text(bankPage.getByTestId('product-status').first()),
      (s) => expect(s).toBe('已发布'),
    );
    const stored = await repo().Product.findOne({ name: '镁合金中试贷' }).lean();
    expect(stored).toMatchObject({
      status: 'published',
      instrument: 'loan',
      amountMinFen: 100_000_000,
      rateMaxBp: 550,
    });
    await shots(bankPage, 'financing-my-products');
    await bankPage.goto(`${app.url}/financing`);
    await bankPage.getByTestId('product-table').getByText('镁合金中试贷').waitFor();
    await shots(bankPage, 'financing-catalogue');
  });

  test('when the enterprise opens its request, then the bank’s product is proposed with reasons', async () => {
    const draft = await app.http('POST', '/api/financing/requests', { token: company.token, body: financingRequest() });
    requestId = draft.body.request.id;
    companyPage = await signedInPage(browser, app.url, company.email, TEST_PASSWORD, errors);
    await companyPage.goto(`${app.url}/financing/requests/mine`);
    await companyPage.getByTestId('request-open').click();
    await eventually(
      'the request shows as open',
      () => text(companyPage.getByTestId('request-status').first()),
      (s) => expect(s).toBe('对接中'),
    );
    expect((await repo().Request.findById(requestId).lean())!.status).toBe('open');
    await companyPage.locator('.ant-table-row-expand-icon').first().click();
    const proposals = companyPage.getByTestId('request-proposals');
    await proposals.getByText('镁合金中试贷').waitFor();
    expect(await text(proposals.getByTestId('match-reasons').first())).toContain('金额在额度内');
  });

  test('when the bank expresses interest, then the details stay hidden until the enterprise accepts', async () => {
    await bankPage.goto(`${app.url}/financing/requests/matching`);
    const table = bankPage.getByTestId('matching-requests');
    await table.getByText('高强镁合金中试线建设融资').waitFor();
    expect(await text(table)).not.toContain('机密：');
    await bankPage.getByTestId('interest-express').first().click();
    await bankPage.getByTestId('interest-message').fill('我行可提供中试贷款，欢迎沟通');
    await bankPage.getByTestId('interest-submit').click();
    await eventually(
      'the interest shows as waiting for the requester',
      () => text(bankPage.getByTestId('interest-status').first()),
      (s) => expect(s).toBe('待需求方回复'),
    );
    expect(await repo().Interest.countDocuments({ requestId })).toBe(1);

    await companyPage.reload();
    await companyPage.locator('.ant-table-row-expand-icon').first().click();
    await companyPage.getByTestId('interest-accept').click();
    await companyPage.getByTestId('interest-room').waitFor();
    await shots(companyPage, 'financing-my-requests');
    const interest = await repo().Interest.findOne({ requestId }).lean();
    expect(interest!.status).toBe('accepted');
    expect(interest!.negotiationId).not.toBeNull();
  });

  test('when the bank records a term sheet, then the details show to it and the outcome is stored', async () => {
    await bankPage.goto(`${app.url}/financing/requests/matching`);
    await bankPage.getByTestId('request-confidential').first().waitFor();
    expect(await text(bankPage.getByTestId('request-confidential').first())).toContain('机密：');
    await bankPage.getByTestId('outcome-record').first().click();
    await bankPage.getByTestId('outcome-amount').fill('450');
    await bankPage.getByTestId('outcome-submit').click();
    await eventually(
      'the interest shows the term sheet',
      () => text(bankPage.getByTestId('interest-status').first()),
      (s) => expect(s).toBe('已出具意向书'),
    );
    const interest = await repo().Interest.findOne({ requestId }).lean();
    expect(interest!.outcome).toMatchObject({ kind: 'term_sheet', amountFen: 450_000_000, instrument: 'loan' });
    await shots(bankPage, 'financing-matching');
    expect(errors).toEqual([]);
  });
});
