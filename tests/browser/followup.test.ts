/**
 * Industrialisation follow-up (产业化贯通, issue 16) in a real browser: the buyer of a registered contract
 * reports its first half-year from the contract page (stage, cumulative figures, confirmed before sending),
 * the report is stored and shown; an official of the seller's city finds it on the follow-up board, filters
 * it by status, and reads the funnel and the industrialisation rate there and on the dashboard.
 * Screenshots at 1440×900 and 390×844. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { registeredContract } from '../../api/src/test-support/followup-fixtures';
import {
  clickWhenStill,
  eventually,
  launchBrowser,
  pickOption,
  screenshot,
  signedInPage,
  text,
  waitUntilStill,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
let app: TestApp;
let browser: Browser;
let contractId: string;
let buyer: Awaited<ReturnType<TestApp['createUser']>>;
let official: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];

async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.evaluate('window.scrollTo(0, 0)');
    // The funnel redraws for the new width (ECharts follows its box): shoot once it fits the screen.
    const funnel = page.locator('[data-testid="chart-funnel"] canvas').first();
    if (await funnel.count())
      await eventually(
        'the funnel is redrawn for the new width',
        async () => (await funnel.boundingBox())?.width ?? 0,
        (w) => expect(w).toBeLessThanOrEqual(width),
      );
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  const sellerOrg = await app.createOrg({ type: 'university', regionCode: '210100', name: '东北某大学（测试）' });
  const buyerOrg = await app.createOrg({ regionCode: '210100', name: '沈阳镁材新材料有限公司' });
  const seller = { ...(await app.createUser({ org: sellerOrg })), org: sellerOrg };
  buyer = await app.createUser({ org: buyerOrg });
  official = await app.createUser({ roles: ['official'], officialRegion: '210100' });
  ({ contractId } = await registeredContract(app, seller, { ...buyer, org: buyerOrg }, official, {
    title: '高强镁合金型材专利实施许可合同',
  }));
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('industrialisation follow-up in a real browser', () => {
  test('when the buyer reports period 1 on the contract page, then it is stored and shown', async () => {
    const page = await signedInPage(browser, app.url, buyer.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/contracts/${contractId}`);
    const card = page.getByTestId('followup-card');
    await card.waitFor();
    expect(await page.getByTestId('followup-period').count()).toBe(6);
    expect(await page.getByTestId('followup-period').first().getAttribute('data-state')).toBe('open');
    await page.getByTestId('followup-report').click();
    const modal = page.getByTestId('followup-report-form');
    await waitUntilStill(page, modal.locator('#salesWan'));
    await pickOption(page, 'stage', '已产业化（批量销售）');
    await modal.locator('#salesWan').fill('120');
    await modal.locator('#jobs').fill('8');
    await modal.locator('#investmentWan').fill('300');
    await modal.locator('#note').fill('首条产线投产，已向两家车企批量供货。');
    await page.getByTestId('followup-submit').click();
    await clickWhenStill(page, page.locator('.ant-popconfirm .ant-btn-primary'));
    await eventually(
      'the report shows in the card',
      () => text(page.getByTestId('followup-reports')),
      (s) => expect(s).toContain('已产业化'),
    );
    expect(await page.getByTestId('followup-status').getAttribute('data-status')).toBe('industrialised');
    const stored = await app.running.ctx.services.followup.repo.find(contractId);
    expect(stored!.reports).toHaveLength(1);
    expect(stored!.reports[0]).toMatchObject({
      period: 1,
      stage: 'industrialised',
      salesFen: 120_000_000,
      jobs: 8,
      investmentFen: 300_000_000,
    });
    expect(stored!.industrialisedAt).not.toBeNull();
    await page.getByTestId('followup-report').waitFor({ state: 'detached' });
    await shots(page, 'followup-contract');
  });

  test('when the official opens the board, then the contract, the funnel and the rates are there', async () => {
    const page = await signedInPage(browser, app.url, official.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/followups/board`);
    const table = page.getByTestId('board-table');
    await table.getByText('高强镁合金型材专利实施许可合同').waitFor();
    expect(await text(page.getByTestId('board-industrialised'))).toContain('1');
    await pickOption(page, 'board-status', '逾期未报');
    await eventually(
      'the overdue filter empties the list',
      () => text(table),
      (s) => expect(s).toContain('没有符合条件的跟踪合同'),
    );
    expect(page.url()).toContain('status=overdue');
    await pickOption(page, 'board-status', '已产业化');
    await table.getByText('高强镁合金型材专利实施许可合同').waitFor();
    await eventually(
      'the funnel is drawn with the rate',
      async () => [
        await page.getByTestId('chart-funnel').getAttribute('data-finished'),
        await text(page.getByTestId('kpi-industrialised')),
      ],
      ([finished, rate]) => {
        expect(finished).toBe('true');
        expect(rate).toContain('100.0%');
      },
    );
    await shots(page, 'followup-board');
    await page.goto(`${app.url}/officials`);
    await eventually(
      'the dashboard shows the rates',
      async () => [await text(page.getByTestId('kpi-industrialised')), await text(page.getByTestId('kpi-local-count'))],
      ([rate, local]) => {
        expect(rate).toContain('100.0%');
        expect(local).toContain('100.0%');
      },
    );
    await shots(page, 'followup-dashboard');
    expect(errors).toEqual([]);
  });
});
