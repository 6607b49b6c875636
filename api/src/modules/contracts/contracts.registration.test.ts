/**
 * Contracts through HTTP, from a deal to a registered contract: the draft from the accepted offer, both
 * parties' signatures, filing, the regional official's registration and the tally moving at once.
 * Set-up in contracts.fixture.ts; paper contracts in contracts.paper.test.ts.
 */
import { makeDeal } from '../../test-support/contract-fixtures';
import { app, cast, useContractsApp } from './contracts.fixture';

useContractsApp();

const registeredAmount = async (token: string, region?: string) => {
  const year = new Date().getFullYear();
  const r = await app.http(
    'GET',
    `/api/stats/contracts?groupBy=year&from=${year}-01&to=${year}-12${region ? `&region=${region}` : ''}`,
    { token },
  );
  expect(r.status).toBe(200);
  return r.body.totals.registered as { n: number; amountFen: number; techFen: number };
};

describe('from a deal to a registered contract', () => {
  test('when both parties sign and the seller files, then the official of the region registers it and the tally moves at once', async () => {
    const dealId = await makeDeal(app, cast.owner, cast.other, cast.hubOperator);
    // The draft exists since the offer was accepted (issue 13): from-deal answers it.
    const created = await app.http('POST', '/api/contracts/from-deal', { token: cast.other.token, body: { dealId } });
    expect(created.status).toBe(200);
    const again = await app.http('POST', '/api/contracts/from-deal', { token: cast.owner.token, body: { dealId } });
    expect([again.status, again.body.contract.id]).toEqual([200, created.body.contract.id]);
    const id = created.body.contract.id as string;
    const c0 = created.body.contract;
    expect(c0).toMatchObject({
      status: 'draft',
      signing: 'platform',
      terms: { amountFen: 1_200_000_00, category: 'license', exclusivity: 'sole' },
    });
    expect(c0.terms.paymentSchedule.reduce((s: number, p: { amountFen: number }) => s + p.amountFen, 0)).toBe(
      1_200_000_00,
    );

    // A party signs only for its own side.
    const forged = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.other.token,
      body: { side: 'seller', docHash: c0.docHash },
    });
    expect(forged.status).toBe(403);
    expect((await app.models.Contract.findById(id).lean())!.signatures).toHaveLength(0);
    const stale = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.other.token,
      body: { side: 'buyer', docHash: 'a'.repeat(64) },
    });
    expect(stale.status).toBe(409);

    const s1 = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.other.token,
      body: { side: 'buyer', docHash: c0.docHash },
    });
    expect([s1.status, s1.body.contract.status]).toEqual([200, 'signing']);
    // Changing the terms after a signature voids it.
    const edited = await app.http('PATCH', `/api/contracts/${id}`, {
      token: cast.owner.token,
      body: {
        terms: { ...c0.terms, subject: `${c0.terms.subject} 增加一次现场培训。` },
        expectedVersion: s1.body.contract.version,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.contract.status).toBe('draft');
    expect(edited.body.contract.signatures).toEqual([expect.objectContaining({ side: 'buyer', valid: false })]);
    expect(edited.body.contract.docHash).not.toBe(c0.docHash);
    const doc = edited.body.contract;
    await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.other.token,
      body: { side: 'buyer', docHash: doc.docHash },
    });
    const s2 = await app.http('POST', `/api/contracts/${id}/sign`, {
      token: cast.member.token,
      body: { side: 'seller', docHash: doc.docHash },
    });
    expect(s2.body.contract.status).toBe('signed');
    expect(s2.body.contract.terms.signedOn).toBe(new Date().toISOString().slice(0, 10));
    const stored = (await app.models.Contract.findById(id).lean())!;
    expect(stored.signatures.filter((s) => s.valid).map((s) => [s.side, s.docHash, typeof s.ip, s.userId])).toEqual([
      ['buyer', doc.docHash, 'string', String(cast.other.user._id)],
      ['seller', doc.docHash, 'string', String(cast.member.user._id)],
    ]);

    // The buyer does not file; the seller does.
    expect(
      (await app.http('POST', `/api/contracts/${id}/registration`, { token: cast.other.token, body: {} })).status,
    ).toBe(409);
    const before = await registeredAmount(cast.official.token);
    const filed = await app.http('POST', `/api/contracts/${id}/registration`, {
      token: cast.owner.token,
      body: { note: '请审核' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.contract.status).toBe('filed');
    const regId = filed.body.registration.id;

    // The Dalian official neither sees nor decides a Benxi filing.
    expect((await app.http('GET', `/api/registrations/${regId}`, { token: cast.otherOfficial.token })).status).toBe(
      404,
    );
    expect(
      (
        await app.http('POST', `/api/registrations/${regId}/decision`, {
          token: cast.otherOfficial.token,
          body: { decision: 'approve', assessedTechAmountFen: 1 },
        })
      ).status,
    ).toBe(404);
    const queue = await app.http('GET', '/api/registrations', { token: cast.official.token });
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(regId);
    // The assessed amount may not exceed the contract amount.
    expect(
      (
        await app.http('POST', `/api/registrations/${regId}/decision`, {
          token: cast.official.token,
          body: { decision: 'approve', assessedTechAmountFen: 1_200_000_01 },
        })
      ).status,
    ).toBe(400);
    const ok = await app.http('POST', `/api/registrations/${regId}/decision`, {
      token: cast.official.token,
      body: { decision: 'approve', assessedTechAmountFen: 1_000_000_00 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.registration.registrationNo).toMatch(new RegExp(`^${new Date().getFullYear()}210500\\d{6}$`));
    const after = await registeredAmount(cast.official.token);
    expect(after.n - before.n).toBe(1);
    expect(after.amountFen - before.amountFen).toBe(1_200_000_00);
    expect(after.techFen - before.techFen).toBe(1_000_000_00);
    // Replaying the decision changes nothing.
    const replay = await app.http('POST', `/api/registrations/${regId}/decision`, {
      token: cast.official.token,
      body: { decision: 'approve', assessedTechAmountFen: 1_000_000_00 },
    });
    expect(replay.status).toBe(200);
    expect(await registeredAmount(cast.official.token)).toEqual(after);

    const detail = await app.http('GET', `/api/contracts/${id}`, { token: cast.other.token });
    expect(detail.body.contract.status).toBe('registered');
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create_from_deal',
      'sign',
      'edit',
      'sign',
      'sign_last',
      'file',
      'approve',
    ]);
    const pdf = await fetch(`${app.url}/api/contracts/${id}/document.pdf`, {
      headers: { authorization: `Bearer ${cast.owner.token}` },
    });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(bytes.slice(0, 5)).toBe('%PDF-');
    // The Chinese text is set in an embedded subset of the CJK face (parsed once per process), not boxes.
    expect(bytes).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJKsc-Regular/);
    expect(bytes).toContain('/FontFile3');
  });
});
