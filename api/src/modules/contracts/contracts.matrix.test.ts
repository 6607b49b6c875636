/**
 * Authorization matrix and bad input for contracts, registrations and the tally: anonymous 401, another
 * organisation 404, the party 2xx, officials by region, checking stored state. The last test fails when
 * such a route is added without a row here.
 */
import { Types } from 'mongoose';
import { filedContract, makeDeal, paperTerms } from '../../test-support/contract-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { readRows } from '../imports/spreadsheet';
import { contractColumns, termsFromRow } from './contract-import';
import { historicColumns } from './historic-import';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
const covered = new Set<string>();
const cover = (method: string, path: string) => covered.add(`${method} ${path}`);
type Who = { token: string } | null;
const status = async (method: string, path: string, who: Who, body?: unknown) =>
  (await app.http(method, path, { token: who?.token, body })).status;
const seller = () => ({ ...cast.owner, org: cast.ownerOrg });

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
});
afterAll(() => app.stop());

describe('contracts', () => {
  test('list: parties see their own, officials their region beyond drafts, others nothing', async () => {
    cover('GET', '/api/contracts');
    const { contractId } = await filedContract(app, seller());
    const ids = async (who: Who) =>
      (await app.http('GET', '/api/contracts?pageSize=100', { token: who?.token })).body.items?.map(
        (c: { id: string }) => c.id,
      );
    expect(await status('GET', '/api/contracts', null)).toBe(401);
    expect(await ids(cast.owner)).toContain(contractId);
    expect(await ids(cast.member)).toContain(contractId);
    expect(await ids(cast.other)).not.toContain(contractId);
    expect(await ids(cast.official)).toContain(contractId);
    expect(await ids(cast.otherOfficial)).not.toContain(contractId);
    expect(await ids(cast.hubOperator)).toEqual([]);
  });

  test('create: signed-in members of a verified organisation; the seller is their own organisation', async () => {
    cover('POST', '/api/contracts');
    const body = { terms: paperTerms(app, cast.ownerOrg) };
    const before = await app.models.Contract.countDocuments();
    expect(await status('POST', '/api/contracts', null, body)).toBe(401);
    expect(await status('POST', '/api/contracts', cast.official, body)).toBe(403);
    expect(await app.models.Contract.countDocuments()).toBe(before);
    // Another organisation cannot enter a contract in the owner's name: the seller becomes itself.
    const forged = await app.http('POST', '/api/contracts', { token: cast.other.token, body });
    expect(forged.status).toBe(201);
    expect(forged.body.contract.terms.seller.creditCode).toBe(cast.otherOrg.creditCode);
    // Idempotency keys are per organisation: another one's key never answers the owner's contract.
    const headers = { 'Idempotency-Key': `matrix-${new Types.ObjectId()}` };
    const owned = await app.http('POST', '/api/contracts', { token: cast.owner.token, body, headers });
    expect(owned.status).toBe(201);
    const replay = await app.http('POST', '/api/contracts', { token: cast.other.token, body, headers });
    expect(replay.status).toBe(201);
    expect(replay.body.contract.id).not.toBe(owned.body.contract.id);
    expect(replay.body.contract.terms.seller.creditCode).toBe(cast.otherOrg.creditCode);
    expect(await status('POST', '/api/contracts', cast.official, body)).toBe(403);
    expect(
      (await app.http('POST', '/api/contracts', { token: cast.member.token, body, headers })).body.contract.id,
    ).toBe(owned.body.contract.id);
  });

  test('from a deal: only the parties of the deal', async () => {
    cover('POST', '/api/contracts/from-deal');
    const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
    expect(await status('POST', '/api/contracts/from-deal', null, { dealId })).toBe(401);
    const stranger = await app.createUser({ org: await app.createOrg() });
    expect(await status('POST', '/api/contracts/from-deal', stranger, { dealId })).toBe(404);
    expect(await status('POST', '/api/contracts/from-deal', cast.official, { dealId })).toBe(404);
    // The accept drafted it (issue 13); the refused calls made no other, and a party gets that one.
    expect(await app.models.Contract.countDocuments({ originKey: `deal:${dealId}` })).toBe(1);
    expect(await status('POST', '/api/contracts/from-deal', cast.owner, { dealId })).toBe(200);
    expect(await app.models.Contract.countDocuments({ originKey: `deal:${dealId}` })).toBe(1);
    expect(await status('POST', '/api/contracts/from-deal', cast.other, { dealId: String(new Types.ObjectId()) })).toBe(
      404,
    );
  });

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

  test('read, PDF: parties and regional officials; others 404', async () => {
    cover('GET', '/api/contracts/:id');
    cover('GET', '/api/contracts/:id/document.pdf');
    const { contractId } = await filedContract(app, seller());
    for (const path of [`/api/contracts/${contractId}`, `/api/contracts/${contractId}/document.pdf`]) {
      expect(await status('GET', path, null)).toBe(401);
      expect(await status('GET', path, cast.other)).toBe(404);
      expect(await status('GET', path, cast.otherOfficial)).toBe(404);
      expect(await status('GET', path, cast.hubOperator)).toBe(404);
      expect(await status('GET', path, cast.owner)).toBe(200);
      expect(await status('GET', path, cast.official)).toBe(200);
      expect(await status('GET', path, cast.admin)).toBe(200);
    }
    // A draft is the parties' business only.
    const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
    const draft = (await app.http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } }))
      .body.contract.id;
    expect(await status('GET', `/api/contracts/${draft}`, cast.official)).toBe(404);
    expect(await status('GET', `/api/contracts/${draft}`, cast.other)).toBe(200);
    expect(await status('GET', `/api/contracts/${new Types.ObjectId()}`, cast.owner)).toBe(404);
  });

  test('update: the seller of a paper contract; officials and others cannot, and nothing changes', async () => {
    cover('PATCH', '/api/contracts/:id');
    const c = (
      await app.http('POST', '/api/contracts', {
        token: cast.owner.token,
        body: { terms: paperTerms(app, cast.ownerOrg) },
      })
    ).body.contract;
    const body = { terms: { ...c.terms, title: '改过的合同名称' }, expectedVersion: c.version };
    const path = `/api/contracts/${c.id}`;
    expect(await status('PATCH', path, null, body)).toBe(401);
    expect(await status('PATCH', path, cast.other, body)).toBe(404);
    expect(await status('PATCH', path, cast.official, body)).toBe(403);
    expect((await app.models.Contract.findById(c.id).lean())!.terms.title).toBe(c.terms.title);
    expect(await status('PATCH', path, cast.owner, body)).toBe(200);
    expect((await app.models.Contract.findById(c.id).lean())!.terms.title).toBe('改过的合同名称');
    expect(await status('PATCH', path, cast.owner, body)).toBe(409);
  });

  test('sign: each party for its own side only', async () => {
    cover('POST', '/api/contracts/:id/sign');
    const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
    const c = (await app.http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } })).body
      .contract;
    const path = `/api/contracts/${c.id}/sign`;
    const as = (side: string) => ({ side, docHash: c.docHash });
    expect(await status('POST', path, null, as('seller'))).toBe(401);
    expect(await status('POST', path, await app.createUser({ org: await app.createOrg() }), as('buyer'))).toBe(404);
    expect(await status('POST', path, cast.official, as('seller'))).toBe(404);
    expect(await status('POST', path, cast.owner, as('buyer'))).toBe(403);
    expect(await status('POST', path, cast.other, as('seller'))).toBe(403);
    expect((await app.models.Contract.findById(c.id).lean())!.signatures).toEqual([]);
    expect(await status('POST', path, cast.owner, as('seller'))).toBe(200);
    // Signing twice is refused (ALREADY_SIGNED) and stores nothing.
    expect(await status('POST', path, cast.owner, as('seller'))).toBe(409);
    expect((await app.models.Contract.findById(c.id).lean())!.signatures).toHaveLength(1);
  });

  test('confirmation: the buyer named in a paper contract only; seller, officials and others change nothing', async () => {
    cover('POST', '/api/contracts/:id/confirmation');
    const buyer = {
      name: cast.otherOrg.name,
      creditCode: cast.otherOrg.creditCode,
      regionCode: cast.otherOrg.regionCode,
      orgType: cast.otherOrg.type,
    };
    const c = (
      await app.http('POST', '/api/contracts', {
        token: cast.owner.token,
        body: { terms: paperTerms(app, cast.ownerOrg, { buyer }) },
      })
    ).body.contract;
    const path = `/api/contracts/${c.id}/confirmation`;
    const accept = { decision: 'accept', docHash: c.docHash };
    expect(await status('POST', path, null, accept)).toBe(401);
    expect(await status('POST', path, await app.createUser({ org: await app.createOrg() }), accept)).toBe(404);
    expect(await status('POST', path, cast.official, accept)).toBe(404);
    expect(await status('POST', path, cast.hubOperator, accept)).toBe(404);
    expect(await status('POST', path, cast.owner, accept)).toBe(403);
    expect(await status('POST', path, cast.admin, accept)).toBe(403);
    expect((await app.models.Contract.findById(c.id).lean())!.status).toBe('awaiting_confirmation');
    expect(await status('POST', path, cast.other, accept)).toBe(200);
    expect(await status('POST', path, cast.other, accept)).toBe(200);
    expect(await status('POST', path, cast.other, { decision: 'decline', reason: '改主意了' })).toBe(409);
    const stored = (await app.models.Contract.findById(c.id).lean())!;
    expect(stored.status).toBe('signed');
    expect(stored.signatures.map((s: { side: string }) => s.side)).toEqual(['seller', 'buyer']);
  });

  test('file: the seller only', async () => {
    cover('POST', '/api/contracts/:id/registration');
    const c = (
      await app.http('POST', '/api/contracts', {
        token: cast.owner.token,
        body: { terms: paperTerms(app, cast.ownerOrg) },
      })
    ).body.contract;
    const path = `/api/contracts/${c.id}/registration`;
    expect(await status('POST', path, null, {})).toBe(401);
    expect(await status('POST', path, cast.other, {})).toBe(404);
    expect(await status('POST', path, cast.official, {})).toBe(403);
    expect(await app.models.Registration.countDocuments({ contractId: c.id })).toBe(0);
    expect(await status('POST', path, cast.member, {})).toBe(201);
    expect(await status('POST', path, cast.member, {})).toBe(409);
    expect(await app.models.Registration.countDocuments({ contractId: c.id })).toBe(1);
  });
});

