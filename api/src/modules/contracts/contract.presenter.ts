import type { AuthUser } from '../auth/auth.types';
import type { ContractRecord, RegistrationRecord } from './contract.model';
import { canContract, contractStaff, partySide } from './contract.policy';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Parties and officials read the full terms; there is no public view of a contract. Signers' IP addresses
 * are kept for the record and shown to staff only (issue 17, finding 8), never to the other party.
 */
export function presentContract(c: ContractRecord, user: AuthUser | null) {
  const staff = contractStaff(user, c);
  return {
    id: String(c._id),
    contractNo: c.contractNo,
    source: c.source,
    signing: c.signing,
    dealId: c.dealId ? String(c.dealId) : null,
    status: c.status,
    terms: c.terms,
    docHash: c.docHash,
    version: c.version,
    sellerOrgId: c.sellerOrgId ? String(c.sellerOrgId) : null,
    buyerOrgId: c.buyerOrgId ? String(c.buyerOrgId) : null,
    sellerRegion: c.sellerRegion,
    submarketCode: c.submarketCode,
    signatures: c.signatures.map((s) => ({
      side: s.side,
      userName: s.userName,
      at: iso(s.at),
      docHash: s.docHash,
      valid: s.valid,
      ...(staff ? { ip: s.ip } : {}),
    })),
    confirmation: c.confirmation
      ? {
          status: c.confirmation.status,
          reason: c.confirmation.reason,
          byName: c.confirmation.byName,
          at: iso(c.confirmation.at),
        }
      : null,
    registration: c.registration ? { ...c.registration, registeredAt: iso(c.registration.registeredAt) } : null,
    currentRegistrationId: c.currentRegistrationId ? String(c.currentRegistrationId) : null,
    filings: c.filings,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    viewer: {
      side: partySide(user, c),
      canEdit: canContract(user, 'edit', c),
      canSign: canContract(user, 'sign', c) && !c.signatures.some((s) => s.valid && s.side === partySide(user, c)),
      canConfirm: canContract(user, 'confirm', c),
      canFile: canContract(user, 'file', c),
    },
  };
}
export type ContractDto = ReturnType<typeof presentContract>;

export function presentContractRow(c: ContractRecord) {
  const t = c.terms;
  return {
    id: String(c._id),
    contractNo: c.contractNo,
    title: t.title,
    category: t.category,
    fieldCode: t.fieldCode,
    sellerName: t.seller.name,
    buyerName: t.buyer.name,
    sellerRegion: t.seller.regionCode,
    buyerRegion: t.buyer.regionCode,
    amountFen: t.amountFen,
    techAmountFen: c.registration?.assessedTechAmountFen ?? t.techAmountFen,
    signedOn: t.signedOn,
    status: c.status,
    registrationNo: c.registration?.registrationNo ?? null,
  };
}

export function presentRegistration(r: RegistrationRecord) {
  return {
    id: String(r._id),
    contractId: String(r.contractId),
    seq: r.seq,
    contractNo: r.contractNo,
    title: r.title,
    sellerName: r.sellerName,
    buyerName: r.buyerName,
    category: r.category,
    sellerRegion: r.sellerRegion,
    amountFen: r.amountFen,
    claimedTechAmountFen: r.claimedTechAmountFen,
    docHash: r.docHash,
    checks: r.checks,
    rulesVersion: r.rulesVersion,
    note: r.note,
    status: r.status,
    registrationNo: r.registrationNo,
    assessedTechAmountFen: r.assessedTechAmountFen,
    reason: r.reason,
    filedAt: iso(r.filedAt),
    decidedAt: iso(r.decidedAt),
    decidedByName: r.decidedByName,
  };
}
