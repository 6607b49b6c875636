/**
 * Importing contracts in a real browser against the real API (built web app): the seller imports an XLSX
 * with one bad row through the import page (template link, the import job's progress to 100%, per-row
 * report), and an official records historic contracts on the staff-only page. MongoDB is checked after
 * each step. Screenshots under tests/artifacts/ (the historic import at 1440×900 and 390×844). Needs
 * `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../api/src/test-support/harness';
import {
  clickNav,
  collectPageErrors,
  eventually,
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

async function contractsXlsx(rows: Array<Record<string, string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('技术合同');
  const headers = [
    '合同名称',
    '合同类别',
    '合同子类',
    '技术领域',
    '标的技术内容',
    '买方名称',
    '买方信用代码',
    '买方地区',
    '买方类型',
    '合同成交额(元)',
    '技术交易额(元)',
    '签订日期',
    '开始日期',
    '结束日期',
    '许可方式',
    '知识产权',
    '经纪人',
    '经纪人证书号',
    '佣金(元)',
  ];
  ws.columns = headers.map((h) => ({ header: h, key: h }));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('the seller imports an XLSX through the import page: a job whose progress reaches 100%, per-row report in Chinese and English, rows in MongoDB', async () => {
  await clickNav(page, 'contracts');
  await page.getByTestId('contract-table').waitFor();
  await page.getByTestId('contracts-nav-import').click();
  await page.waitForURL(`${app.url}/contracts/import`);
  const href = await page.getByTestId('contract-import-template').getAttribute('href');
  const template = await page.request.get(`${app.url}${href}`);
  expect([template.status(), template.headers()['content-type']]).toEqual([
    200,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ]);

  const base = {
    合同类别: '技术服务',
    合同子类: '技术服务',
    技术领域: '高端装备制造',
    买方类型: '企业',
    签订日期: '2026-02-10',
    开始日期: '2026-02-10',
    结束日期: '2026-08-10',
  };
  const xlsx = await contractsXlsx([
    {
      ...base,
      合同名称: '导入·焊接机器人焊缝跟踪技术服务',
      标的技术内容: '解决焊缝跟踪精度不足问题',
      买方名称: '营口焊装有限公司',
      买方信用代码: app.creditCode('210800'),
      买方地区: '营口',
      '合同成交额(元)': 300000,
      '技术交易额(元)': 280000,
      经纪人: '李经纪',
      经纪人证书号: 'LN-TB-0007',
      '佣金(元)': 9000,
    },
    {
      ...base,
      合同名称: '导入·缺金额的合同',
      标的技术内容: '开发工业数据平台',
      买方名称: '某公司',
      买方信用代码: app.creditCode('210200'),
      买方地区: '大连',
    },
    {
      ...base,
      合同类别: '技术咨询',
      合同子类: '技术评价',
      技术领域: 'ICT',
      合同名称: '导入·工业软件技术评价咨询',
      标的技术内容: '评价工业软件国产化方案',
      买方名称: '北京某科技有限公司',
      买方信用代码: '91110000MA01ABCDE1',
      买方地区: '110000',
      '合同成交额(元)': 120000.5,
    },
  ]);
  await page.locator('input[type=file]').setInputFiles({
    name: '纸质合同.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx,
  });
  // The upload answers with a job at once; the page follows it (address and card) until the server is done.
  await page.waitForURL(/\/contracts\/import\?job=[0-9a-f]{24}$/);
  const jobId = new URL(page.url()).searchParams.get('job')!;
  const job = page.getByTestId('import-job');
  // The job runs in the API's background: await its completion (and the tally it applies), then the page's poll.
  await app.settled();
  await eventually(
    'the import job card shows the job done (the page polls /api/imports/:id)',
    () => job.getByTestId('import-status').getAttribute('data-status'),
    (s) => expect(s).toBe('done'),
  );
  await expect(job.getByTestId('import-progress').locator('.ant-progress-indicator').textContent()).resolves.toBe(
    '100%',
  );
  expect(await text(job.getByTestId('import-counts'))).toBe('共 3 行，已处理 3 行：成功 2，失败 1');
  const stored = (await app.models.ImportJob.findById(jobId).lean())!;
  expect(stored).toMatchObject({ kind: 'contract', status: 'done', total: 3, processed: 3, created: 2, failed: 1 });
  expect(String(stored.orgId)).toBe(String(cast.ownerOrg._id));
  // The job is listed among the organisation's contract imports.
  expect(await text(page.getByTestId('recent-imports'))).toContain('纸质合同.xlsx');

  const badRow = page.getByTestId('import-report').locator('tr', { hasText: '导入·缺金额的合同' });
  const badText = await text(badRow);
  expect(badText).toContain('合同成交额(元)');
  // Chinese first, the English beside it.
  expect(badText).toMatch(/[\u4e00-\u9fff].*（.*[A-Za-z]+.*）/);
  await screenshot(page, 'contracts-import-report');

  const imported = await app.models.Contract.find({ originKey: /^import:/, sellerOrgId: cast.ownerOrg._id })
    .sort({ 'terms.title': 1 })
    .lean();
  expect(imported.map((c) => [c.terms.title, c.terms.amountFen, c.status, c.source])).toEqual([
    ['导入·工业软件技术评价咨询', 12_000_050, 'signed', 'import'],
    ['导入·焊接机器人焊缝跟踪技术服务', 30_000_000, 'signed', 'import'],
  ]);
  expect(imported[1].terms).toMatchObject({
    category: 'service',
    subType: 'technical',
    fieldCode: 'EQP',
    buyer: { regionCode: '210800' },
    techAmountFen: 28_000_000,
    broker: { certNo: 'LN-TB-0007', commissionFen: 900_000 },
  });
  expect(imported[0].terms).toMatchObject({
    category: 'consulting',
    subType: 'assessment',
    buyer: { regionCode: '110000' },
    techAmountFen: 12_000_050,
  });
  expect(await app.models.Contract.countDocuments({ originKey: /^import:/, statsDirty: true })).toBe(0);

  // The report links each stored row to its contract.
  await page.getByTestId('import-report').getByRole('link', { name: '导入·焊接机器人焊缝跟踪技术服务' }).click();
  await page.waitForURL(`${app.url}/contracts/${imported[1]._id}`);
  expect(errors).toEqual([]);
});

test('an official records historic contracts on the staff-only page: its region only, linked to no organisation', async () => {
  const official = await signedInPage(browser, app.url, cast.official.email, TEST_PASSWORD, errors);
  await clickNav(official, 'historic-import');
  await official.waitForURL(`${app.url}/staff/contracts/historic-import`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('历史技术合同');
  const headers = [
    '卖方名称',
    '卖方信用代码',
    '卖方地区',
    '卖方类型',
    '合同名称',
    '合同类别',
    '合同子类',
    '技术领域',
    '标的技术内容',
    '买方名称',
    '买方信用代码',
    '买方地区',
    '买方类型',
    '合同成交额(元)',
    '技术交易额(元)',
    '签订日期',
    '开始日期',
    '结束日期',
  ];
  ws.columns = headers.map((h) => ({ header: h, key: h }));
  const base = {
    卖方类型: '高校',
    合同类别: '技术服务',
    合同子类: '技术服务',
    技术领域: '高端装备制造',
    标的技术内容: '解决焊缝跟踪精度不足问题',
    买方名称: '本溪某公司',
    买方信用代码: app.creditCode('210500'),
    买方地区: '本溪',
    买方类型: '企业',
    '合同成交额(元)': 500000,
    '技术交易额(元)': 500000,
    签订日期: '2019-05-10',
    开始日期: '2019-05-10',
    结束日期: '2019-12-31',
  };
  ws.addRow({
    ...base,
    卖方名称: '本溪某研究院',
    卖方信用代码: app.creditCode('210500'),
    卖方地区: '本溪',
    合同名称: '历史·本溪研究院技术服务合同',
  });
  ws.addRow({
    ...base,
    卖方名称: '大连某研究所',
    卖方信用代码: app.creditCode('210200'),
    卖方地区: '大连',
    合同名称: '历史·辖区外合同',
  });
  await official.locator('input[type=file]').setInputFiles({
    name: '历史合同.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  await official.waitForURL(/\/staff\/contracts\/historic-import\?job=[0-9a-f]{24}$/);
  const job = official.getByTestId('import-job');
  await eventually(
    'the historic import job is done',
    () => job.getByTestId('import-status').getAttribute('data-status'),
    (st) => expect(st).toBe('done'),
    30_000,
  );
  expect(await text(job.getByTestId('import-counts'))).toBe('共 2 行，已处理 2 行：成功 1，失败 1');
  expect(await text(official.getByTestId('import-report').locator('tr', { hasText: '历史·辖区外合同' }))).toContain(
    '管辖范围',
  );
  await bothSizes(official, 'contracts-historic-import');
  const stored = (await app.models.Contract.findOne({ 'terms.title': '历史·本溪研究院技术服务合同' }).lean())!;
  expect(stored).toMatchObject({
    source: 'historic',
    status: 'signed',
    sellerOrgId: null,
    buyerOrgId: null,
    sellerRegion: '210500',
  });
  expect(await app.models.Audit.countDocuments({ entityId: String(stored._id), action: 'create_historic' })).toBe(1);
  expect(errors).toEqual([]);
});
