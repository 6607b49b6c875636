/**
 * Achievement evaluation (科技成果评估, issue 16) in a real browser: the supplier asks an evaluation agency from
 * the achievement's page; the agency finds the request on /evaluations (through the user menu), accepts it
 * (confirmed), and completes it with its PDF report, value range, method and date; the badge then shows on the
 * detail page and on the achievement's card in the catalogue. Screenshots at 1440×900 and 390×844, and the
 * page must be no wider than the phone. Needs the built web app: `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { achievementBody, publish } from '../../api/src/test-support/catalog-fixtures';
import {
  clickWhenStill,
  eventually,
  launchBrowser,
  pickOption,
  screenshot,
  signedInPage,
  text,
} from '../support/browser';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const TITLE = '稀土镁合金高速挤压成形技术';
const PDF = Buffer.from('%PDF-1.4\n% 评估报告\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
let app: TestApp;
let browser: Browser;
let achievementId: string;
let owner: Awaited<ReturnType<TestApp['createUser']>>;
let agency: Awaited<ReturnType<TestApp['createUser']>>;
const errors: string[] = [];
const AGENCY = '辽宁测试资产评估有限公司';

async function shots(page: Page, name: string) {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.evaluate('window.scrollTo(0, 0)');
    const docWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect([name, width, docWidth <= width]).toEqual([name, width, true]);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 860 });
}

const stored = async () =>
  (await app.running.ctx.services.evaluations.repo.Evaluation.find({ achievementId }).lean()).map((e) => ({
    status: e.status,
    result: e.result,
  }));

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  const ownerOrg = await app.createOrg({ type: 'university', regionCode: '210100', name: '东北某大学（评估测试）' });
  const agencyOrg = await app.createOrg({ type: 'evaluator', regionCode: '210100', name: AGENCY });
  owner = await app.createUser({ org: ownerOrg });
  agency = await app.createUser({ org: agencyOrg });
  const operator = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] });
  achievementId = await publish(
    app,
    'achievements',
    owner,
    operator,
    achievementBody({ title: TITLE, regionCode: '210100' }),
  );
  await app.settled();
});
afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('achievement evaluation in a real browser', () => {
  test('when the supplier asks an agency on the achievement page, then the request is stored', async () => {
    const page = await signedInPage(browser, app.url, owner.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/achievements/${achievementId}`);
    const card = page.getByTestId('evaluation-card');
    await card.getByText('该成果尚未评估').waitFor();
    await page.getByTestId('evaluation-request').click();
    await pickOption(page, 'evaluatorOrgId', `${AGENCY}（沈阳市）`);
    await page.locator('textarea#note').fill('用于专利许可定价');
    await page.getByTestId('evaluation-request-submit').click();
    await eventually(
      'the request is stored and listed on the card',
      async () => [await stored(), await text(card)],
      ([rows, shown]) => {
        expect(rows).toEqual([{ status: 'requested', result: null }]);
        expect(shown).toContain('待受理');
      },
    );
  });

  test('when the agency accepts and completes with its PDF report, then the badge shows on the page and the card', async () => {
    const page = await signedInPage(browser, app.url, agency.email, TEST_PASSWORD, errors);
    await page.goto(app.url);
    await page.getByTestId('user-menu').click();
    await clickWhenStill(page, page.getByTestId('nav-evaluations'));
    const table = page.getByTestId('evaluation-table');
    await table.getByText(TITLE).waitFor();
    await page.getByTestId('evaluation-accept').click();
    await clickWhenStill(page, page.locator('.ant-modal-confirm .ant-btn-primary'));
    await page.getByTestId('evaluation-complete').waitFor();
    await shots(page, 'evaluation-queue');

    await page.getByTestId('evaluation-complete').click();
    await page.locator('.ant-modal input[type="file"]').setInputFiles({
      name: '评估报告.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await page.getByTestId('evaluation-report-name').waitFor();
    // The form refuses an inverted range before anything is sent.
    await page.locator('#minWan').fill('450');
    await page.locator('#maxWan').fill('300');
    await page.getByTestId('evaluation-complete-submit').click();
    await page.getByText('下限不能高于上限').waitFor();
    await page.locator('#minWan').fill('300');
    await page.locator('#maxWan').fill('450');
    await pickOption(page, 'method', '收益法');
    await page.locator('#effectiveDate').fill('2026-11-30');
    await page.locator('#summary').fill('采用收益法，按许可收益折现测算价值区间。');
    await page.getByTestId('evaluation-complete-submit').click();
    await eventually('the evaluation is completed with the range', stored, (rows) =>
      expect(rows).toEqual([
        {
          status: 'completed',
          result: expect.objectContaining({ valueMinFen: 300_000_000, valueMaxFen: 450_000_000, method: 'income' }),
        },
      ]),
    );
    await page.getByTestId('evaluation-complete').waitFor({ state: 'detached' });

    await page.goto(`${app.url}/achievements/${achievementId}`);
    const badge = page.getByTestId('evaluation-badge');
    await eventually(
      'the badge shows range, method, agency and date',
      () => text(badge),
      (s) => {
        expect(s).toContain('300–450 万元');
        expect(s).toContain('收益法');
        expect(s).toContain(AGENCY);
        expect(s).toContain('2026-11-30');
      },
    );
    await shots(page, 'evaluation-detail');

    await page.goto(`${app.url}/achievements`);
    const cardTag = page.locator(
      `[data-testid="listing-card"][data-id="${achievementId}"] [data-testid="evaluation-tag"]`,
    );
    await eventually(
      'the card carries the badge',
      () => text(cardTag),
      (s) => expect(s).toContain('已评估'),
    );
    await shots(page, 'evaluation-catalogue');
  });

  test('when the supplier self-assesses, then the score and its parts show beside the agency’s evaluation', async () => {
    const page = await signedInPage(browser, app.url, owner.email, TEST_PASSWORD, errors);
    await page.goto(`${app.url}/achievements/${achievementId}`);
    await page.getByTestId('evaluation-self').click();
    await page.locator('#trl').fill('7');
    await page.locator('#claims').fill('8');
    await page.locator('#remainingYears').fill('15');
    await page.locator('#familySize').fill('2');
    await page.locator('textarea#marketNotes').fill('新能源汽车轻量化需求旺盛。');
    await page.getByTestId('evaluation-self-submit').click();
    // TRL 7 → 30, granted patent with 8 claims, 15 years, family of 2 → 24.5, no registered contract → 0.
    await eventually(
      'the self-assessment is listed with its parts',
      () => text(page.getByTestId('evaluation-card')),
      (s) => {
        expect(s).toContain('自评得分 55');
        expect(s).toContain('技术成熟度 30 · 知识产权 24.5 · 市场 0');
      },
    );
    // The agency's evaluation still heads the badge.
    expect(await text(page.getByTestId('evaluation-badge'))).toContain('已评估');
    const kinds = (await app.running.ctx.services.evaluations.repo.Evaluation.find({ achievementId }).lean()).map(
      (e) => `${e.kind}:${e.status}:${e.self?.score ?? ''}`,
    );
    expect(kinds.sort()).toEqual(['agency:completed:', 'self:completed:55']);
    await shots(page, 'evaluation-self');
    expect(errors).toEqual([]);
  });
});