describe('registrations', () => {
  test('queue: officials of the region only', async () => {
    cover('GET', '/api/registrations');
    const { registrationId } = await filedContract(app, seller());
    expect(await status('GET', '/api/registrations', null)).toBe(401);
    expect(await status('GET', '/api/registrations', cast.owner)).toBe(403);
    expect(await status('GET', '/api/registrations', cast.admin)).toBe(403);
    const ids = async (who: Who) =>
      (await app.http('GET', '/api/registrations?pageSize=100', { token: who?.token })).body.items.map(
        (r: { id: string }) => r.id,
      );
    expect(await ids(cast.official)).toContain(registrationId);
    expect(await ids(cast.otherOfficial)).not.toContain(registrationId);
  });

  test('read: officials of the region and the parties', async () => {
    cover('GET', '/api/registrations/:id');
    const { registrationId } = await filedContract(app, seller());
    const path = `/api/registrations/${registrationId}`;
    expect(await status('GET', path, null)).toBe(401);
    expect(await status('GET', path, cast.other)).toBe(404);
    expect(await status('GET', path, cast.otherOfficial)).toBe(404);
    expect(await status('GET', path, cast.owner)).toBe(200);
    expect(await status('GET', path, cast.official)).toBe(200);
  });

  test("decision: only an official of the seller's region; the seller cannot approve itself", async () => {
    cover('POST', '/api/registrations/:id/decision');
    const { registrationId } = await filedContract(app, seller());
    const path = `/api/registrations/${registrationId}/decision`;
    const body = { decision: 'approve', assessedTechAmountFen: 70_000_000 };
    expect(await status('POST', path, null, body)).toBe(401);
    expect(await status('POST', path, cast.other, body)).toBe(404);
    expect(await status('POST', path, cast.otherOfficial, body)).toBe(404);
    expect(await status('POST', path, cast.owner, body)).toBe(403);
    expect(await status('POST', path, cast.admin, body)).toBe(403);
    expect((await app.models.Registration.findById(registrationId).lean())!.status).toBe('pending');
    expect(await status('POST', path, cast.official, body)).toBe(200);
    expect(await status('POST', path, cast.official, { decision: 'reject', reason: '改主意了' })).toBe(409);
    expect((await app.models.Registration.findById(registrationId).lean())!.status).toBe('approved');
  });
});

