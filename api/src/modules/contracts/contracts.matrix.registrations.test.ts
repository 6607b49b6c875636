/**
 * Authorization matrix and bad input for registrations and the tally (stats, targets), and bad input for
 * contracts: officials by region, checking stored state. The last test fails when a contracts, registrations
 * or stats route is added without a row in one of the contracts matrix files (contracts.matrix.*.test.ts:
 * contracts, imports, registrations).
 * Set-up in contracts.matrix.fixture.ts.
 */
import { filedContract, paperTerms } from '../../test-support/contract-fixtures';
import { cover, matrixRows } from '../../test-support/matrix-coverage';
import { app, cast, seller, status, useContractsMatrixApp, type Who } from './contracts.matrix.fixture';

useContractsMatrixApp();

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

  // The rows of the two cases of the test below.
  cover('GET', '/api/stats/contracts');
  cover('GET', '/api/stats/contracts/export');
  test.each(['/api/stats/contracts', '/api/stats/contracts/export'])(
    '%s: officials of the scope only',
    async (path) => {
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
  const covered = matrixRows(__dirname, /^contracts\.matrix\.[\w-]+\.test\.ts$/);
  const declared = app.running.ctx.registry
    .list()
    .filter((op) => /^\/api\/(contracts|registrations|stats)/.test(op.path))
    .map((op) => `${op.method.toUpperCase()} ${op.path}`);
  expect(declared.length).toBeGreaterThanOrEqual(17);
  expect(declared.filter((r) => !covered.has(r))).toEqual([]);
});
