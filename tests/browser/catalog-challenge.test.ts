/**
 * 揭榜挂帅 challenges in a real browser against the real API (same origin, built web app): a company posts a
 * challenge through the need form, a supplier answers it and the poster selects the winner. Every step
 * checks what MongoDB stored, not only what the page shows. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, text, pickOption } from '../support/browser';
import { signInActor, typeTags, type Actor } from '../support/catalog';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;

/** A fresh browser context signed in through the login form. */
const signIn = (user: { user: { _id: unknown; orgId?: unknown }; email: string; token: string }): Promise<Actor> =>
  signInActor(browser, app.url, user);

/** The hub operator who approves the challenge (through the API). */
let operator: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('catalogue in a real browser', () => {
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
});
