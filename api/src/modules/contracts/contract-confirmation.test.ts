/**
 * Issue 17, findings 1 and 8: a paper contract naming another organisation of the platform exists for that
 * organisation only once it confirmed it, and signer IPs are for staff. Real HTTP, stored state checked.
 */
import { makeDeal, paperTerms } from '../../test-support/contract-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import type { CompanyOrgRecord as OrgRecord } from '../orgs/org.model';
import { contractColumns } from './contract-import';
import type { ContractRecord } from './contract.model';

let app: TestApp;
let sellerOrg: OrgRecord;
let victimOrg: OrgRecord;
let seller: { token: string };
let victim: { token: string };
let victimMember: { token: string };
let stranger: { token: string };
let official: { token: string };
let admin: { token: string };

const partyOf = (o: OrgRecord) => ({
  name: o.name,
  creditCode: o.creditCode,
  regionCode: o.regionCode,
  orgType: o.type,
});
const stored = async (id: string) => (await app.models.Contract.findById(id).lean<ContractRecord>())!;

beforeAll(async () => {
  app = await startTestApp({ SEARCH_SYNC: 'external' });
  sellerOrg = await app.createOrg({ regionCode: '210100', type: 'university' });
  victimOrg = await app.createOrg({ regionCode: '210300' });
  seller = await app.createUser({ org: sellerOrg });
  victim = await app.createUser({ org: victimOrg });
  victimMember = await app.createUser({ org: victimOrg, orgRole: 'member' });
  stranger = await app.createUser({ org: await app.createOrg({ regionCode: '210200' }) });
  official = await app.createUser({ roles: ['official'], officialRegion: '210000' });
  admin = await app.createUser({ roles: ['admin'] });
});
afterAll(() => app.stop());

/** A paper contract the seller enters with the victim's public credit code as buyer; overdue first instalment. */
async function enterAgainstVictim(title = '单方录入的纸质合同') {
  const terms = paperTerms(app, sellerOrg, {
    title,
    buyer: partyOf(victimOrg),
    paymentSchedule: [{ dueOn: '2026-01-05', amountFen: 80_000_000, note: '一次付清' }],
  });
  const res = await app.http('POST', '/api/contracts', { token: seller.token, body: { terms } });
  expect(res.status).toBe(201);
  return res.body.contract;
}

