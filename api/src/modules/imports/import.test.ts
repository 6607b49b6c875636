import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { achievementColumns } from './achievement-columns';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  // No in-process search-sync: these tests check that writes leave listings flagged for it.
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
});
afterAll(() => app.stop());

const valid = (i: number): Record<string, string> => ({
  ...Object.fromEntries(achievementColumns.map((c) => [c.header, c.example])),
  成果名称: `批量导入的机器人打磨技术 ${i}`,
});

async function xlsx(rows: Array<Record<string, string>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成果');
  ws.addRow(achievementColumns.map((c) => c.header));
  for (const r of rows) ws.addRow(achievementColumns.map((c) => r[c.header] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(rows: Array<Record<string, string>>): string {
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [achievementColumns.map((c) => c.header), ...rows.map((r) => achievementColumns.map((c) => r[c.header] ?? ''))]
    .map((line) => line.map(esc).join(','))
    .join('\n');
}

async function postFile(who: { token: string } | null, name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${app.url}/api/achievements/import`, {
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

test('when the import list gets an unknown kind or field, then 400 VALIDATION_FAILED', async () => {
  for (const path of ['/api/imports?kind=payment', '/api/imports?sort=1']) {
    const res = await app.http('GET', path, { token: cast.owner.token });
    expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'VALIDATION_FAILED']);
  }
});

describe('bulk import', () => {
  test('when an XLSX mixes good and bad rows, then good rows become drafts and the report names each bad cell', async () => {
    const rows = [
      valid(1),
      valid(2),
      { ...valid(3), 技术领域: '量子玄学' },
      { ...valid(4), '价格(万元)': '很贵', 成果简介: '太短' },
      valid(5),
    ];
    const started = await postFile(cast.owner, '成果清单.xlsx', await xlsx(rows));
    expect(started.status).toBe(202);
    expect(started.body.job.status).toBe('queued');
    // Browsers send the name in UTF-8; multer hands it over latin1-decoded, the job keeps the readable name.
    expect(started.body.job.filename).toBe('成果清单.xlsx');
    const job = await finished(started.body.job.id, cast.owner);
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5, created: 3, failed: 2 });
    expect(job.report.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'error'],
      [5, 'error'],
      [6, 'created'],
    ]);
    expect(job.report[2].errors).toEqual([{ column: '技术领域', message: expect.stringContaining('量子玄学') }]);
    expect(job.report[3].errors.map((e: { column: string }) => e.column).sort()).toEqual(['价格(万元)', '成果简介']);
    // Each error is a sentence a clerk can act on, Chinese first with the English beside it; never the
    // validator's own text.
    expect(job.report[2].errors[0].message).toMatch(
      /^「技术领域」填写的「量子玄学」不是可选项，可填：高端装备制造、.*（"量子玄学" is not an option for Technical field; use one of: .*）$/,
    );
    const byColumn = (r: { errors: Array<{ column: string; message: string }> }, c: string) =>
      r.errors.find((e) => e.column === c)!.message;
    expect(byColumn(job.report[3], '成果简介')).toBe(
      '「成果简介」至少需要 20 个字，现在只有 2 个字（Summary needs at least 20 characters; it has 2）',
    );
    expect(byColumn(job.report[3], '价格(万元)')).toMatch(/^「价格\(万元\)」应填写数字.*「很贵」（Price .*"很贵"）$/);
    expect(JSON.stringify(job.report)).not.toMatch(/Too small|Too big|Invalid|expected|unknown value|数值过/);
    const created = await app.models.Achievement.find({
      _id: { $in: job.report.filter((r: any) => r.id).map((r: any) => r.id) },
    }).lean();
    expect(created).toHaveLength(3);
    expect(created.every((a) => a.status === 'draft' && String(a.ownerOrgId) === String(cast.ownerOrg._id))).toBe(true);
    // Drafts are not flagged for the search index (they cannot be in it until published).
    expect(created.every((a) => a.version === 1 && a.searchDirty === false && a.createdAt instanceof Date)).toBe(true);
    expect((created[0].content as any).price).toEqual({ negotiable: false, amountFen: 120_000_000 });
    expect((created[0].content as any).fieldCode).toBe('EQP');
    expect((created[0].content as any).regionCode).toBe('210100');
  });

  test('when a CSV saved by Chinese Excel (GB18030) is imported, then the Chinese text is read correctly', async () => {
    const text = csv([valid(1), { ...valid(2), '价格(万元)': '面议' }]);
    const encoded = encodeGb18030(text);
    const job = await finished((await postFile(cast.owner, 'patents.csv', encoded)).body.job.id, cast.owner);
    expect(job).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const second = await app.models.Achievement.findById(job.report[1].id).lean();
    expect((second!.content as any).title).toBe('批量导入的机器人打磨技术 2');
    expect((second!.content as any).price).toEqual({ negotiable: true });
  });

  test('when the downloaded template is imported unchanged, then its example row is accepted', async () => {
    const res = await fetch(`${app.url}/api/achievements/import-template.xlsx`);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const job = await finished(
      (await postFile(cast.owner, 'template.xlsx', Buffer.from(await res.arrayBuffer()))).body.job.id,
      cast.owner,
    );
    expect(job).toMatchObject({ status: 'done', total: 1, created: 1 });
  });

  test('when the file is not a spreadsheet, or the caller has no organisation, then 4xx and no job', async () => {
    const before = await app.models.ImportJob.countDocuments();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect((await postFile(cast.owner, 'list.csv', png)).status).toBe(415);
    expect((await postFile(null, 'a.csv', Buffer.from('a,b'))).status).toBe(401);
    expect((await postFile(cast.loner, 'a.csv', Buffer.from('a,b'))).status).toBe(403);
    expect(await app.models.ImportJob.countDocuments()).toBe(before);
  });

  test('when another organisation asks for a job, then 404', async () => {
    const job = (await postFile(cast.owner, 'x.csv', Buffer.from(csv([valid(9)])))).body.job;
    await finished(job.id, cast.owner);
    expect((await app.http('GET', `/api/imports/${job.id}`, { token: cast.other.token })).status).toBe(404);
    expect((await app.http('GET', `/api/imports/${job.id}`)).status).toBe(401);
    expect((await app.http('GET', '/api/imports', { token: cast.owner.token })).body.items.length).toBeGreaterThan(0);
    expect((await app.http('GET', '/api/imports', { token: cast.other.token })).body.items).toEqual([]);
  });

  test('when a job was interrupted after storing some rows, then a restart resumes it without duplicates', async () => {
    const bytes = await xlsx([valid(1), valid(2), valid(3)]);
    const jobId = new Types.ObjectId();
    const storageKey = `ab/${String(jobId)}`;
    const storage = (
      app.running.ctx.services.attachments as unknown as { storage: { put(k: string, b: Buffer): Promise<void> } }
    ).storage;
    await storage.put(storageKey, bytes);
    await app.models.ImportJob.create({
      _id: jobId,
      orgId: cast.ownerOrg._id,
      createdBy: cast.owner.user._id,
      kind: 'achievement',
      filename: 'crash.xlsx',
      format: 'xlsx',
      storageKey,
      status: 'running',
      total: 3,
      processed: 0,
    });
    // Row 2 made it into the database before the crash.
    const earlier = await app.models.Achievement.create({
      ownerOrgId: cast.ownerOrg._id,
      ownerOrgType: 'enterprise',
      createdBy: cast.owner.user._id,
      submarketCode: 'SM-210100',
      status: 'draft',
      content: { title: '崩溃前已写入' },
      originKey: `import:${jobId}:2`,
    });
    await app.running.ctx.services.imports.resumePending();
    const job = await finished(String(jobId), cast.owner);
    expect(job).toMatchObject({ status: 'done', created: 3, failed: 0 });
    expect(job.report[0].id).toBe(String(earlier._id));
    expect(await app.models.Achievement.countDocuments({ originKey: { $regex: `^import:${jobId}:` } })).toBe(3);
  });
});

describe('export', () => {
  test("when exporting, then the XLSX holds the caller's own listings only, in the import layout", async () => {
    const mine = await app.models.Achievement.countDocuments({ ownerOrgId: cast.ownerOrg._id });
    const res = await fetch(`${app.url}/api/achievements/export.xlsx`, {
      headers: { authorization: `Bearer ${cast.member.token}` },
    });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(mine + 1);
    expect(ws.getRow(1).getCell(1).value).toBe('成果名称');
    const other = await fetch(`${app.url}/api/achievements/export.xlsx`, {
      headers: { authorization: `Bearer ${cast.other.token}` },
    });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(await other.arrayBuffer());
    expect(wb2.worksheets[0].rowCount).toBe(1);
    expect((await fetch(`${app.url}/api/achievements/export.xlsx`)).status).toBe(401);
  });
});

/** GB18030 encoder for the test (Node decodes GB18030 but does not encode it): iconv via the CJK code table. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else if (table.has(ch)) out.push(...table.get(ch)!);
    else throw new Error(`cannot encode ${ch}`);
  }
  return Buffer.from(out);
}
