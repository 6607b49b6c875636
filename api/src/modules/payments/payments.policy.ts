import type { AuthUser } from '../auth/auth.types';
import type { PayableRecord, PaymentRecord, PayoutRecord } from './payment.model';

/** Platform finance staff confirm money, refund and release deposits. */
export const isFinance = (u: AuthUser | null) => !!u?.roles.includes('finance');
/** Finance and admins read every statement and the ledger. */
export const readsAllMoney = (u: AuthUser | null) => isFinance(u) || !!u?.roles.includes('admin');

const member = (u: AuthUser | null, orgId: unknown) => !!u?.orgId && !!orgId && String(orgId) === u.orgId;

/**
 * Who may do what with payments, in one place. A payer pays only payables its organisation owes; parties
 * read their contract's payments; an organisation's statement is its members' and finance's; a broker's
 * commission statement is the broker's own. Everyone else gets 404 (as if it did not exist).
 */
export const canPayments = {
  pay: (u: AuthUser | null, p: Pick<PayableRecord, 'payerOrgId'>) => member(u, p.payerOrgId),
  readPayable: (u: AuthUser | null, p: Pick<PayableRecord, 'payerOrgId' | 'payeeOrgId'>) =>
    member(u, p.payerOrgId) || member(u, p.payeeOrgId) || readsAllMoney(u),
  readPayment: (u: AuthUser | null, p: Pick<PaymentRecord, 'payerOrgId' | 'payeeOrgId'>) =>
    member(u, p.payerOrgId) || member(u, p.payeeOrgId) || readsAllMoney(u),
  orgStatement: (u: AuthUser | null, orgId: string) => member(u, orgId) || readsAllMoney(u),
  /** A payout's receipt: its beneficiary (members of the organisation paid, or the broker) and finance. */
  payoutReceipt: (u: AuthUser | null, o: Pick<PayoutRecord, 'beneficiary'>) =>
    (o.beneficiary.kind === 'org' ? member(u, o.beneficiary.id) : u?.id === o.beneficiary.id) || readsAllMoney(u),
  brokerStatement: (u: AuthUser | null, brokerUserId: string) =>
    (u?.id === brokerUserId && u.roles.includes('broker')) || readsAllMoney(u),
};