describe('a paper contract naming another organisation of the platform', () => {
  test('when the seller enters it, then it waits for the buyer: nothing payable, filed, tallied or on a statement', async () => {
    const c = await enterAgainstVictim();
    expect(c.status).toBe('awaiting_confirmation');
    expect(c.viewer).toMatchObject({ side: 'seller', canFile: false });
    // The seller opening the payment page makes no payable; filing is refused.
    await app.http('GET', `/api/payments/contracts/${c.id}`, { token: seller.token });
    expect(await app.models.Payable.countDocuments({ contractId: c.id })).toBe(0);
    const filing = await app.http('POST', `/api/contracts/${c.id}/registration`, { token: seller.token, body: {} });
    expect(filing.status).toBe(409);
    expect(await app.models.Registration.countDocuments({ contractId: c.id })).toBe(0);
    // The victim's statement owes nothing; the tally has nothing from it; officials do not see it.
    const statement = await app.http('GET', `/api/payments/orgs/${victimOrg._id}/statement`, { token: victim.token });
    expect(statement.body.payables).toEqual([]);
    const s = await stored(c.id);
    expect(s.status).toBe('awaiting_confirmation');
    expect(s.stats.c).toBeNull();
    expect((await app.http('GET', `/api/contracts/${c.id}`, { token: official.token })).status).toBe(404);
    // The buyer sees it as awaiting its confirmation and may confirm or decline.
    const seen = await app.http('GET', `/api/contracts/${c.id}`, { token: victimMember.token });
    expect(seen.body.contract.viewer).toMatchObject({ side: 'buyer', canConfirm: true, canFile: false });
    const row = (
      await app.http('GET', '/api/contracts?status=awaiting_confirmation', { token: victim.token })
    ).body.items.find((x: { id: string }) => x.id === c.id);
    expect(row).toMatchObject({ status: 'awaiting_confirmation' });
  });

  test('when the buyer declines with a reason, then it is declined and the seller sees why; a stranger or the seller cannot decide', async () => {
    const c = await enterAgainstVictim('被拒绝的纸质合同');
    const body = { decision: 'decline', reason: '本单位未签订此合同' };
    expect(
      (await app.http('POST', `/api/contracts/${c.id}/confirmation`, { token: stranger.token, body })).status,
    ).toBe(404);
    expect((await app.http('POST', `/api/contracts/${c.id}/confirmation`, { token: seller.token, body })).status).toBe(
      403,
    );
    expect(
      (
        await app.http('POST', `/api/contracts/${c.id}/confirmation`, {
          token: victim.token,
          body: { decision: 'decline', reason: '' },
        })
      ).status,
    ).toBe(400);
    expect((await stored(c.id)).status).toBe('awaiting_confirmation');
    const res = await app.http('POST', `/api/contracts/${c.id}/confirmation`, { token: victim.token, body });
    expect(res.status).toBe(200);
    expect(res.body.contract.status).toBe('declined');
    const s = await stored(c.id);
    expect(s).toMatchObject({ status: 'declined', confirmation: { status: 'declined', reason: '本单位未签订此合同' } });
    const mine = await app.http('GET', `/api/contracts/${c.id}`, { token: seller.token });
    expect(mine.body.contract.confirmation).toMatchObject({ status: 'declined', reason: '本单位未签订此合同' });
    expect(
      mine.body.history.some(
        (h: { action: string; reason: string }) => h.action === 'decline' && h.reason === '本单位未签订此合同',
      ),
    ).toBe(true);
    // Declined is final for the buyer: accepting afterwards is refused.
    expect(
      (
        await app.http('POST', `/api/contracts/${c.id}/confirmation`, {
          token: victim.token,
          body: { decision: 'accept', docHash: s.docHash },
        })
      ).status,
    ).toBe(409);
    expect((await app.http('GET', `/api/payments/contracts/${c.id}`, { token: seller.token })).status).toBe(200);
    expect(await app.models.Payable.countDocuments({ contractId: c.id })).toBe(0);
  });

  test('when the buyer accepts the version it read, then it is signed by both, payable and counted; a later edit asks again', async () => {
    const c = await enterAgainstVictim('双方确认的纸质合同');
    const stale = await app.http('POST', `/api/contracts/${c.id}/confirmation`, {
      token: victim.token,
      body: { decision: 'accept', docHash: 'a'.repeat(64) },
    });
    expect(stale.status).toBe(409);
    const res = await app.http('POST', `/api/contracts/${c.id}/confirmation`, {
      token: victim.token,
      body: { decision: 'accept', docHash: c.docHash },
    });
    expect(res.status).toBe(200);
    let s = await stored(c.id);
    expect(s.status).toBe('signed');
    expect(
      s.signatures
        .filter((g) => g.valid)
        .map((g) => g.side)
        .sort(),
    ).toEqual(['buyer', 'seller']);
    expect(s.stats.c).toMatchObject({ bucket: 'signed' });
    await app.http('GET', `/api/payments/contracts/${c.id}`, { token: seller.token });
    expect(await app.models.Payable.countDocuments({ contractId: c.id })).toBe(1);
    // The seller changing the amount alone does not keep it signed: the buyer confirms again.
    const edited = await app.http('PATCH', `/api/contracts/${c.id}`, {
      token: seller.token,
      body: {
        terms: { ...s.terms, amountFen: 90_000_000, techAmountFen: 80_000_000, paymentSchedule: [] },
        expectedVersion: s.version,
      },
    });
    expect(edited.status).toBe(200);
    s = await stored(c.id);
    expect(s.status).toBe('awaiting_confirmation');
    expect(s.stats.c).toBeNull();
    expect(s.signatures.filter((g) => g.valid).map((g) => g.side)).toEqual(['seller']);
  });

  test('when the buyer is not an organisation of the platform, then the paper contract is signed at entry (nobody to ask)', async () => {
    const res = await app.http('POST', '/api/contracts', {
      token: seller.token,
      body: { terms: paperTerms(app, sellerOrg) },
    });
    expect(res.body.contract.status).toBe('signed');
    expect((await stored(res.body.contract.id)).buyerOrgId).toBeNull();
  });

  test('when a member imports rows naming another organisation, then those contracts wait for it too', async () => {
    const row = (title: string, code: string) =>
      `${title},技术服务,技术服务,EQP,解决焊缝跟踪精度不足问题,某公司,${code},鞍山,企业,300000,300000,2026-02-10,2026-02-10,2026-08-10,,,,,`;
    const csv = `${contractColumns.join(',')}\n${row('导入·指向他机构', victimOrg.creditCode)}\n${row('导入·站外买方', app.creditCode('210300'))}\n`;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(csv)], { type: 'text/csv' }), 'c.csv');
    const res = await fetch(`${app.url}/api/contracts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seller.token}` },
      body: form,
    });
    expect(res.status).toBe(202);
    await app.running.ctx.services.imports.idle();
    const linked = await app.models.Contract.findOne({ 'terms.title': '导入·指向他机构' }).lean<ContractRecord>();
    const offsite = await app.models.Contract.findOne({ 'terms.title': '导入·站外买方' }).lean<ContractRecord>();
    expect(linked).toMatchObject({ status: 'awaiting_confirmation', buyerOrgId: victimOrg._id });
    expect(linked!.stats.c).toBeNull();
    expect(offsite).toMatchObject({ status: 'signed', buyerOrgId: null });
  });
});

describe("signers' IP addresses", () => {
  test('when a party reads a contract both signed on the platform, then no signature carries an IP; staff see it', async () => {
    const reviewer = await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] });
    const dealId = await makeDeal(app, seller, victim, reviewer);
    const c = (await app.http('POST', '/api/contracts/from-deal', { token: seller.token, body: { dealId } })).body
      .contract;
    for (const [who, side] of [
      [seller, 'seller'],
      [victim, 'buyer'],
    ] as const) {
      expect(
        (
          await app.http('POST', `/api/contracts/${c.id}/sign`, {
            token: who.token,
            body: { side, docHash: c.docHash },
          })
        ).status,
      ).toBe(200);
    }
    const ipsOf = async (who: { token: string }) =>
      (await app.http('GET', `/api/contracts/${c.id}`, { token: who.token })).body.contract.signatures.map(
        (s: { ip?: string }) => s.ip,
      );
    for (const party of [seller, victim]) {
      const ips = await ipsOf(party);
      expect(ips.length).toBe(2);
      expect(ips.every((ip: unknown) => ip === undefined)).toBe(true);
    }
    for (const staff of [admin, official])
      expect((await ipsOf(staff)).every((ip: unknown) => typeof ip === 'string')).toBe(true);
    // The stored record keeps it for the record.
    expect((await stored(c.id)).signatures.every((s) => typeof s.ip === 'string')).toBe(true);
  });
});
