/**
 * Paper contracts in a real browser against the real API (built web app): the seller reaches the entry form
 * from the contracts area's navigation, is stopped by the shared schema's cross-field rule, and enters a
 * licence with a payment schedule, IP and a broker (amounts typed in 元, stored in 分). MongoDB is checked
 * after the step. Screenshots under tests/artifacts/. Needs `npm run build -w web`. Importing contracts is in
 * contracts-entry-import.test.ts, the other party's confirmation in contracts-entry-confirmation.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { paperContractIdFor } from '../../api/src/modules/contracts/contracts.service';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  launchBrowser,
  newContext,
  screenshot,
  signInThroughForm,
  text,
  pickOption,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await app.cast();
  browser = await launchBrowser();
  const context = await newContext(browser);
  page = await context.newPage();
  collectPageErrors(page, errors);
  await signInThroughForm(page, app.url, cast.owner.email, TEST_PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const title = '镁合金型材挤压工艺专利实施许可合同（纸质）';

test('the seller enters a paper contract through the form: 元 on screen, 分 in MongoDB, counted as signed', async () => {
  await clickNav(page, 'contracts');
  await page.getByTestId('contracts-nav-new').click();
  await page.waitForURL(`${app.url}/contracts/new`);
  await page.getByTestId('paper-contract-form').waitFor();
  expect(await text(page.getByTestId('entry-seller'))).toContain(cast.ownerOrg.name);

  await page.locator('#title').fill(title);
  await pickOption(page, 'category', '技术许可', { escape: true });
  await pickOption(page, 'subType', '专利实施许可', { escape: true });
  await pickOption(page, 'fieldCode', '新材料', { search: '新材料', escape: true });
  await page.locator('#subject').fill('许可买方在辽宁省内实施镁合金型材挤压工艺专利，卖方提供三次现场技术指导。');
  await page.locator('#buyer_name').fill('鞍山轻合金制品有限公司');
  const buyerCode = app.creditCode('210300');
  await page.locator('#buyer_creditCode').fill(buyerCode);
  await pickOption(page, 'buyer_regionCode', '鞍山市 210300', { search: '210300', escape: true });
  await page.locator('#amountYuan').fill('800000');
  // More technology than contract: the shared schema's refine stops the form before anything is sent.
  await page.locator('#techAmountYuan').fill('900000');
  await page.locator('#signedOn').fill('2026-01-20');
  await page.locator('#startOn').fill('2026-02-01');
  await page.locator('#endOn').fill('2029-01-31');
  await page.getByTestId('paper-contract-submit').click();
  await page.getByText('申报技术交易额不能超过合同成交额').waitFor();
  expect(await app.models.Contract.countDocuments({ 'terms.title': title })).toBe(0);

  await page.locator('#techAmountYuan').fill('750000');
  await page.getByTestId('add-payment').click();
  await page.getByTestId('add-payment').click();
  await page.locator('#paymentSchedule_0_dueOn').fill('2026-03-01');
  await page.locator('#paymentSchedule_0_amountYuan').fill('400000');
  await page.locator('#paymentSchedule_0_note').fill('首付');
  await page.locator('#paymentSchedule_1_dueOn').fill('2026-09-01');
  await page.locator('#paymentSchedule_1_amountYuan').fill('400000.5');
  await page.getByTestId('add-ip').click();
  await pickOption(page, 'ip_0_type', '发明专利', { escape: true });
  await page.locator('#ip_0_number').fill('ZL202210345678.9');
  await page.locator('#ip_0_title').fill('高强韧镁合金挤压型材制备方法');
  await pickOption(page, 'exclusivity', '排他许可', { escape: true });
  await page.getByTestId('entry-has-broker').click();
  await page.locator('#broker_name').fill('王经纪');
  await page.locator('#broker_certNo').fill('LN-TB-0042');
  await page.locator('#broker_commissionYuan').fill('24000');
  await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
  await screenshot(page, 'contracts-entry-form');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/contracts');
  await page.getByTestId('paper-contract-submit').click();
  await page.getByTestId('paper-contract-saved').waitFor();
  // The attempt carried an Idempotency-Key, and the contract's id is the one derived from it.
  const key = (await sent).headers()['idempotency-key'];
  expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

  const stored = (await app.models.Contract.findOne({ 'terms.title': title }).lean())!;
  expect(String(stored._id)).toBe(String(paperContractIdFor(String(cast.ownerOrg._id), key)));
  expect(stored).toMatchObject({
    source: 'direct',
    signing: 'paper',
    status: 'signed',
    sellerRegion: cast.ownerOrg.regionCode,
  });
  expect(String(stored.sellerOrgId)).toBe(String(cast.ownerOrg._id));
  expect(stored.terms).toMatchObject({
    category: 'license',
    subType: 'patent_license',
    fieldCode: 'MAT',
    seller: { name: cast.ownerOrg.name, creditCode: cast.ownerOrg.creditCode },
    buyer: { name: '鞍山轻合金制品有限公司', creditCode: buyerCode, regionCode: '210300', orgType: 'enterprise' },
    amountFen: 80_000_000,
    techAmountFen: 75_000_000,
    paymentSchedule: [
      { dueOn: '2026-03-01', amountFen: 40_000_000, note: '首付' },
      { dueOn: '2026-09-01', amountFen: 40_000_050, note: '' },
    ],
    signedOn: '2026-01-20',
    startOn: '2026-02-01',
    endOn: '2029-01-31',
    ip: [{ type: 'invention', number: 'ZL202210345678.9', title: '高强韧镁合金挤压型材制备方法' }],
    exclusivity: 'sole',
    broker: { name: '王经纪', certNo: 'LN-TB-0042', commissionFen: 2_400_000 },
  });
  // The tally took it in within the request (the contribution is recorded on the contract).
  expect(stored.stats).toMatchObject({ v: stored.version, c: { bucket: 'signed', month: 202601 } });
  expect(await text(page.getByTestId('paper-contract-saved').locator('.ant-result-title'))).toContain(
    stored.contractNo,
  );
  await screenshot(page, 'contracts-entry-saved');

  await page.getByTestId('open-saved-contract').click();
  await page.waitForURL(`${app.url}/contracts/${stored._id}`);
  await expect(text(page.getByTestId('contract-status').first())).resolves.toBe('已签署');
});
