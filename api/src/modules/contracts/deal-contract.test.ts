/**
 * Issue 13, items 1–2: accepting an offer drafts the contract at once from structured data; the room, the
 * deal and the contract link to each other; the registration rules run before signing; signing takes the
 * side from the session; and the bad steps (signing twice, signing while a rule fails, editing a signed
 * contract) are refused with a stable code and change nothing.
 */
import { achievementBody, publish } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { clientId, offerTerms } from '../../test-support/negotiation-fixtures';
import { draftCategory } from './deal-draft';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  cast = await app.cast();
});
afterAll(() => app.stop());

/** A room on an achievement with the given body, an offer by the buyer, accepted by the seller. */
async function accepted(listing: Record<string, unknown>, terms: Record<string, unknown> = {}) {
  const achievementId = await publish(app, 'achievements', cast.owner, cast.hubOperator, achievementBody(listing));
  const room = await app.http('POST', '/api/negotiations', {
    token: cast.other.token,
    body: { subject: { kind: 'achievement', id: achievementId } },
  });
  const roomId = room.body.negotiation.id as string;
  const offer = await app.http('POST', `/api/negotiations/${roomId}/offers`, {
    token: cast.other.token,
    body: { clientMessageId: clientId(), terms: offerTerms(terms) },
  });
  const acc = await app.http('POST', `/api/negotiations/${roomId}/offers/${offer.body.offer.id}/accept`, {
    token: cast.owner.token,
  });
  expect(acc.status).toBe(200);
  return { roomId, offerId: offer.body.offer.id as string, deal: acc.body.deal };
}

const contractOf = async (id: string, token = cast.owner.token) =>
  (await app.http('GET', `/api/contracts/${id}`, { token })).body.contract;

describe('accepting an offer drafts the contract', () => {
  test('when the seller accepts, then the draft exists at once, links both ways and is built from the listing', async () => {
    const { roomId, offerId, deal } = await accepted({}, { text: '技术指导 3 次' });
    expect(deal.contractId).toMatch(/^[a-f0-9]{24}$/);
    expect(await app.models.Contract.countDocuments({ dealId: deal.id })).toBe(1);
    const c = await contractOf(deal.contractId);
    expect(c).toMatchObject({ status: 'draft', dealId: deal.id, negotiationId: roomId });
    expect(c.terms).toMatchObject({ category: 'license', subType: 'patent_license', exclusivity: 'sole' });
    expect(c.terms.subject).toContain('标的技术：高强韧镁合金挤压型材制备技术');
    expect(c.terms.subject).toContain('技术简介：针对新能源汽车轻量化需求');
    expect(c.terms.subject).toContain('发明专利 ZL202210345678.9');
    expect(c.terms.subject).toContain('补充约定：技术指导 3 次');
    expect(c.terms.ip).toEqual([
      { type: 'invention', number: 'ZL202210345678.9', title: '高强韧镁合金挤压型材制备技术' },
    ]);
    // 40% now, 60% after 6 months, to the 分.
    expect(c.terms.paymentSchedule.map((p: { amountFen: number }) => p.amountFen)).toEqual([48_000_000, 72_000_000]);
    // The room's summary names the contract; a second accept (a retry) and from-deal answer the same one.
    const room = await app.http('GET', `/api/negotiations/${roomId}`, { token: cast.other.token });
    expect(room.body.negotiation.deal.contractId).toBe(deal.contractId);
    const retry = await app.http('POST', `/api/negotiations/${roomId}/offers/${offerId}/accept`, {
      token: cast.owner.token,
    });
    expect(retry.body.deal.contractId).toBe(deal.contractId);
    const fromDeal = await app.http('POST', '/api/contracts/from-deal', {
      token: cast.other.token,
      body: { dealId: deal.id },
    });
    expect([fromDeal.status, fromDeal.body.contract.id]).toEqual([200, deal.contractId]);
    expect(await app.models.Contract.countDocuments({ dealId: deal.id })).toBe(1);
  });

  test('when the listing registers no patent, then a licence is a know-how licence naming the secret, ordinary when agreed without exclusivity', async () => {
    const { deal } = await accepted({ title: '工业机器人焊缝视觉跟踪工艺', ipRights: [] }, { exclusivity: 'none' });
    const c = await contractOf(deal.contractId);
    expect(c.terms).toMatchObject({ category: 'license', subType: 'know_how_license', exclusivity: 'ordinary' });
    expect(c.terms.ip).toEqual([{ type: 'know_how', number: '', title: '工业机器人焊缝视觉跟踪工艺技术秘密' }]);
    expect(
      c.checks
        .filter((k: { ok: boolean; blocking: boolean }) => k.blocking && !k.ok)
        .map((k: { code: string }) => k.code),
    ).toEqual(['written_form']);
    expect(c.viewer).toMatchObject({ canSign: true, signBlockedBy: [] });
  });

  test('the rule table: no patent licence or assignment without a patent; a pending patent is an application', () => {
    const granted = [{ type: 'invention', number: 'ZL1', legalStatus: 'granted' }];
    const pending = [{ type: 'utility', number: 'CN2', legalStatus: 'pending' }];
    const expired = [{ type: 'invention', number: 'ZL3', legalStatus: 'expired' }];
    expect(draftCategory('license', granted).subType).toBe('patent_license');
    expect(draftCategory('license', expired).subType).toBe('know_how_license');
    expect(draftCategory('transfer', granted).subType).toBe('patent');
    expect(draftCategory('transfer', pending).subType).toBe('patent_application');
    expect(draftCategory('transfer', []).subType).toBe('know_how');
    expect(draftCategory('development', granted).subType).toBe('commissioned');
  });
});

