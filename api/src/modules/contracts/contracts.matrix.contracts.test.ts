/**
 * Authorization matrix of contracts (list, create, from a deal, read and PDF, update, sign, confirmation,
 * file): anonymous 401, another organisation 404, the party 2xx, officials by region, checking stored state.
 * Imports: contracts.matrix.imports.test.ts.
 * Set-up in contracts.matrix.fixture.ts.
 */
import { Types } from 'mongoose';
import { filedContract, makeDeal, paperTerms } from '../../test-support/contract-fixtures';
import { cover } from '../../test-support/matrix-coverage';
import { app, cast, seller, status, useContractsMatrixApp, type Who } from './contracts.matrix.fixture';

useContractsMatrixApp();

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
