/**
 * The catalogue in a real browser against the real API (same origin, built web app): an organisation
 * member lists an achievement through the step form and submits it, a hub operator approves it in the
 * review queue, a visitor finds it in the public list, another verified organisation accepts the NDA to see
 * the confidential part; then a company posts a 揭榜挂帅 challenge, a supplier answers it and the poster
 * selects the winner. Every step checks what MongoDB stored, not only what the page shows.
 *
 * The steps build on each other, so they run in order in one file. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { achievementColumns } from '../../api/src/modules/imports/achievement-columns';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
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

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
/** A 1×1 PNG: the API reads the type from the bytes, so the upload must be a real image. */
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

let app: TestApp;
let browser: Browser;

/** Types tags into a "tags" Select (keywords, inventors), one Enter each. */
async function typeTags(page: Page, inputId: string, values: string[]) {
  const input = page.locator(`#${inputId}`);
  for (const v of values) {
    await input.fill(v);
    await input.press('Enter');
  }
}

interface Actor {
  context: BrowserContext;
  page: Page;
  errors: string[];
  userId: string;
  orgId?: string;
  token: string;
}

/** A fresh browser context signed in through the login form. */
async function signIn(user: { user: { _id: unknown; orgId?: unknown }; email: string; token: string }): Promise<Actor> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(`${app.url}/`);
  await page.getByTestId('user-menu').waitFor();
  return {
    context,
    page,
    errors,
    userId: String(user.user._id),
    orgId: user.user.orgId ? String(user.user.orgId) : undefined,
    token: user.token,
  };
}

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

  test('when a company posts a challenge, a supplier answers it and the poster selects the winner, then the need, the proposal and the award are stored', async () => {
    const company = await app.createOrg({ type: 'enterprise', status: 'verified', regionCode: '210100' });
    const poster = await signIn(await app.createUser({ org: company, orgRole: 'org_admin' }));
    const title = `轧辊表面裂纹在线检测${app.unique('')}`.slice(0, 40);
    const page = poster.page;

    await page.goto(`${app.url}/needs/new`);
    await page.locator('#title').fill(title);
    await typeTags(page, 'keywords', ['在线检测']);
    await pickOption(page, 'fieldCode', '冶金', { search: '冶金', escape: true });
    await pickOption(page, 'regionCode', '沈阳市', { search: '沈阳', escape: true });
    await page
      .locator('#problem')
      .fill('热轧产线轧辊表面微裂纹需在线识别，要求检出 0.2 mm 以上裂纹，误报率低于 1%，可接入现有 PLC。');
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-requirement').waitFor({ state: 'visible' });
    await pickOption(page, 'cooperationModes', '委托开发', { escape: true });
    await page.locator('#budgetMaxWan').fill('80');
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-challenge').waitFor({ state: 'visible' });
    await page.getByTestId('is-challenge').click();
    await page.locator('#rewardWan').fill('50');
    const closes = new Date(Date.now() + 30 * 86_400_000);
    const closesText = `${closes.getFullYear()}-${String(closes.getMonth() + 1).padStart(2, '0')}-${String(closes.getDate()).padStart(2, '0')} 18:00`;
    await page.locator('#closesAt').click();
    await page.locator('#closesAt').fill(closesText);
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
    await page.getByTestId('step-next').click();
    await page.getByTestId('step-confidential').waitFor({ state: 'visible' });
    await page.getByTestId('form-save-submit').click();
    await page.waitForURL(/\/needs\/[0-9a-f]{24}$/);
    const needId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByTestId('challenge-box').waitFor();

    const need = await app.models.Need.findById(needId).lean();
    expect(need).toMatchObject({
      status: 'pending_review',
      content: {
        title,
        fieldCode: 'MET',
        cooperationModes: ['commissioned_development'],
        budget: { negotiable: false, maxFen: 80_000_000 },
        challenge: { rewardFen: 50_000_000 },
      },
    });
    const storedCloses = new Date((need!.content as { challenge: { closesAt: string } }).challenge.closesAt);
    expect(storedCloses.getTime() - closes.getTime()).toBeLessThan(86_400_000);

    // The operator approves through the API this time (the queue was driven above).
    const approved = await app.http('POST', `/api/needs/${needId}/review`, {
      token: operator.token,
      body: { decision: 'approve' },
    });
    expect(approved.status).toBe(200);

    // A supplier (a verified institute) answers the challenge.
    const institute = await app.createOrg({ type: 'institute', status: 'verified', regionCode: '210200' });
    const supplier = await signIn(await app.createUser({ org: institute, orgRole: 'org_admin' }));
    await supplier.page.goto(`${app.url}/needs?challenge=true&q=${encodeURIComponent(title)}`);
    await supplier.page.locator(`[data-testid="listing-card"][data-id="${needId}"]`).click();
    await supplier.page.getByTestId('proposal-form').waitFor();
    await supplier.page.locator('#summary').fill('基于深度学习的轧辊表面视觉检测系统，已在两条产线验证。');
    await supplier.page.locator('#plan').fill('三个月完成样机，六个月完成产线部署与验收。');
    await supplier.page.locator('#priceWan').fill('45');
    await screenshot(supplier.page, 'catalog-challenge-propose');
    await supplier.page.getByTestId('proposal-submit').click();
    await supplier.page.getByTestId('own-proposal').waitFor();
    expect(await supplier.page.getByTestId('proposal-status').getAttribute('data-status')).toBe('submitted');
    const proposal = await app.models.Proposal.findOne({ needId, orgId: institute._id }).lean();
    expect(proposal).toMatchObject({ status: 'submitted', priceFen: 45_000_000 });

    // The poster sees it and selects the winner.
    await page.reload();
    const winner = page.locator(`[data-testid="proposal-winner"][data-id="${String(proposal!._id)}"]`);
    await winner.waitFor();
    await screenshot(page, 'catalog-challenge-proposals');
    await winner.click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await eventually(
      'the proposals table shows the chosen proposal as winner',
      () => page.getByTestId('proposals-table').getByTestId('proposal-status').first().getAttribute('data-status'),
      (s) => expect(s).toBe('winner'),
    );
    expect((await app.models.Proposal.findById(proposal!._id).lean())!.status).toBe('winner');
    const awarded = await app.models.Need.findById(needId).lean();
    expect(awarded!.award).toMatchObject({ proposalId: String(proposal!._id), orgId: String(institute._id) });
    // The need's page now names the winner, for the supplier (public view) as for the poster.
    await supplier.page.reload();
    await supplier.page.getByTestId('challenge-award').waitFor();
    expect(await text(supplier.page.getByTestId('challenge-award'))).toContain(institute.name);

    expect(poster.errors).toEqual([]);
    expect(supplier.errors).toEqual([]);
    await poster.context.close();
    await supplier.context.close();
  });

  test('when the member imports a CSV, then the progress finishes, the report names the bad row and "my listings" holds the imported drafts', async () => {
    const page = owner.page;
    const prefix = app.unique('导入');
    const example: Record<string, string> = Object.fromEntries(achievementColumns.map((c) => [c.header, c.example]));
    const rows: Array<Record<string, string>> = [
      { ...example, 成果名称: `${prefix}机器人打磨甲` },
      { ...example, 成果名称: `${prefix}机器人打磨乙`, '价格(万元)': '面议' },
      { ...example, 成果名称: `${prefix}坏行`, '技术成熟度(TRL)': '12' },
    ];
    const cell = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csv = [
      achievementColumns.map((c) => cell(c.header)).join(','),
      ...rows.map((r) => achievementColumns.map((c) => cell(r[c.header] ?? '')).join(',')),
    ].join('\n');

    await page.goto(`${app.url}/achievements/import`);
    expect(await page.getByTestId('import-template').getAttribute('href')).toBe(
      '/api/achievements/import-template.xlsx',
    );
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '成果清单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const job = page.getByTestId('import-job');
    // The card appears once the upload is answered with the job; the job runs in the API's background.
    await job.waitFor();
    await app.settled();
    await eventually(
      'the import job card shows the job done (the page polls /api/imports/:id)',
      () => job.getByTestId('import-status').getAttribute('data-status'),
      (s) => expect(s).toBe('done'),
    );
    expect(await text(page.getByTestId('import-counts'))).toContain('成功 2，失败 1');
    expect(await text(job.locator('.ant-card-head-title'))).toBe('成果清单.csv');
    const report = page.getByTestId('import-report');
    const badRow = report.locator('tr', { hasText: `${prefix}坏行` });
    expect(await text(badRow)).toContain('技术成熟度(TRL)');
    await screenshot(page, 'catalog-import-report');

    const stored = await app.models.Achievement.find({ 'content.title': { $regex: `^${prefix}` } }).lean();
    expect(stored.map((a) => (a.content as { title: string }).title).sort()).toEqual([
      `${prefix}机器人打磨乙`,
      `${prefix}机器人打磨甲`,
    ]);
    expect(stored.every((a) => a.status === 'draft' && String(a.ownerOrgId) === owner.orgId)).toBe(true);
    const importJob = await app.models.ImportJob.findOne({ orgId: owner.orgId }).lean();
    expect(importJob).toMatchObject({ status: 'done', created: 2, failed: 1 });

    await page.goto(`${app.url}/my/listings?status=draft`);
    const table = page.getByTestId('mine-table');
    for (const a of stored) await table.locator(`[data-testid="listing-link"][data-id="${String(a._id)}"]`).waitFor();
    expect(await table.locator(`[data-testid="listing-link"][data-id="${listing.id}"]`).count()).toBe(0);
    expect(await page.getByTestId('mine-export').getAttribute('href')).toBe('/api/achievements/export.xlsx');
    await screenshot(page, 'catalog-my-listings');
    expect(owner.errors).toEqual([]);
  });
});