describe('signing', () => {
  test('when a rule fails, then signing is refused with the list, canSign says so, and nothing is stored', async () => {
    const { deal } = await accepted({});
    const c = await contractOf(deal.contractId);
    // The parties drop the IP from a licence: license_scope fails.
    const edited = await app.http('PATCH', `/api/contracts/${c.id}`, {
      token: cast.owner.token,
      body: { terms: { ...c.terms, ip: [] }, expectedVersion: c.version },
    });
    expect(edited.status).toBe(200);
    const e = edited.body.contract;
    expect(e.viewer).toMatchObject({ canSign: false, signBlockedBy: ['license_scope'] });
    const refused = await app.http('POST', `/api/contracts/${c.id}/sign`, {
      token: cast.other.token,
      body: { docHash: e.docHash },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'SIGNING_RULES_FAILED',
      message: { zh: expect.stringContaining('签署'), en: expect.stringContaining('signing') },
      details: [
        { code: 'license_scope', message: { zh: expect.stringContaining('许可方式'), en: expect.any(String) } },
      ],
    });
    const stored = (await app.models.Contract.findById(c.id).lean())!;
    expect([stored.status, stored.signatures.length, stored.version]).toEqual(['draft', 0, e.version]);
  });

  test('when a party signs, then its side comes from the session; a second signature and an edit after both signed are refused and change nothing', async () => {
    const { deal } = await accepted({});
    const c = await contractOf(deal.contractId);
    const forged = await app.http('POST', `/api/contracts/${c.id}/sign`, {
      token: cast.other.token,
      body: { side: 'seller', docHash: c.docHash },
    });
    expect(forged.status).toBe(403);
    const s1 = await app.http('POST', `/api/contracts/${c.id}/sign`, {
      token: cast.other.token,
      body: { docHash: c.docHash },
    });
    expect([s1.status, s1.body.contract.status]).toEqual([200, 'signing']);
    expect(s1.body.contract.signatures).toEqual([expect.objectContaining({ side: 'buyer', docHash: c.docHash })]);
    const twice = await app.http('POST', `/api/contracts/${c.id}/sign`, {
      token: cast.other.token,
      body: { docHash: c.docHash },
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'ALREADY_SIGNED']);
    expect(twice.body.error.message.zh).toBeTruthy();
    expect((await app.models.Contract.findById(c.id).lean())!.signatures).toHaveLength(1);
    const s2 = await app.http('POST', `/api/contracts/${c.id}/sign`, {
      token: cast.owner.token,
      body: { docHash: c.docHash },
    });
    expect(s2.body.contract).toMatchObject({
      status: 'signed',
      viewer: { canFile: true, canEdit: false, canSign: false },
    });
    const before = (await app.models.Contract.findById(c.id).lean())!;
    const edit = await app.http('PATCH', `/api/contracts/${c.id}`, {
      token: cast.owner.token,
      body: { terms: { ...c.terms, subject: `${c.terms.subject}。` }, expectedVersion: s2.body.contract.version },
    });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'CONTRACT_SIGNED']);
    const after = (await app.models.Contract.findById(c.id).lean())!;
    expect([after.version, after.docHash, after.signatures.every((s) => s.valid)]).toEqual([
      before.version,
      before.docHash,
      true,
    ]);
    const filed = await app.http('POST', `/api/contracts/${c.id}/registration`, { token: cast.owner.token, body: {} });
    expect(filed.status).toBe(201);
  });

  test('when the other organisation, an anonymous caller or an official signs a draft, then nothing is signed', async () => {
    const { deal } = await accepted({});
    const c = await contractOf(deal.contractId);
    const body = { docHash: c.docHash };
    expect((await app.http('POST', `/api/contracts/${c.id}/sign`, { body })).status).toBe(401);
    const stranger = await app.createUser({ org: await app.createOrg() });
    expect((await app.http('POST', `/api/contracts/${c.id}/sign`, { token: stranger.token, body })).status).toBe(404);
    expect((await app.http('POST', `/api/contracts/${c.id}/sign`, { token: cast.official.token, body })).status).toBe(
      404,
    );
    expect((await app.models.Contract.findById(c.id).lean())!.signatures).toHaveLength(0);
  });
});
