/**
 * Paper contracts through the import job (POST /api/contracts/import → 202, GET /api/imports/:id) against the
 * real app and the embedded database: counts and per-row reports, resuming an interrupted job, identical files
 * from two organisations, legacy keys, refused files. Set-up in contract-import.fixture.ts.
 */
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { paperTerms } from '../../test-support/contract-fixtures';
import { contractColumns } from './contract-import';
import { app, newSeller, signedTally, useContractImportApp } from './contract-import.fixture';

useContractImportApp();

/** One CSV line per row, in the template's column order; `n` keeps titles unique across tests. */
function contractsCsv(rows: Array<Partial<Record<(typeof contractColumns)[number], string>>>): Buffer {
  const good = (i: number) => ({
    合同名称: `导入测试·焊缝跟踪技术服务 ${i}`,
    合同类别: '技术服务',
    合同子类: '技术服务',
    技术领域: 'EQP',
    标的技术内容: '为买方解决焊接机器人焊缝跟踪精度不足的特定技术问题',
    买方名称: '营口焊装有限公司',
    买方信用代码: app.creditCode('210800'),
    买方地区: '营口',
    买方类型: '企业',
    '合同成交额(元)': '300000',
    '技术交易额(元)': '280000',
    签订日期: '2026-02-10',
    开始日期: '2026-02-10',
    结束日期: '2026-08-10',
  });
  const lines = rows.map((r, i) =>
    contractColumns.map((c) => (({ ...good(i), ...r }) as Record<string, string>)[c] ?? '').join(','),
  );
  return Buffer.from([contractColumns.join(','), ...lines].join('\n'));
}

