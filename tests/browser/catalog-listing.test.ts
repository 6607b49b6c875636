/**
 * The catalogue in a real browser against the real API (same origin, built web app): an organisation
 * member lists an achievement through the step form and submits it, a hub operator approves it in the
 * review queue, a visitor finds it in the public list, another verified organisation accepts the NDA to see
 * the confidential part. Every step checks what MongoDB stored, not only what the page shows. Challenges are
 * in catalog-challenge.test.ts, imports in catalog-import.test.ts.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  eventually,
  launchBrowser,
  newContext,
  screenshot,
  text,
  pickOption,
} from '../support/browser';
import { signInActor, typeTags, type Actor } from '../support/catalog';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
/** A 1×1 PNG: the API reads the type from the bytes, so the upload must be a real image. */
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let app: TestApp;
let browser: Browser;

/** A fresh browser context signed in through the login form. */
const signIn = (user: { user: { _id: unknown; orgId?: unknown }; email: string; token: string }): Promise<Actor> =>
  signInActor(browser, app.url, user);

const listing = {
  id: '',
  title: '',
  summary:
    '面向大型铸锻件的激光增材修复技术：采用同轴送粉与闭环熔池温度控制，修复层与基体冶金结合，适用于轧辊、汽轮机叶片与模具的再制造，修复成本约为新件的三成。',
  details: '工艺窗口：激光功率 2.8–3.2 kW，扫描速度 8 mm/s，送粉量 12 g/min；附中试报告。',
};
let owner: Actor;
let operator: Actor;

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

