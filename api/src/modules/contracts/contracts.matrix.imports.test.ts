/**
 * Authorization matrix of contract imports (an organisation's import and its job, staff's historic import,
 * the import template): who may import, who reads the job, what is audited.
 * Set-up in contracts.matrix.fixture.ts.
 */
import { paperTerms } from '../../test-support/contract-fixtures';
import { cover } from '../../test-support/matrix-coverage';
import { readRows } from '../imports/spreadsheet';
import { contractColumns, termsFromRow } from './contract-import';
import { historicColumns } from './historic-import';
import { app, cast, status, useContractsMatrixApp, type Who } from './contracts.matrix.fixture';

useContractsMatrixApp();

describe('contracts', () => {
  test('import: members of a verified organisation only; the job is read by its own organisation', async () => {
    cover('POST', '/api/contracts/import');
    const row = `矩阵导入合同,技术服务,技术服务,EQP,解决焊缝跟踪精度不足问题,营口焊装有限公司,${app.creditCode('210800')},营口,企业,300000,300000,2026-02-10,2026-02-10,2026-08-10,,,,,`;
    const send = async (who: Who, title: string) => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([Buffer.from(`${contractColumns.join(',')}\n${row.replace('矩阵导入合同', title)}\n`)], {
          type: 'text/csv',
        }),
        'x.csv',
      );
      const res = await fetch(`${app.url}/api/contracts/import`, {
        method: 'POST',
        headers: who ? { authorization: `Bearer ${who.token}` } : {},
        body: form,
      });
      return { status: res.status, job: ((await res.json()) as { job?: { id: string } }).job };
    };
    const jobs = await app.models.ImportJob.countDocuments();
    expect((await send(null, '矩阵·匿名')).status).toBe(401);
    expect((await send(cast.official, '矩阵·官员')).status).toBe(403);
    expect(await app.models.ImportJob.countDocuments()).toBe(jobs);
    const mine = await send(cast.owner, '矩阵·本机构');
    const theirs = await send(cast.other, '矩阵·他机构');
    expect([mine.status, theirs.status]).toEqual([202, 202]);
    await app.running.ctx.services.imports.idle();
    // Each organisation's rows are its own contracts; its job is invisible to others.
    expect((await app.models.Contract.findOne({ 'terms.title': '矩阵·本机构' }).lean())!.sellerOrgId).toEqual(
      cast.ownerOrg._id,
    );
    expect((await app.models.Contract.findOne({ 'terms.title': '矩阵·他机构' }).lean())!.sellerOrgId).toEqual(
      cast.otherOrg._id,
    );
    const path = `/api/imports/${mine.job!.id}`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, cast.other)).toBe(404);
    expect(await status('GET', path, cast.official)).toBe(404);
    expect((await app.http('GET', path, { token: cast.member.token })).body.job).toMatchObject({
      kind: 'contract',
      status: 'done',
      created: 1,
    });
    expect(
      (await app.http('GET', '/api/imports?kind=contract', { token: cast.other.token })).body.items.map(
        (j: { id: string }) => j.id,
      ),
    ).toEqual([theirs.job!.id]);
  });

  test('historic import: staff only, within their scope, linked to no organisation and audited', async () => {
    cover('POST', '/api/contracts/historic-import');
    cover('GET', '/api/contracts/historic-import-template.xlsx');
    const template = await fetch(`${app.url}/api/contracts/historic-import-template.xlsx`);
    expect(template.status).toBe(200);
    expect(Object.keys((await readRows('xlsx', Buffer.from(await template.arrayBuffer())))[0].cells)).toEqual(
      expect.arrayContaining(historicColumns.slice(0, 5)),
    );
    const o = cast.ownerOrg;
    const row = (title: string, seller: { name: string; creditCode: string; region: string }, buyerCode: string) =>
      `${seller.name},${seller.creditCode},${seller.region},高校,${title},技术服务,技术服务,EQP,解决焊缝跟踪精度不足问题,某公司,${buyerCode},营口,企业,300000,300000,2019-02-10,2019-02-10,2019-08-10,,,,,`;
    const csv = [
      historicColumns.join(','),
      row('历史·本溪卖方', { name: o.name, creditCode: o.creditCode, region: '本溪' }, cast.otherOrg.creditCode),
      row(
        '历史·大连卖方',
        { name: '大连某研究所', creditCode: app.creditCode('210200'), region: '大连' },
        app.creditCode('210800'),
      ),
    ].join('\n');
    const send = async (who: Who) => {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(`${csv}\n`)], { type: 'text/csv' }), 'historic.csv');
      const res = await fetch(`${app.url}/api/contracts/historic-import`, {
        method: 'POST',
        headers: who ? { authorization: `Bearer ${who.token}` } : {},
        body: form,
      });
      return { status: res.status, job: ((await res.json()) as { job?: { id: string } }).job };
    };
    const before = await app.models.ImportJob.countDocuments();
    expect((await send(null)).status).toBe(401);
    expect((await send(cast.owner)).status).toBe(403);
    expect((await send(cast.admin)).status).toBe(403);
    expect(await app.models.ImportJob.countDocuments()).toBe(before);
    // The Benxi official (210500) records the Benxi seller's row; the Dalian row is outside its scope.
    const { status: s, job } = await send(cast.official);
    expect(s).toBe(202);
    await app.running.ctx.services.imports.idle();
    const done = await app.http('GET', `/api/imports/${job!.id}`, { token: cast.official.token });
    expect(done.body.job).toMatchObject({ kind: 'contract_historic', status: 'done', created: 1, failed: 1 });
    expect(await status('GET', `/api/imports/${job!.id}`, cast.otherOfficial)).toBe(404);
    expect(await status('GET', `/api/imports/${job!.id}`, cast.owner)).toBe(404);
    expect(
      (await app.http('GET', '/api/imports?kind=contract_historic', { token: cast.official.token })).body.items.map(
        (j: { id: string }) => j.id,
      ),
    ).toEqual([job!.id]);
    const stored = (await app.models.Contract.findOne({ 'terms.title': '历史·本溪卖方' }).lean())!;
    expect(stored).toMatchObject({
      source: 'historic',
      status: 'signed',
      sellerOrgId: null,
      buyerOrgId: null,
      sellerRegion: '210500',
    });
    expect(await app.models.Contract.countDocuments({ 'terms.title': '历史·大连卖方' })).toBe(0);
    // It names both organisations of the cast, yet is on neither's list; the official and admins read it.
    for (const who of [cast.owner, cast.other])
      expect(await status('GET', `/api/contracts/${stored._id}`, who)).toBe(404);
    expect(await status('GET', `/api/contracts/${stored._id}`, cast.official)).toBe(200);
    expect(
      await app.models.Audit.countDocuments({
        entity: 'contract',
        entityId: String(stored._id),
        action: 'create_historic',
      }),
    ).toBe(1);
    // A staff member of the seller's organisation may not record it (separation of duties).
    const insider = await app.createUser({
      roles: ['operator'],
      operatorSubmarkets: ['HUB'],
      org: o,
      orgRole: 'member',
    });
    const own = await send(insider);
    await app.running.ctx.services.imports.idle();
    expect((await app.http('GET', `/api/imports/${own.job!.id}`, { token: insider.token })).body.job).toMatchObject({
      created: 1,
      failed: 1,
    });
  });

  test('import template: public, an XLSX whose headers are the columns the import reads', async () => {
    cover('GET', '/api/contracts/import-template.xlsx');
    const res = await fetch(`${app.url}/api/contracts/import-template.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const rows = await readRows('xlsx', Buffer.from(await res.arrayBuffer()));
    const headers: string[] = [...contractColumns];
    expect(Object.keys(rows[0].cells).filter((h) => !headers.includes(h))).toEqual([]);
    expect(Object.keys(rows[0].cells).length).toBeGreaterThanOrEqual(contractColumns.length - 1);
    // The example row is itself a valid contract.
    expect(termsFromRow(rows[0].cells, paperTerms(app, cast.ownerOrg).seller as never).success).toBe(true);
  });
});