describe('stats', () => {
  test('summary: public province headline; officials their region', async () => {
    cover('GET', '/api/stats/summary');
    for (const who of [null, cast.owner, cast.other]) {
      const r = await app.http('GET', '/api/stats/summary?region=210500', { token: who?.token });
      expect([r.status, r.body.region]).toEqual([200, '210000']);
    }
    expect((await app.http('GET', '/api/stats/summary', { token: cast.official.token })).body.region).toBe('210500');
    expect(await status('GET', '/api/stats/summary?region=210500', cast.otherOfficial)).toBe(403);
  });

  test.each(['/api/stats/contracts', '/api/stats/contracts/export'])(
    '%s: officials of the scope only',
    async (path) => {
      cover('GET', path);
      expect(await status('GET', path, null)).toBe(401);
      expect(await status('GET', path, cast.owner)).toBe(403);
      expect(await status('GET', path, cast.hubOperator)).toBe(403);
      expect(await status('GET', `${path}?region=210500`, cast.otherOfficial)).toBe(403);
      expect(await status('GET', path, cast.official)).toBe(200);
      expect(
        await status(
          'GET',
          `${path}?region=210500`,
          await app.createUser({ roles: ['official'], officialRegion: '210000' }),
        ),
      ).toBe(200);
    },
  );

  test('targets: officials read and set within their scope', async () => {
    cover('GET', '/api/stats/targets');
    cover('PUT', '/api/stats/targets');
    const body = { year: 2026, regionCode: '210500', amountFen: 50_000_000_000 };
    expect(await status('GET', '/api/stats/targets?year=2026', null)).toBe(401);
    expect(await status('PUT', '/api/stats/targets', null, body)).toBe(401);
    expect(await status('PUT', '/api/stats/targets', cast.owner, body)).toBe(403);
    expect(await status('PUT', '/api/stats/targets', cast.otherOfficial, body)).toBe(403);
    expect(await app.models.Target.countDocuments({ regionCode: '210500' })).toBe(0);
    expect(await status('PUT', '/api/stats/targets', cast.official, body)).toBe(200);
    expect((await app.http('GET', '/api/stats/targets?year=2026', { token: cast.official.token })).body.items).toEqual([
      expect.objectContaining({ regionCode: '210500', amountFen: 50_000_000_000 }),
    ]);
    expect(
      (await app.http('GET', '/api/stats/targets?year=2026', { token: cast.otherOfficial.token })).body.items,
    ).toEqual([]);
    // The admin sets the province's target on /admin/settings through this same route (one store of targets);
    // operators and finance staff, who read no tally, may not.
    const province = { year: 2026, regionCode: '210000', amountFen: 6_000_000_000_000 };
    const finance = await app.createUser({ roles: ['finance'] });
    for (const who of [cast.hubOperator, cast.cityOperator, finance, cast.loner]) {
      expect(await status('GET', '/api/stats/targets?year=2026', who)).toBe(403);
      expect(await status('PUT', '/api/stats/targets', who, province)).toBe(403);
    }
    expect(await app.models.Target.countDocuments({ regionCode: '210000' })).toBe(0);
    expect(await status('PUT', '/api/stats/targets', cast.admin, province)).toBe(200);
    expect(
      (await app.http('GET', '/api/stats/targets?year=2026', { token: cast.admin.token })).body.items.map(
        (t: { regionCode: string }) => t.regionCode,
      ),
    ).toEqual(['210000', '210500']);
    expect((await app.http('GET', '/api/stats/summary?year=2026')).body.target).toMatchObject({
      amountFen: 6_000_000_000_000,
    });
  });
});

