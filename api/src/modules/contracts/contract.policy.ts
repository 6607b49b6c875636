import { LIAONING } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import type { ContractRecord, RegistrationRecord } from './contract.model';

export type ContractAction = 'read' | 'edit' | 'sign' | 'file';

/** The side a user's organisation holds in the contract, or null. */
export function partySide(user: AuthUser | null, c: Pick<ContractRecord, 'sellerOrgId' | 'buyerOrgId'>): 'seller' | 'buyer' | null {
  if (!user?.orgId) return null;
  if (c.sellerOrgId && String(c.sellerOrgId) === user.orgId) return 'seller';
  if (c.buyerOrgId && String(c.buyerOrgId) === user.orgId) return 'buyer';
  return null;
}

/** A registration official whose region covers the seller's (210000 covers the whole province). */
export const officialFor = (user: AuthUser | null, sellerRegion: string) =>
  !!user?.roles.includes('official') && !!user.officialRegion && (user.officialRegion === LIAONING || user.officialRegion === sellerRegion);

/**
 * One place that says who may do what with a contract. Parties read and act for their own side only;
 * officials of the seller's region read contracts that are signed or beyond (never drafts); admins read.
 */
export function canContract(user: AuthUser | null, action: ContractAction, c: ContractRecord): boolean {
  const side = partySide(user, c);
  switch (action) {
    case 'read':
      return !!side || !!user?.roles.includes('admin') || (officialFor(user, c.sellerRegion) && !['draft', 'signing'].includes(c.status));
    case 'edit':
      return c.signing === 'platform' ? !!side && ['draft', 'signing', 'signed', 'rejected'].includes(c.status) : side === 'seller' && ['signed', 'rejected'].includes(c.status);
    case 'sign':
      return !!side && c.signing === 'platform' && ['draft', 'signing'].includes(c.status);
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
