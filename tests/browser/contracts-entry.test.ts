/**
 * Paper contracts in a real browser against the real API (built web app): the seller reaches the entry form
 * from the contracts area's navigation, is stopped by the shared schema's cross-field rule, enters a licence
 * with a payment schedule, IP and a broker (amounts typed in 元, stored in 分), and imports an XLSX with one
 * bad row through the import page (template link, the import job's progress to 100%, per-row report). A paper
 * contract naming an organisation of the platform waits for it: the buyer sees it as awaiting its
 * confirmation and declines one (with a reason the seller then sees) and accepts another. An official records
 * historic contracts on the staff-only page. MongoDB is checked after each step. Screenshots under
 * tests/artifacts/ (the confirmation pages at 1440×900 and 390×844). Needs `npm run build -w web`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { paperContractIdFor } from '../../api/src/modules/contracts/contracts.service';
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
  pickOption,
} from '../support/browser';

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

const title = '镁合金型材挤压工艺专利实施许可合同（纸质）';

/** Full-page screenshots of the current page on a desktop (1440×900) and a phone (390×844), then back to the default size. */
async function bothSizes(p: Page, name: string) {
  for (const [w, h, suffix] of [
    [1440, 900, 'desktop'],
    [390, 844, 'mobile'],
  ] as const) {
    await p.setViewportSize({ width: w, height: h });
    await p.waitForTimeout(300);
    await screenshot(p, `${name}-${suffix}`);
  }
  await p.setViewportSize({ width: 1280, height: 860 });
}

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

test('the seller enters a paper contract through the form: 元 on screen, 分 in MongoDB, counted as signed', async () => {
  await clickNav(page, 'contracts');
  await page.getByTestId('contracts-nav-new').click();
  await page.waitForURL(`${app.url}/contracts/new`);
  await page.getByTestId('paper-contract-form').waitFor();
  expect(await text(page.getByTestId('entry-seller'))).toContain(cast.ownerOrg.name);

  await page.locator('#title').fill(title);
  await pickOption(page, 'category', '技术许可', { escape: true });
  await pickOption(page, 'subType', '专利实施许可', { escape: true });
  await pickOption(page, 'fieldCode', '新材料', { search: '新材料', escape: true });
  await page.locator('#subject').fill('许可买方在辽宁省内实施镁合金型材挤压工艺专利，卖方提供三次现场技术指导。');
  await page.locator('#buyer_name').fill('鞍山轻合金制品有限公司');
  const buyerCode = app.creditCode('210300');
  await page.locator('#buyer_creditCode').fill(buyerCode);
  await pickOption(page, 'buyer_regionCode', '鞍山市 210300', { search: '210300', escape: true });
  await page.locator('#amountYuan').fill('800000');
  // More technology than contract: the shared schema's refine stops the form before anything is sent.
  await page.locator('#techAmountYuan').fill('900000');
  await page.locator('#signedOn').fill('2026-01-20');
  await page.locator('#startOn').fill('2026-02-01');
  await page.locator('#endOn').fill('2029-01-31');
  await page.getByTestId('paper-contract-submit').click();
  await page.getByText('申报技术交易额不能超过合同成交额').waitFor();
  expect(await app.models.Contract.countDocuments({ 'terms.title': title })).toBe(0);

  await page.locator('#techAmountYuan').fill('750000');
  await page.getByTestId('add-payment').click();
  await page.getByTestId('add-payment').click();
  await page.locator('#paymentSchedule_0_dueOn').fill('2026-03-01');
  await page.locator('#paymentSchedule_0_amountYuan').fill('400000');
  await page.locator('#paymentSchedule_0_note').fill('首付');
  await page.locator('#paymentSchedule_1_dueOn').fill('2026-09-01');
  await page.locator('#paymentSchedule_1_amountYuan').fill('400000.5');
  await page.getByTestId('add-ip').click();
  await pickOption(page, 'ip_0_type', '发明专利', { escape: true });
  await page.locator('#ip_0_number').fill('ZL202210345678.9');
  await page.locator('#ip_0_title').fill('高强韧镁合金挤压型材制备方法');
  await pickOption(page, 'exclusivity', '排他许可', { escape: true });
  await page.getByTestId('entry-has-broker').click();
  await page.locator('#broker_name').fill('王经纪');
  await page.locator('#broker_certNo').fill('LN-TB-0042');
  await page.locator('#broker_commissionYuan').fill('24000');
  await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
  await screenshot(page, 'contracts-entry-form');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/contracts');
  await page.getByTestId('paper-contract-submit').click();
  await page.getByTestId('paper-contract-saved').waitFor();
  // The attempt carried an Idempotency-Key, and the contract's id is the one derived from it.
  const key = (await sent).headers()['idempotency-key'];
  expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

  const stored = (await app.models.Contract.findOne({ 'terms.title': title }).lean())!;
  expect(String(stored._id)).toBe(String(paperContractIdFor(String(cast.ownerOrg._id), key)));
  expect(stored).toMatchObject({
    source: 'direct',
    signing: 'paper',
    status: 'signed',
    sellerRegion: cast.ownerOrg.regionCode,
  });
  expect(String(stored.sellerOrgId)).toBe(String(cast.ownerOrg._id));
  expect(stored.terms).toMatchObject({
    category: 'license',
    subType: 'patent_license',
    fieldCode: 'MAT',
    seller: { name: cast.ownerOrg.name, creditCode: cast.ownerOrg.creditCode },
    buyer: { name: '鞍山轻合金制品有限公司', creditCode: buyerCode, regionCode: '210300', orgType: 'enterprise' },
    amountFen: 80_000_000,
    techAmountFen: 75_000_000,
    paymentSchedule: [
      { dueOn: '2026-03-01', amountFen: 40_000_000, note: '首付' },
      { dueOn: '2026-09-01', amountFen: 40_000_050, note: '' },
    ],
    signedOn: '2026-01-20',
    startOn: '2026-02-01',
    endOn: '2029-01-31',
    ip: [{ type: 'invention', number: 'ZL202210345678.9', title: '高强韧镁合金挤压型材制备方法' }],
    exclusivity: 'sole',
    broker: { name: '王经纪', certNo: 'LN-TB-0042', commissionFen: 2_400_000 },
  });
  // The tally took it in within the request (the contribution is recorded on the contract).
  expect(stored.stats).toMatchObject({ v: stored.version, c: { bucket: 'signed', month: 202601 } });
  expect(await text(page.getByTestId('paper-contract-saved').locator('.ant-result-title'))).toContain(
    stored.contractNo,
  );
  await screenshot(page, 'contracts-entry-saved');

  await page.getByTestId('open-saved-contract').click();
  await page.waitForURL(`${app.url}/contracts/${stored._id}`);
  await expect(text(page.getByTestId('contract-status').first())).resolves.toBe('已签署');
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
