/**
 * Contracts in a real browser against the real API (built web app): a deal agreed in a negotiation room
 * becomes a draft contract, the seller and the buyer each sign in their own browser, the seller files it,
 * the registration official of the seller's region approves it from the queue, and the officials'
 * dashboard and the public statistics page show the figures move. Screenshots under tests/artifacts/.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeDeal } from '../../api/src/test-support/contract-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  signedInPage,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const errors: string[] = [];
let contractId = '';
let negotiationId = '';

const signIn = (who: { email: string }): Promise<Page> =>
  signedInPage(browser, app.url, who.email, TEST_PASSWORD, errors);

const registeredN = async (page: Page) =>
  Number(((await page.getByTestId('kpi-registered-n').textContent()) ?? '').trim());
const status = (page: Page) => page.getByTestId('contract-status').first();

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST, SEARCH_SYNC: 'external' });
  cast = await app.cast();
  browser = await launchBrowser();
  const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
  negotiationId = String((await app.models.Deal.findById(dealId).lean())!.negotiationId);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

let official: Page;
let before = 0;

test("the official of the seller's region opens the dashboard", async () => {
  official = await signIn(cast.official);
  await clickNav(official, 'officials');
  await official.getByTestId('stats-dashboard').waitFor();
  await official.getByTestId('chart-trend').locator('canvas').first().waitFor();
  before = await registeredN(official);
  const api = await app.http('GET', '/api/stats/summary', { token: cast.official.token });
  expect(before).toBe(api.body.registered.n);
  await screenshot(official, 'contracts-dashboard-before');
});

test('the seller opens the draft made on acceptance, reads the rule checks, edits it and signs after confirming', async () => {
  const seller = await signIn(cast.owner);
  await seller.goto(`${app.url}/negotiations/${negotiationId}`);
  // The accept made the draft: the room links to it.
  await seller.getByTestId('deal-contract-link').click();
  await seller.waitForURL(/\/contracts\/[a-f0-9]{24}$/);
  contractId = seller.url().split('/').pop()!;
  await expect(status(seller).textContent()).resolves.toBe('草稿');
  await seller.getByTestId('contract-terms').waitFor();
  // Labels, not codes: the licence kind and the history's step.
  await expect(seller.getByTestId('contract-exclusivity').textContent()).resolves.toBe('排他许可');
  await expect(seller.getByTestId('history-item').first().textContent()).resolves.toContain('由成交生成合同草稿');
  await expect(seller.getByTestId('contract-subject').textContent()).resolves.toContain('发明专利 ZL202210345678.9');
  // The rules run before anyone signs: every blocking one passes except the written form the signatures make.
  await expect(seller.getByTestId('rule-license_scope').getAttribute('data-ok')).resolves.toBe('true');
  await expect(seller.getByTestId('rule-written_form').getAttribute('data-ok')).resolves.toBe('false');
  await screenshot(seller, 'contracts-draft');

  await seller.getByTestId('contract-edit').click();
  await seller.getByTestId('contract-edit-form').waitFor();
  expect(await seller.getByTestId('edit-voids-warning').count()).toBe(0);
  await screenshot(seller, 'contracts-edit');
  const subject = seller.getByTestId('contract-edit-form').locator('#subject');
  await subject.fill(`${await subject.inputValue()}\n另：卖方提供现场培训一次。`);
  const [patched] = await Promise.all([
    seller.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/contracts/${contractId}`)),
    seller.getByTestId('edit-save').click(),
  ]);
  expect(patched.status()).toBe(200);
  await seller.waitForURL(`${app.url}/contracts/${contractId}`);
  await eventually(
    'the page shows the edited subject',
    () => seller.getByTestId('contract-subject').textContent(),
    (text) => expect(text).toContain('卖方提供现场培训一次'),
  );

  const docHash = (await app.models.Contract.findById(contractId).lean())!.docHash;
  await seller.getByTestId('sign').click();
  await expect(seller.getByTestId('sign-doc-hash').textContent()).resolves.toBe(docHash);
  await screenshot(seller, 'contracts-sign-confirm');
  await seller.getByTestId('sign-ok').click();
  await seller.getByTestId('signature-seller').waitFor();
  await expect(status(seller).textContent()).resolves.toBe('签署中');
  const pdf = await seller.request.get(`${app.url}/api/contracts/${contractId}/document.pdf`);
  expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
});

test('the buyer finds the contract in the nav and signs; the seller files it', async () => {
  const buyer = await signIn(cast.other);
  await clickNav(buyer, 'contracts');
  await buyer.getByTestId('contract-table').getByRole('link').first().click();
  await buyer.waitForURL(`${app.url}/contracts/${contractId}`);
  await buyer.getByTestId('sign').click();
  await buyer.getByTestId('sign-ok').click();
  await buyer.getByTestId('signature-buyer').waitFor();
  await expect(status(buyer).textContent()).resolves.toBe('已签署');
  // Signed by both, the contract is no longer edited.
  expect(await buyer.getByTestId('contract-edit').count()).toBe(0);
  const stored = (await app.models.Contract.findById(contractId).lean())!;
  expect(stored.signatures.map((s) => [s.side, s.valid, s.docHash === stored.docHash])).toEqual([
    ['seller', true, true],
    ['buyer', true, true],
  ]);

  const seller = await signIn(cast.member);
  await seller.goto(`${app.url}/contracts/${contractId}`);
  await seller.getByTestId('file-registration').click();
  await seller.getByTestId('file-ok').click();
  await seller.getByText('第 1 次申报').waitFor();
  await expect(status(seller).textContent()).resolves.toBe('待登记');
  await screenshot(seller, 'contracts-filed');
});

test('the official approves from the queue and the dashboard moves', async () => {
  await official.getByTestId('to-queue').click();
  const contractNo = (await app.models.Contract.findById(contractId).lean())!.contractNo;
  // The queue shows its total, the same figure as the API's and the dashboard KPI's.
  const api = await app.http('GET', '/api/registrations', { token: cast.official.token });
  await expect(official.getByTestId('queue-total').textContent()).resolves.toBe(`共 ${api.body.total} 条`);
  await official.setViewportSize({ width: 390, height: 844 });
  await screenshot(official, 'contracts-queue-390');
  await official.setViewportSize({ width: 1440, height: 900 });
  await screenshot(official, 'contracts-queue-1440');
  await official.getByTestId(`review-${contractNo}`).click();
  await official.getByTestId('review').waitFor();
  await screenshot(official, 'contracts-review');
  await official.locator('input[data-testid="assessed"], [data-testid="assessed"] input').first().fill('100');
  await official.getByTestId('approve').click();
  // A decision asks first and says what it did.
  await official.getByTestId('decision-ok').click();
  await official.getByText('已准予登记').first().waitFor();
  await official.getByTestId('review').waitFor({ state: 'detached' });
  const stored = (await app.models.Contract.findById(contractId).lean())!;
  expect(stored.status).toBe('registered');
  expect(stored.registration!.assessedTechAmountFen).toBe(100_000_000);

  // The tally is updated in the decision's own request: the dashboard's next answer (the decision made its
  // cached one stale) already counts the contract, without the background sweep.
  const [summary] = await Promise.all([
    official.waitForResponse((r) => new URL(r.url()).pathname === '/api/stats/summary'),
    clickNav(official, 'officials'),
  ]);
  expect((await summary.json()).registered.n).toBe(before + 1);
  await official.getByTestId('stats-dashboard').waitFor();
  await eventually(
    'the dashboard shows the count it was answered',
    () => registeredN(official),
    (n) => expect(n).toBe(before + 1),
  );
  await screenshot(official, 'contracts-dashboard-after');

  // Drill-down from the dashboard lists the contract.
  await official.goto(`${app.url}/contracts?status=registered`);
  await official.getByTestId('contract-table').getByText(contractNo).waitFor();
});

test('the public statistics page shows the province headline only', async () => {
  const context = await newContext(browser);
  const visitor = await context.newPage();
  collectPageErrors(visitor, errors);
  await visitor.goto(`${app.url}/stats`);
  await visitor.getByTestId('public-stats').waitFor();
  expect(await registeredN(visitor)).toBe((await app.http('GET', '/api/stats/summary')).body.registered.n);
  expect(await visitor.locator('body').textContent()).not.toContain(
    (await app.models.Contract.findById(contractId).lean())!.contractNo,
  );
  await screenshot(visitor, 'contracts-public-stats');
  expect(errors).toEqual([]);
});
