import { LIAONING } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import type { ContractRecord, RegistrationRecord } from './contract.model';

export type ContractAction = 'read' | 'edit' | 'sign' | 'confirm' | 'file';

/** Not yet signed by both sides: the parties' business only (officials never see these). */
const UNSIGNED = ['draft', 'signing', 'awaiting_confirmation', 'declined'];

/** The side a user's organisation holds in the contract, or null. */
export function partySide(
  user: AuthUser | null,
  c: Pick<ContractRecord, 'sellerOrgId' | 'buyerOrgId'>,
): 'seller' | 'buyer' | null {
  if (!user?.orgId) return null;
  if (c.sellerOrgId && String(c.sellerOrgId) === user.orgId) return 'seller';
  if (c.buyerOrgId && String(c.buyerOrgId) === user.orgId) return 'buyer';
  return null;
}

/** A registration official whose region covers the seller's (210000 covers the whole province). */
export const officialFor = (user: AuthUser | null, sellerRegion: string) =>
  !!user?.roles.includes('official') &&
  !!user.officialRegion &&
  (user.officialRegion === LIAONING || user.officialRegion === sellerRegion);

/** Staff reading a contract (admins, officials of the seller's region): they also see what is kept for the record, like signers' IPs. */
export const contractStaff = (user: AuthUser | null, c: Pick<ContractRecord, 'sellerRegion'>) =>
  !!user?.roles.includes('admin') || officialFor(user, c.sellerRegion);

/**
 * One place that says who may do what with a contract. Parties read and act for their own side only;
 * officials of the seller's region read contracts that both sides signed (never drafts or paper contracts
 * the buyer has not confirmed); admins read. A paper contract is edited by the seller who entered it and
 * confirmed or declined by the buyer it names.
 */
export function canContract(user: AuthUser | null, action: ContractAction, c: ContractRecord): boolean {
  const side = partySide(user, c);
  switch (action) {
    case 'read':
      return (
        !!side || !!user?.roles.includes('admin') || (officialFor(user, c.sellerRegion) && !UNSIGNED.includes(c.status))
      );
    case 'edit':
      return c.signing === 'platform'
        ? // Signed by both, a platform contract is what was agreed; only a returned filing reopens it (issue 13).
          !!side && ['draft', 'signing', 'rejected'].includes(c.status)
        : side === 'seller' && ['awaiting_confirmation', 'declined', 'signed', 'rejected'].includes(c.status);
    case 'sign':
      return !!side && c.signing === 'platform' && ['draft', 'signing'].includes(c.status);
    case 'confirm':
      return side === 'buyer' && c.signing === 'paper' && c.status === 'awaiting_confirmation';
    case 'file':
      return side === 'seller' && ['signed', 'rejected'].includes(c.status);
  }
}

export function canRegistration(user: AuthUser | null, action: 'read' | 'decide', r: RegistrationRecord): boolean {
  const official = officialFor(user, r.sellerRegion);
  if (action === 'decide') return official;
  const party = !!user?.orgId && [r.sellerOrgId, r.buyerOrgId].some((id) => id && String(id) === user.orgId);
  return official || party || !!user?.roles.includes('admin');
}