describe('catalogue in a real browser', () => {
  test('when an org member fills the achievement step form and saves it for review, then a pending achievement with the entered content is stored', async () => {
    const org = await app.createOrg({ type: 'university', status: 'verified', regionCode: '210100' });
    owner = await signIn(await app.createUser({ org, orgRole: 'org_admin' }));
    const page = owner.page;
    listing.title = `激光增材修复技术${app.unique('')}`.slice(0, 40);

    await clickNav(page, 'achievements');
    await page.waitForURL(`${app.url}/achievements`);
    await page.getByTestId('listing-new').click();
    await page.waitForURL(`${app.url}/achievements/new`);

    // Step 1: basics. "Next" refuses while a required field is empty.
    await page.getByTestId('step-next').click();
    await page.locator('#title_help').waitFor();
    expect(await page.getByTestId('step-basic').isVisible()).toBe(true);
    await page.locator('#title').fill(listing.title);
    await typeTags(page, 'keywords', ['激光增材', '再制造']);
    await pickOption(page, 'fieldCode', '高端装备制造', { search: '高端', escape: true });
    await pickOption(page, 'subfieldCode', '增材制造', { escape: true });
    await pickOption(page, 'regionCode', '沈阳市', { search: '沈阳', escape: true });
    await page.locator('#summary').fill(listing.summary);
    await screenshot(page, 'catalog-form-basic');
    await page.getByTestId('step-next').click();

    // Step 2: technology, IP and an image.
    await page.getByTestId('step-tech').waitFor({ state: 'visible' });
    await pickOption(page, 'form', '新技术', { escape: true });
    await pickOption(page, 'innovationType', '原始性创新', { escape: true });
    await pickOption(page, 'level', '国内领先', { escape: true });
    await pickOption(page, 'stage', '中试', { escape: true });
    await page.locator('#trl').fill('6');
    await page.getByTestId('ip-add').click();
    await pickOption(page, 'ipRights_0_type', '发明专利', { escape: true });
    await page.locator('#ipRights_0_number').fill('ZL202310001234.5');
    await page.getByTestId('upload-images').locator('input[type=file]').setInputFiles({
      name: '修复样件.png',
      mimeType: 'image/png',
      buffer: PNG_1PX,
    });
    await page
      .locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')
      .first()
      .waitFor();
    await eventually(
      "the page's upload (POST /api/attachments) is stored",
      () => app.models.Attachment.countDocuments({ ownerOrgId: owner.orgId }),
      (n) => expect(n).toBe(1),
    );
    await page.getByTestId('step-next').click();

    // Step 3: trading and a price in 万元.
    await page.getByTestId('step-trade').waitFor({ state: 'visible' });
    await pickOption(page, 'transferModes', '转让', { escape: true });
    await pickOption(page, 'transferModes', '许可', { escape: true });
    await page.locator('#priceWan').fill('120.5');
    await page.getByTestId('step-next').click();

    // Step 4: confidential part, then save and submit.
    await page.getByTestId('step-confidential').waitFor({ state: 'visible' });
    await page.locator('#details').fill(listing.details);
    await page.locator('#contactName').fill('李工');
    await page.locator('#contactPhone').fill('024-83687000');
    await screenshot(page, 'catalog-form-confidential');
    await page.getByTestId('form-save-submit').click();

    await page.waitForURL(/\/achievements\/[0-9a-f]{24}$/);
    listing.id = new URL(page.url()).pathname.split('/').pop()!;
    const detail = page.getByTestId('listing-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-view')).toBe('owner');
    await eventually(
      'the owner panel shows the listing pending review',
      () => page.getByTestId('owner-panel').getByTestId('listing-status').getAttribute('data-status'),
      (s) => expect(s).toBe('pending_review'),
    );
    expect(await text(page.getByTestId('listing-title'))).toBe(listing.title);
    expect(await page.getByTestId('listing-withdraw').count()).toBe(1);
    expect(await page.getByTestId('listing-submit').count()).toBe(0);
    await page.getByTestId('history-entry').nth(1).waitFor();

    const stored = await app.models.Achievement.findById(listing.id).lean();
    const image = await app.models.Attachment.findOne({ ownerOrgId: owner.orgId }).lean();
    expect(stored).toMatchObject({
      status: 'pending_review',
      ownerOrgId: org._id,
      submarketCode: 'SM-210100',
      live: null,
      content: {
        title: listing.title,
        keywords: ['激光增材', '再制造'],
        fieldCode: 'EQP',
        regionCode: '210100',
        form: 'new_technology',
        innovationType: 'original',
        level: 'domestic_leading',
        stage: 'pilot',
        trl: 6,
        summary: listing.summary,
        ipRights: [{ type: 'invention', number: 'ZL202310001234.5', legalStatus: 'granted' }],
        transferModes: ['transfer', 'license'],
        tradingMode: 'negotiated',
        // 120.5 万元 = 1,205,000 元 = 120,500,000 分.
        price: { negotiable: false, amountFen: 120_500_000 },
        imageIds: [String(image!._id)],
        confidential: { details: listing.details, contact: { name: '李工', phone: '024-83687000' }, attachmentIds: [] },
      },
    });
    expect((stored!.content as { subfieldCode?: string }).subfieldCode).toMatch(/^EQP-/);
    const audit = await app.models.Audit.find({ entity: 'achievement', entityId: listing.id }).sort({ at: 1 }).lean();
    expect(audit.map((a) => a.action)).toEqual(['create', 'submit']);
    expect(audit.every((a) => a.actorId === owner.userId)).toBe(true);

    await screenshot(page, 'catalog-owner-pending');
    expect(owner.errors).toEqual([]);
  });

  test('when a hub operator approves it in the review queue, then it is published with the approved copy live', async () => {
    operator = await signIn(await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] }));
    const page = operator.page;
    await clickNav(page, 'listing-review');
    await page.waitForURL(`${app.url}/admin/listings`);
    const approveSelector = `[data-testid="listing-approve"][data-id="${listing.id}"]`;
    const approve = page.getByTestId('review-table').locator(approveSelector);
    await approve.waitFor();
    const row = page.getByTestId('review-table').locator('tr', { has: page.locator(approveSelector) });
    expect(await text(row)).toContain(listing.title);
    expect(await text(row)).toContain('新发布');
    await screenshot(page, 'catalog-review-queue');

    await approve.click();
    await page.getByText(`已通过《${listing.title}》`).waitFor();
    await approve.waitFor({ state: 'detached' });

    const stored = await app.models.Achievement.findById(listing.id).lean();
    expect(stored!.status).toBe('published');
    expect(stored!.publishedAt).toBeInstanceOf(Date);
    expect(stored!.live).toMatchObject({ title: listing.title, price: { amountFen: 120_500_000 } });
    expect(stored!.review).toMatchObject({ decidedBy: expect.any(String) });
    const approved = await app.models.Audit.findOne({
      entity: 'achievement',
      entityId: listing.id,
      action: 'approve',
    }).lean();
    expect(approved).toMatchObject({ from: 'pending_review', to: 'published', actorId: operator.userId });
    expect(operator.errors).toEqual([]);

    // The owner now sees it published, with the history of all three steps.
    await owner.page.reload();
    await eventually(
      'the owner panel shows the listing published',
      () => owner.page.getByTestId('owner-panel').getByTestId('listing-status').getAttribute('data-status'),
      (s) => expect(s).toBe('published'),
    );
    await owner.page.locator('[data-testid="history-entry"][data-action="approve"]').waitFor();
    await screenshot(owner.page, 'catalog-owner-published');
  });

  test('when a visitor finds it in the public list, then the card shows 万元 and the public page hides the confidential part behind the NDA', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${app.url}/achievements?q=${encodeURIComponent(listing.title)}`);
    const card = page.locator(`[data-testid="listing-card"][data-id="${listing.id}"]`);
    await card.waitFor();
    expect(await page.getByTestId('listing-card').count()).toBe(1);
    expect(await text(card)).toContain(listing.title);
    expect(await text(card.getByTestId('price'))).toBe('120.5 万元');
    await screenshot(page, 'catalog-public-list');

    // A filter that excludes it shows the empty state.
    await page.goto(`${app.url}/achievements?q=${encodeURIComponent(listing.title)}&fieldCode=BIO`);
    await page.getByTestId('listing-empty').waitFor();

    await page.goto(`${app.url}/achievements/${listing.id}`);
    const detail = page.getByTestId('listing-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-view')).toBe('public');
    expect(await text(page.getByTestId('listing-title'))).toBe(listing.title);
    expect(await text(page.getByTestId('listing-summary'))).toBe(listing.summary);
    expect(await page.title()).toBe(`${listing.title} - 东北科技大市场`);
    await page.getByTestId('confidential-card').getByText('登录后签署保密协议即可查看保密资料').waitFor();
    expect(await page.content()).not.toContain('工艺窗口');
    expect(await page.content()).not.toContain('024-83687000');
    expect(await page.getByTestId('owner-panel').count()).toBe(0);
    await screenshot(page, 'catalog-public-detail');
    // The API answer the page rendered carries no confidential field either.
    const api = await page.request.get(`${app.url}/api/achievements/${listing.id}`);
    expect((await api.json()).achievement).not.toHaveProperty('confidential');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('when a member of another verified organisation accepts the NDA, then the confidential details show and the acceptance is recorded', async () => {
    const org = await app.createOrg({ status: 'verified', regionCode: '210200' });
    const buyer = await signIn(await app.createUser({ org, orgRole: 'member' }));
    const page = buyer.page;
    await page.goto(`${app.url}/achievements/${listing.id}`);
    await page.getByTestId('nda-accept').click();
    await page.getByTestId('nda-confirm').click();
    await page.getByTestId('nda-accepted').waitFor();
    expect(await page.getByTestId('listing-detail').getAttribute('data-view')).toBe('nda');
    expect(await text(page.getByTestId('confidential-body'))).toContain(listing.details);
    expect(await text(page.getByTestId('confidential-body'))).toContain('024-83687000');

    const nda = await app.models.Nda.findOne({ listingId: listing.id, orgId: org._id }).lean();
    expect(nda).toMatchObject({ listingKind: 'achievement', userId: expect.anything() });
    expect(String(nda!.userId)).toBe(buyer.userId);
    await screenshot(page, 'catalog-nda-detail');
    expect(buyer.errors).toEqual([]);
    await buyer.context.close();
  });
});
