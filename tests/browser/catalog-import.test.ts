/**
 * Importing achievements in a real browser against the real API (same origin, built web app): an
 * organisation member who already has a published achievement imports a CSV; the job's progress finishes,
 * the report names the bad row and "my listings" holds the imported drafts. Every step checks what MongoDB
 * stored, not only what the page shows. Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { achievementColumns } from '../../api/src/modules/imports/achievement-columns';
import { publish } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../api/src/test-support/harness';
import { eventually, launchBrowser, screenshot, text } from '../support/browser';
import { signInActor, type Actor } from '../support/catalog';

jest.setTimeout(180_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');

let app: TestApp;
let browser: Browser;

/** A fresh browser context signed in through the login form. */
const signIn = (user: { user: { _id: unknown; orgId?: unknown }; email: string; token: string }): Promise<Actor> =>
  signInActor(browser, app.url, user);

/** The member's achievement published before the import (not a draft, so not among the imported ones). */
const listing = { id: '' };
let owner: Actor;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  }
  app = await startTestApp({ WEB_DIST });
  browser = await launchBrowser();
  const org = await app.createOrg({ type: 'university', status: 'verified', regionCode: '210100' });
  const member = await app.createUser({ org, orgRole: 'org_admin' });
  const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
  listing.id = await publish(app, 'achievements', member, reviewer);
  owner = await signIn(member);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

describe('catalogue in a real browser', () => {
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