async function postImport(who: { token: string } | null, bytes: Buffer, name = '合同导入.csv') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), name);
  const res = await fetch(`${app.url}/api/contracts/import`, {
    method: 'POST',
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function finished(jobId: string, who: { token: string }) {
  // The job runs in the API's background: settled awaits it (and what it kicks: indexing, the tally).
  await app.settled();
  const res = await app.http('GET', `/api/imports/${jobId}`, { token: who.token });
  expect([res.status, res.body.job?.status]).toEqual([200, expect.stringMatching(/^(done|failed)$/)]);
  return res.body.job;
}

describe('contract import job', () => {
  test('when a CSV mixes good and bad rows, then the job answers 202, reaches done with the counts and report, and each contract is stored and tallied once', async () => {
    const seller = await newSeller();
    const before = await signedTally();
    const csv = contractsCsv([
      {},
      { '合同成交额(元)': '', '技术交易额(元)': '' },
      {},
      { 签订日期: '', 开始日期: '2026-02-10' },
    ]);
    const started = await postImport(seller, csv);
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ kind: 'contract', status: 'queued', filename: '合同导入.csv' });
    const job = await finished(started.body.job.id, seller);
    expect(job).toMatchObject({ status: 'done', total: 4, processed: 4, created: 2, failed: 2 });
    expect(job.report.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'error'],
      [4, 'created'],
      [5, 'error'],
    ]);
    // Errors name the sheet column, Chinese first with the English beside it.
    expect(job.report[1].errors[0]).toMatchObject({
      column: '合同成交额(元)',
      message: expect.stringMatching(/[\u4e00-\u9fff].*（.*[A-Za-z].*）$/),
    });
    expect(job.report[3].errors[0]).toMatchObject({ column: '签订日期' });
    expect(job.report[1].errors[0].message).toBe(
      '「合同成交额(元)」应填写数字，如 300000（Contract amount (CNY) must be a number）',
    );
    expect(JSON.stringify(job.report)).not.toMatch(/Too small|Too big|Invalid|expected|数值过/);

    const stored = await app.models.Contract.find({ sellerOrgId: seller.org._id }).lean();
    expect(stored.map((c) => String(c._id)).sort()).toEqual([job.report[0].id, job.report[2].id].sort());
    expect(
      stored.every((c) => c.source === 'import' && c.status === 'signed' && c.stats.v === c.version && !c.statsDirty),
    ).toBe(true);
    const after = await signedTally();
    expect([after.n - before.n, after.amountFen - before.amountFen]).toEqual([2, 2 * 30_000_000]);

    // The same file again stores nothing twice: the rows point at the first contracts, the tally stays.
    const again = await finished((await postImport(seller, csv)).body.job.id, seller);
    expect(again).toMatchObject({ status: 'done', created: 0, failed: 2 });
    expect(again.report[0].id).toBe(job.report[0].id);
    expect(await app.models.Contract.countDocuments({ sellerOrgId: seller.org._id })).toBe(2);
    expect(await signedTally()).toEqual(after);
    // The job list by kind holds the contract jobs only.
    const list = await app.http('GET', '/api/imports?kind=contract', { token: seller.token });
    expect(list.body.items.map((j: { kind: string }) => j.kind)).toEqual(['contract', 'contract']);
    expect((await app.http('GET', '/api/imports?kind=achievement', { token: seller.token })).body.items).toEqual([]);
  });

  test('when a job was interrupted after storing part of its rows, then resuming finishes it without duplicates and tallies each row once', async () => {
    const seller = await newSeller();
    const before = await signedTally();
    const csv = contractsCsv([{}, {}, {}]);
    const jobId = new Types.ObjectId();
    const storageKey = `cd/${String(jobId)}`;
    const storage = (
      app.running.ctx.services.attachments as unknown as { storage: { put(k: string, b: Buffer): Promise<void> } }
    ).storage;
    await storage.put(storageKey, csv);
    await app.models.ImportJob.create({
      _id: jobId,
      orgId: seller.org._id,
      createdBy: seller.user._id,
      kind: 'contract',
      filename: 'crash.csv',
      format: 'csv',
      storageKey,
      status: 'running',
      total: 3,
      processed: 0,
    });
    // Row 3 reached the database before the crash, not yet the tally.
    const fileKey = crypto.createHash('sha256').update(csv).digest('hex').slice(0, 16);
    const user = { id: String(seller.user._id), name: '导入人' };
    const terms = paperTerms(app, seller.org, { title: '崩溃前已写入' });
    const early = await app.running.ctx.services.contracts.paperContract(
      user,
      seller.org,
      terms as never,
      `import:${String(seller.org._id)}:${fileKey}:3`,
      'import',
    );
    await app.models.Contract.create({ ...early, importJobId: jobId });

    await app.running.ctx.services.imports.resumePending();
    const job = await finished(String(jobId), seller);
    expect(job).toMatchObject({ status: 'done', total: 3, created: 3, failed: 0 });
    expect(job.report[1].id).toBe(String(early._id));
    const stored = await app.models.Contract.find({ sellerOrgId: seller.org._id }).lean();
    expect(stored.map((c) => c.originKey).sort()).toEqual(
      [2, 3, 4].map((row) => `import:${String(seller.org._id)}:${fileKey}:${row}`),
    );
    expect(stored.every((c) => c.stats.v === c.version && !c.stats.pending)).toBe(true);
    const after = await signedTally();
    expect([after.n - before.n, after.amountFen - before.amountFen]).toEqual([3, 2 * 30_000_000 + terms.amountFen!]);
  });

  test('when two organisations upload byte-identical files, then each gets its own contracts and its report links only to them', async () => {
    const first = await newSeller();
    const second = await newSeller();
    const csv = contractsCsv([{}, {}]);
    const mine = await finished((await postImport(first, csv)).body.job.id, first);
    const theirs = await finished((await postImport(second, csv)).body.job.id, second);
    expect([mine.created, theirs.created]).toEqual([2, 2]);

    for (const [seller, job] of [
      [first, mine],
      [second, theirs],
    ] as const) {
      const stored = await app.models.Contract.find({ sellerOrgId: seller.org._id }).lean();
      expect(stored.map((c) => String(c._id)).sort()).toEqual(job.report.map((r: { id: string }) => r.id).sort());
      expect(
        stored.every(
          (c) =>
            c.originKey.startsWith(`import:${String(seller.org._id)}:`) &&
            c.terms.seller.creditCode === seller.org.creditCode,
        ),
      ).toBe(true);
      // Every contract the report links to opens for its own organisation.
      for (const line of job.report)
        expect((await app.http('GET', `/api/contracts/${line.id}`, { token: seller.token })).status).toBe(200);
    }
    expect(theirs.report.some((r: { id: string }) => mine.report.some((m: { id: string }) => m.id === r.id))).toBe(
      false,
    );
  });

  test('when a contract was imported under the legacy key (no organisation), then its seller uploading the file again is told it was imported before, and another organisation is not', async () => {
    const seller = await newSeller();
    const stranger = await newSeller();
    const csv = contractsCsv([{}, {}]);
    const fileKey = crypto.createHash('sha256').update(csv).digest('hex').slice(0, 16);
    // Row 2 stored by an import before this change, keyed import:<file hash>:<row>.
    const terms = paperTerms(app, seller.org, { title: '旧键导入' });
    const legacy = await app.running.ctx.services.contracts.paperContract(
      { id: String(seller.user._id), name: '导入人' },
      seller.org,
      terms as never,
      `import:${fileKey}:2`,
      'import',
    );
    await app.models.Contract.create({ ...legacy, importJobId: new Types.ObjectId() });

    const again = await finished((await postImport(seller, csv)).body.job.id, seller);
    expect(again).toMatchObject({ status: 'done', created: 1, failed: 0 });
    expect(again.report[0]).toMatchObject({ row: 2, status: 'created', id: String(legacy._id) });
    const stored = await app.models.Contract.find({ sellerOrgId: seller.org._id }).lean();
    expect(stored.map((c) => c.originKey).sort()).toEqual(
      [`import:${String(seller.org._id)}:${fileKey}:3`, `import:${fileKey}:2`].sort(),
    );
    // A third upload finds both and stores nothing.
    const third = await finished((await postImport(seller, csv)).body.job.id, seller);
    expect(third).toMatchObject({ status: 'done', created: 0 });
    expect(third.report.map((r: { id: string }) => r.id)).toEqual(again.report.map((r: { id: string }) => r.id));
    expect(await app.models.Contract.countDocuments({ sellerOrgId: seller.org._id })).toBe(2);

    // The same bytes from another organisation: its own two contracts, never the legacy one.
    const theirs = await finished((await postImport(stranger, csv)).body.job.id, stranger);
    expect(theirs).toMatchObject({ status: 'done', created: 2 });
    expect(theirs.report.map((r: { id: string }) => r.id)).not.toContain(String(legacy._id));
    expect(await app.models.Contract.countDocuments({ sellerOrgId: stranger.org._id })).toBe(2);
  });

  test('when the file is not a spreadsheet, unreadable, too long, or the organisation is not verified, then 4xx with a stable code and nothing is recorded', async () => {
    const seller = await newSeller();
    const jobs = await app.models.ImportJob.countDocuments();
    const contracts = await app.models.Contract.countDocuments();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const png415 = await postImport(seller, png, 'list.csv');
    expect([png415.status, png415.body.error.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    // The XLSX signature (a zip with the workbook's parts) with broken content.
    const zipHead = Buffer.concat([
      Buffer.from('504b0304', 'hex'),
      Buffer.from('[Content_Types].xml xl/workbook.xml'),
      Buffer.alloc(64),
    ]);
    const broken = await postImport(seller, zipHead, 'broken.xlsx');
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const tooLong = await postImport(seller, contractsCsv(Array.from({ length: 5_001 }, () => ({}))));
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const pending = await newSeller('pending');
    const refused = await postImport(pending, contractsCsv([{}]));
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ORG_NOT_VERIFIED']);
    const form = new FormData();
    const noFile = await fetch(`${app.url}/api/contracts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seller.token}` },
      body: form,
    });
    expect([noFile.status, ((await noFile.json()) as any).error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await app.http('GET', '/api/imports?kind=%24ne', { token: seller.token })).status).toBe(400);
    expect(await app.models.ImportJob.countDocuments()).toBe(jobs);
    expect(await app.models.Contract.countDocuments()).toBe(contracts);
  });
});
