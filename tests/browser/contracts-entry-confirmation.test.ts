/**
 * Paper contracts that name an organisation of the platform, in a real browser against the real API (built
 * web app): such a contract waits for that organisation; the buyer sees it as awaiting its confirmation and
 * declines one (with a reason the seller then sees) and accepts another. MongoDB is checked after each
 * step. Screenshots under tests/artifacts/ (the confirmation pages at 1440×900 and 390×844). Needs
 * `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  launchBrowser,
  newContext,
  screenshot,
  signedInPage,
  signInThroughForm,
  text,
} from '../support/browser';
import { bothSizes } from '../support/contracts-entry';

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

/** Enters a short paper contract through the API as the owner's organisation, naming the other organisation as buyer. */
async function enterNamingOther(contractTitle: string) {
  const o = cast.otherOrg;
  const terms = {
    title: contractTitle,
    category: 'service',
    subType: 'technical',
    fieldCode: 'EQP',
    subject: '解决焊接机器人焊缝跟踪精度不足的特定技术问题。',
    seller: {
      name: cast.ownerOrg.name,
      creditCode: cast.ownerOrg.creditCode,
      regionCode: cast.ownerOrg.regionCode,
      orgType: cast.ownerOrg.type,
    },
    buyer: { name: o.name, creditCode: o.creditCode, regionCode: o.regionCode, orgType: o.type },
    amountFen: 30_000_000,
    techAmountFen: 28_000_000,
    paymentSchedule: [{ dueOn: '2026-03-01', amountFen: 30_000_000, note: '一次付清' }],
    startOn: '2026-02-10',
    endOn: '2026-08-10',
    signedOn: '2026-02-10',
  };
  const res = await app.http('POST', '/api/contracts', { token: cast.owner.token, body: { terms } });
  expect(res.status).toBe(201);
  return res.body.contract as { id: string; contractNo: string };
}

test('a paper contract naming an organisation of the platform waits for it: the buyer declines one with a reason and accepts another', async () => {
  const declinedTitle = '焊缝跟踪技术服务合同（待对方确认·拒绝）';
  const acceptedTitle = '焊缝跟踪技术服务合同（待对方确认·接受）';
  const toDecline = await enterNamingOther(declinedTitle);
  const toAccept = await enterNamingOther(acceptedTitle);
  expect((await app.models.Contract.findById(toDecline.id).lean())!).toMatchObject({
    status: 'awaiting_confirmation',
    buyerOrgId: cast.otherOrg._id,
  });

  // The seller sees that it waits for the other side; nothing to pay or file yet.
  await page.goto(`${app.url}/contracts/${toDecline.id}`);
  await page.getByTestId('confirmation-seller').waitFor();
  await expect(text(page.getByTestId('contract-status').first())).resolves.toBe('待对方确认');
  expect(await page.getByTestId('contract-payments').count()).toBe(0);
  expect(await page.getByTestId('file-registration').count()).toBe(0);
  await bothSizes(page, 'contracts-confirmation-seller');

  // The buyer finds both in its list as awaiting confirmation.
  const buyer = await signedInPage(browser, app.url, cast.other.email, TEST_PASSWORD, errors);
  await clickNav(buyer, 'contracts');
  const row = buyer.getByTestId('contract-table').locator('tr', { hasText: declinedTitle });
  await expect(text(row.getByTestId('contract-status'))).resolves.toBe('待对方确认');
  await row.getByRole('link').first().click();
  await buyer.waitForURL(`${app.url}/contracts/${toDecline.id}`);
  await buyer.getByTestId('confirmation-buyer').waitFor();
  expect(await text(buyer.getByTestId('confirmation-buyer'))).toContain('待您确认');
  expect(await text(buyer.getByTestId('confirmation-buyer'))).toContain(cast.ownerOrg.name);
  await bothSizes(buyer, 'contracts-confirmation-buyer');

  // Declining needs a reason (the API's schema checks it in the dialog).
  await buyer.getByTestId('confirm-decline').click();
  await buyer.getByTestId('decline-reason').fill('x');
  await buyer.getByTestId('decline-submit').click();
  await buyer.getByText('请填写 2–500 字的原因').waitFor();
  expect((await app.models.Contract.findById(toDecline.id).lean())!.status).toBe('awaiting_confirmation');
  await buyer.getByTestId('decline-reason').fill('本单位未签订此合同，金额与实际不符');
  await screenshot(buyer, 'contracts-confirmation-decline-dialog');
  await buyer.getByTestId('decline-submit').click();
  await buyer.getByTestId('confirmation-declined').waitFor();
  await expect(text(buyer.getByTestId('contract-status').first())).resolves.toBe('对方已拒绝');
  expect((await app.models.Contract.findById(toDecline.id).lean())!).toMatchObject({
    status: 'declined',
    confirmation: { status: 'declined', reason: '本单位未签订此合同，金额与实际不符' },
  });

  // The seller sees why.
  await page.reload();
  await page.getByTestId('confirmation-declined').waitFor();
  expect(await text(page.getByTestId('confirmation-declined'))).toContain('本单位未签订此合同，金额与实际不符');

  // Accepting goes through a confirmation dialog and signs the version shown.
  await buyer.goto(`${app.url}/contracts/${toAccept.id}`);
  await buyer.getByTestId('confirm-accept').click();
  await buyer.getByTestId('confirm-accept-ok').waitFor();
  expect(await buyer.getByText('确认接受这份合同？').count()).toBeGreaterThan(0);
  await bothSizes(buyer, 'contracts-confirmation-accept-dialog');
  await buyer.getByTestId('confirm-accept-ok').click();
  await buyer.getByTestId('confirmation-confirmed').waitFor();
  await expect(text(buyer.getByTestId('contract-status').first())).resolves.toBe('已签署');
  await buyer.getByTestId('contract-payments').waitFor();
  const accepted = (await app.models.Contract.findById(toAccept.id).lean())!;
  expect(accepted.status).toBe('signed');
  expect(accepted.signatures.filter((g: { valid: boolean }) => g.valid).map((g: { side: string }) => g.side)).toEqual([
    'seller',
    'buyer',
  ]);
  // Parties never see each other's IP.
  expect(await text(buyer.getByTestId('signatures'))).not.toMatch(/127\.0\.0\.1|::1/);
  expect(errors).toEqual([]);
});