describe('bad input changes nothing', () => {
  const bad = (terms: Record<string, unknown>) => ({ terms });
  test('operator objects, wrong types, oversized strings, unknown fields and malformed ids get 4xx', async () => {
    const base = paperTerms(app, cast.ownerOrg) as unknown as Record<string, unknown>;
    const before = await app.models.Contract.countDocuments();
    const bodies = [
      bad({ ...base, title: { $ne: null } }),
      bad({ ...base, amountFen: '800000' }),
      bad({ ...base, amountFen: 1.5 }),
      bad({ ...base, title: '长'.repeat(201) }),
      bad({ ...base, subject: 'x'.repeat(4_001) }),
      bad({ ...base, extra: 1 }),
      { terms: base, extra: true },
      bad({ ...base, techAmountFen: 90_000_000 }),
      bad({ ...base, subType: 'patent' }),
      bad({ ...base, buyer: { $ne: null } }),
      { $where: '1' },
    ];
    for (const body of bodies) expect(await status('POST', '/api/contracts', cast.owner, body)).toBe(400);
    expect(await app.models.Contract.countDocuments()).toBe(before);
    const { contractId, registrationId } = await filedContract(app, seller());
    expect(await status('GET', '/api/contracts/not-an-id', cast.owner)).toBe(400);
    expect(
      await status('POST', '/api/contracts/123/sign', cast.owner, { side: 'seller', docHash: 'a'.repeat(64) }),
    ).toBe(400);
    expect(
      await status('POST', `/api/contracts/${contractId}/sign`, cast.owner, {
        side: { $ne: null },
        docHash: 'a'.repeat(64),
      }),
    ).toBe(400);
    expect(await status('POST', '/api/contracts/from-deal', cast.owner, { dealId: { $ne: null } })).toBe(400);
    expect(
      await status('POST', `/api/registrations/${registrationId}/decision`, cast.official, {
        decision: 'approve',
        assessedTechAmountFen: { $gt: 0 },
      }),
    ).toBe(400);
    expect(
      await status('POST', `/api/registrations/${registrationId}/decision`, cast.official, {
        decision: 'approve',
        assessedTechAmountFen: 1,
        registrationNo: 'X',
      }),
    ).toBe(400);
    expect(
      await status('POST', `/api/registrations/${registrationId}/decision`, cast.official, {
        decision: 'reject',
        reason: 'x'.repeat(1_001),
      }),
    ).toBe(400);
    expect(
      await status('POST', '/api/registrations/zzz/decision', cast.official, { decision: 'reject', reason: '不合格' }),
    ).toBe(400);
    expect((await app.models.Registration.findById(registrationId).lean())!.status).toBe('pending');
    expect(await status('GET', '/api/stats/contracts?groupBy=%24ne', cast.official)).toBe(400);
    expect(await status('GET', '/api/stats/contracts?from=2026-13', cast.official)).toBe(400);
    expect(await status('GET', '/api/stats/contracts?from=2026-05&to=2026-01', cast.official)).toBe(400);
    expect(await status('GET', '/api/stats/contracts?extra=1', cast.official)).toBe(400);
    expect(await status('GET', '/api/contracts?pageSize=1000', cast.owner)).toBe(400);
    expect(
      await status('PUT', '/api/stats/targets', cast.official, { year: 2026, regionCode: '210500', amountFen: -1 }),
    ).toBe(400);
    expect(
      await status('PUT', '/api/stats/targets', cast.official, { year: 2026, regionCode: '210500', amountFen: '1' }),
    ).toBe(400);
    expect(await app.models.Target.countDocuments({ amountFen: { $lt: 1 } })).toBe(0);
  });
});

test('every contracts, registrations and stats route has a row in this matrix', () => {
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => /^\/api\/(contracts|registrations|stats)/.test(op.path))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(17);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
