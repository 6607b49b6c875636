/**
 * Confidential files of a listing in a real browser: a visitor sees that files exist only behind the NDA
 * (no name, no link); a member of another verified organisation accepts the NDA on the page and then sees
 * each file by its name and size, and the link opens it. The owner sees the same names on its own page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { achievementBody, files, publish, upload } from '../../api/src/test-support/catalog-fixtures';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import { collectPageErrors, launchBrowser, newContext, screenshot, signInThroughForm, text } from '../support/browser';

jest.setTimeout(120_000);

const WEB_DIST = path.resolve(__dirname, '../../web/dist');
const FILE = '中试报告-工艺参数表.pdf';

let app: TestApp;
let browser: Browser;
let cast: Awaited<ReturnType<TestApp['cast']>>;
let listingId: string;
let fileId: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`no built web app at ${WEB_DIST}: run \`npm run build -w web\` first`);
  app = await startTestApp({ WEB_DIST });
  cast = await app.cast();
  const uploaded = await upload(app, cast.owner, FILE, files.pdf());
  expect(uploaded.status).toBe(201);
  fileId = uploaded.body.attachment.id;
  const body = achievementBody({ title: '镁合金挤压工艺包（含保密附件）' });
  listingId = await publish(app, 'achievements', cast.owner, cast.hubOperator, {
    ...body,
    confidential: { ...body.confidential, attachmentIds: [fileId] },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await app?.stop();
  }
});

test('when a visitor opens the listing, then its confidential files are neither named nor linked', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${app.url}/achievements/${listingId}`);
  await page.getByTestId('confidential-card').waitFor();
  expect(await page.getByTestId('confidential-file').count()).toBe(0);
  expect(await page.content()).not.toContain(FILE);
  expect(await page.content()).not.toContain(fileId);
  // Nor can the file be fetched by its id: 404, as for an id that does not exist.
  expect((await page.request.get(`${app.url}/api/attachments/${fileId}`)).status()).toBe(404);
  expect(errors).toEqual([]);
  await context.close();
});

test('when another verified organisation accepts the NDA, then each file shows by name and size and opens', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, app.url, cast.other.email, TEST_PASSWORD);
  await page.goto(`${app.url}/achievements/${listingId}`);
  await page.getByTestId('nda-accept').click();
  await page.getByTestId('nda-confirm').click();
  await page.getByTestId('nda-accepted').waitFor();
  const link = page.getByTestId('confidential-file');
  await link.waitFor();
  expect(await link.count()).toBe(1);
  expect(await text(link)).toMatch(new RegExp(`^${FILE} \\(\\d+ KB\\)$`));
  const href = await link.getAttribute('href');
  expect(href).toContain(fileId);
  const opened = await page.request.get(new URL(href!, app.url).toString());
  expect(opened.status()).toBe(200);
  expect((await opened.body()).subarray(0, 5).toString()).toBe('%PDF-');
  expect(await app.models.Nda.countDocuments({ listingId, orgId: cast.otherOrg._id })).toBe(1);
  await screenshot(page, 'catalog-confidential-files');
  expect(errors).toEqual([]);
  await context.close();
});

test('when the owner opens its own listing, then it sees the same file names', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await signInThroughForm(page, app.url, cast.owner.email, TEST_PASSWORD);
  await page.goto(`${app.url}/achievements/${listingId}`);
  await page.getByTestId('confidential-file').waitFor();
  expect(await text(page.getByTestId('confidential-file'))).toContain(FILE);
  expect(errors).toEqual([]);
  await context.close();
});
