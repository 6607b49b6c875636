import type { AuthUser } from '../auth/auth.types';
import type { ContractRecord, RegistrationRecord } from './contract.model';
import { canContract, contractStaff, partySide } from './contract.policy';
import { contractChecks, failingBeforeSigning, failingForFiling } from './contract-checks';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Parties and officials read the full terms; there is no public view of a contract. Signers' IP addresses
 * are kept for the record and shown to staff only (issue 17, finding 8), never to the other party.
 */
export function presentContract(c: ContractRecord, user: AuthUser | null) {
  const staff = contractStaff(user, c);
  const side = partySide(user, c);
  const checks = contractChecks(c);
  const signBlockedBy = failingBeforeSigning(checks).map((k) => k.code);
  return {
    id: String(c._id),
    contractNo: c.contractNo,
    source: c.source,
    signing: c.signing,
    dealId: c.dealId ? String(c.dealId) : null,
    negotiationId: c.negotiationId ? String(c.negotiationId) : null,
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
    /** The registration rules on the contract as it stands (shown before signing; the filing runs the same). */
    checks,
    viewer: {
      side,
      canEdit: canContract(user, 'edit', c),
      /** An edit would void these valid signatures: the page says so before saving. */
      editVoidsSignatures: c.signatures.some((s) => s.valid),
      canSign:
        canContract(user, 'sign', c) &&
        !c.signatures.some((s) => s.valid && s.side === side) &&
        signBlockedBy.length === 0,
      signBlockedBy,
      canConfirm: canContract(user, 'confirm', c),
      canFile: canContract(user, 'file', c) && failingForFiling(checks).length === 0,
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
