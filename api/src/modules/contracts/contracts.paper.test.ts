/**
 * Paper contracts through HTTP: rejection and refiling, the filing rules, officials' regional scope, the
 * provincial drill-down and public statistics, and the CSV import. Set-up in contracts.fixture.ts.
 */
import { filedContract, paperTerms } from '../../test-support/contract-fixtures';
import { app, cast, useContractsApp } from './contracts.fixture';

useContractsApp();

describe('paper contracts, rejection and refiling', () => {
  test('when a filing is rejected, then the seller corrects and refiles and the buckets follow', async () => {
    const seller = { ...cast.owner, org: cast.ownerOrg };
    const { contractId, registrationId } = await filedContract(app, seller, { techAmountFen: 80_000_000 });
    const rejected = await app.http('POST', `/api/registrations/${registrationId}/decision`, {
      token: cast.official.token,
      body: { decision: 'reject', reason: '技术交易额申报过高，请核实' },
    });
    expect(rejected.body.registration.status).toBe('rejected');
    const c = (await app.http('GET', `/api/contracts/${contractId}`, { token: cast.owner.token })).body.contract;
    expect(c.status).toBe('rejected');
    const fixed = await app.http('PATCH', `/api/contracts/${contractId}`, {
      token: cast.owner.token,
      body: { terms: { ...c.terms, techAmountFen: 60_000_000 }, expectedVersion: c.version },
    });
    expect(fixed.body.contract.status).toBe('rejected');
    const refiled = await app.http('POST', `/api/contracts/${contractId}/registration`, {
      token: cast.owner.token,
      body: {},
    });
    expect(refiled.status).toBe(201);
    expect(refiled.body.registration.seq).toBe(2);
    const ok = await app.http('POST', `/api/registrations/${refiled.body.registration.id}/decision`, {
      token: cast.official.token,
      body: { decision: 'approve', assessedTechAmountFen: 60_000_000 },
    });
    expect(ok.status).toBe(200);
    const regs = await app.models.Registration.find({ contractId }).sort({ seq: 1 }).lean();
    expect(regs.map((r) => r.status)).toEqual(['rejected', 'approved']);
  });

  test('when the rules fail, then filing is refused with the failed rules and nothing is filed', async () => {
    const c = await app.http('POST', '/api/contracts', {
      token: cast.owner.token,
      body: { terms: paperTerms(app, cast.ownerOrg, { ip: [], exclusivity: null }) },
    });
    expect(c.status).toBe(201);
    const f = await app.http('POST', `/api/contracts/${c.body.contract.id}/registration`, {
      token: cast.owner.token,
      body: {},
    });
    expect(f.status).toBe(422);
    expect(f.body.error.details.map((d: { code: string }) => d.code)).toEqual(['license_scope']);
    expect(await app.models.Registration.countDocuments({ contractId: c.body.contract.id })).toBe(0);
  });

  test('when an official of 大连 looks at 沈阳, then registrations are invisible and the tally scope is refused', async () => {
    const syOrg = await app.createOrg({ regionCode: '210100' });
    const sy = await app.createUser({ org: syOrg });
    const dl = await app.createUser({ roles: ['official'], officialRegion: '210200' });
    const syOfficial = await app.createUser({ roles: ['official'], officialRegion: '210100' });
    const { contractId, registrationId } = await filedContract(app, { ...sy, org: syOrg });
    expect((await app.http('GET', `/api/registrations/${registrationId}`, { token: dl.token })).status).toBe(404);
    expect((await app.http('GET', `/api/contracts/${contractId}`, { token: dl.token })).status).toBe(404);
    expect(
      (
        await app.http('POST', `/api/registrations/${registrationId}/decision`, {
          token: dl.token,
          body: { decision: 'reject', reason: '越权' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await app.http('GET', '/api/registrations', { token: dl.token })).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(registrationId);
    expect((await app.http('GET', '/api/stats/contracts?region=210100', { token: dl.token })).status).toBe(403);
    expect((await app.models.Registration.findById(registrationId).lean())!.status).toBe('pending');
    const ok = await app.http('POST', `/api/registrations/${registrationId}/decision`, {
      token: syOfficial.token,
      body: { decision: 'approve', assessedTechAmountFen: 70_000_000 },
    });
    expect(ok.status).toBe(200);
    // The provincial official sees every city.
    expect(
      (
        await app.http('GET', `/api/contracts/${contractId}`, {
          token: (await app.createUser({ roles: ['official'], officialRegion: '210000' })).token,
        })
      ).status,
    ).toBe(200);
  });

  test('when the provincial official drills down by region, category, status and period, then only matching contracts come back with their count and total amount', async () => {
    const dlOrg = await app.createOrg({ regionCode: '210200' });
    const dlSeller = await app.createUser({ org: dlOrg });
    const syOrg = await app.createOrg({ regionCode: '210100' });
    const sySeller = await app.createUser({ org: syOrg });
    const enter = async (who: { token: string }, org: typeof dlOrg, over: Parameters<typeof paperTerms>[2]) => {
      const res = await app.http('POST', '/api/contracts', {
        token: who.token,
        body: { terms: paperTerms(app, org, over) },
      });
      expect([res.status, res.body.contract.status]).toEqual([201, 'signed']);
      return res.body.contract.id as string;
    };
    const dl2026 = await enter(dlSeller, dlOrg, { amountFen: 50_000_000, techAmountFen: 50_000_000 });
    const dl2026b = await enter(dlSeller, dlOrg, { amountFen: 30_000_000, techAmountFen: 30_000_000 });
    const dl2025 = await enter(dlSeller, dlOrg, { signedOn: '2025-06-01', startOn: '2025-06-01' });
    const sy2026 = await enter(sySeller, syOrg, {});
    await app.settled();
    const province = await app.createUser({ roles: ['official'], officialRegion: '210000' });
    const list = async (query: string) => {
      const res = await app.http('GET', `/api/contracts?pageSize=100&${query}`, { token: province.token });
      expect(res.status).toBe(200);
      return res.body as {
        items: Array<{ id: string; amountFen: number; sellerRegion: string }>;
        total: number;
        sumAmountFen: number;
      };
    };
    const page = await list('sellerRegion=210200&category=license&status=signed&from=2026-01&to=2026-12');
    const ids = page.items.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([dl2026, dl2026b]));
    expect(ids).not.toContain(dl2025);
    expect(ids).not.toContain(sy2026);
    expect(page.items.every((c) => c.sellerRegion === '210200')).toBe(true);
    expect(page.total).toBe(page.items.length);
    expect(page.sumAmountFen).toBe(page.items.reduce((s, c) => s + c.amountFen, 0));
    expect(page.sumAmountFen).toBeGreaterThanOrEqual(80_000_000);
    // A page of one still answers the count and the total of every match.
    const first = await app.http('GET', '/api/contracts?pageSize=1&sellerRegion=210200&from=2026-01&to=2026-12', {
      token: province.token,
    });
    expect(first.body.items).toHaveLength(1);
    expect([first.body.total, first.body.sumAmountFen]).toEqual([page.total, page.sumAmountFen]);
    // The seller's own list answers its total too; another city's official cannot widen its scope.
    const own = await app.http('GET', '/api/contracts?pageSize=100', { token: dlSeller.token });
    expect([own.body.total, own.body.sumAmountFen]).toEqual([3, 50_000_000 + 30_000_000 + 80_000_000]);
    const sy = await app.createUser({ roles: ['official'], officialRegion: '210100' });
    const widened = await app.http('GET', '/api/contracts?pageSize=100&sellerRegion=210200', { token: sy.token });
    expect([widened.body.total, widened.body.sumAmountFen]).toEqual([0, 0]);
  });

  test('when the public reads the statistics, then only province headline figures come back', async () => {
    const pub = await app.http('GET', '/api/stats/summary');
    expect(pub.status).toBe(200);
    expect(pub.body.region).toBe('210000');
    expect(JSON.stringify(pub.body)).not.toMatch(/creditCode|sellerName|buyerName|contractNo|title/);
    expect((await app.http('GET', '/api/stats/summary?region=210500')).body.region).toBe('210000');
    expect((await app.http('GET', '/api/stats/contracts')).status).toBe(401);
    expect((await app.http('GET', '/api/stats/contracts', { token: cast.owner.token })).status).toBe(403);
  });

  test('when contracts are imported from CSV, then valid rows are stored once with a per-row report', async () => {
    const header =
      '合同名称,合同类别,合同子类,技术领域,标的技术内容,买方名称,买方信用代码,买方地区,买方类型,合同成交额(元),技术交易额(元),签订日期,开始日期,结束日期,许可方式,知识产权,经纪人,经纪人证书号,佣金(元)';
    const row1 = `工业机器人焊接工艺技术服务,技术服务,技术服务,EQP,为买方解决焊接机器人焊缝跟踪精度不足的特定技术问题,营口焊装有限公司,${app.creditCode('210800')},营口,企业,300000,300000,2026-02-10,2026-02-10,2026-08-10,,,,,`;
    const row2 =
      '缺金额的合同,技术开发,委托开发,ICT,开发工业数据平台,某公司,X,大连,企业,,,2026-02-10,2026-02-10,2026-08-10,,,,,';
    const csv = Buffer.from(`${header}\n${row1}\n${row2}\n`);
    const send = async () => {
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), '合同导入.csv');
      const res = await fetch(`${app.url}/api/contracts/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cast.owner.token}` },
        body: form,
      });
      expect(res.status).toBe(202);
      const { job } = (await res.json()) as { job: { id: string } };
      await app.running.ctx.services.imports.idle();
      return (await app.http('GET', `/api/imports/${job.id}`, { token: cast.owner.token })).body.job as {
        total: number;
        created: number;
        failed: number;
        report: Array<{ status: string }>;
      };
    };
    const first = await send();
    expect(first).toMatchObject({ total: 2, created: 1, failed: 1 });
    expect(first.report[1].status).toBe('error');
    const second = await send();
    expect(second.created).toBe(0);
    expect(await app.models.Contract.countDocuments({ 'terms.title': '工业机器人焊接工艺技术服务' })).toBe(1);
  });
});
