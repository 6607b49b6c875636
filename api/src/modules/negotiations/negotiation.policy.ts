import type { AuthUser } from '../auth/auth.types';
import { operatesFor } from '../listings/listing.policy';
import type { NegotiationRecord } from './negotiation.model';

export type Side = 'buyer' | 'seller' | 'broker';
export type NegotiationAction =
  | 'readSummary'
  | 'listAsStaff'
  | 'readRoom'
  | 'write'
  | 'offer'
  | 'inviteBroker'
  | 'assignBroker'
  | 'respondBroker'
  | 'withdraw';

/** The party a user speaks for in this room, or null: an organisation member, or a broker who accepted. */
export function sideOf(user: AuthUser | null, n: NegotiationRecord): Side | null {
  if (!user) return null;
  if (user.orgId && user.orgId === String(n.buyerOrgId)) return 'buyer';
  if (user.orgId && user.orgId === String(n.sellerOrgId)) return 'seller';
  if (n.brokers.some((b) => String(b.userId) === user.id && b.status === 'accepted')) return 'broker';
  return null;
}

export const pendingBroker = (user: AuthUser | null, n: NegotiationRecord) =>
  !!user && n.brokers.some((b) => String(b.userId) === user.id && (b.status === 'invited' || b.status === 'assigned'));

const staffFor = (user: AuthUser | null, n: NegotiationRecord) =>
  !!user?.roles.includes('admin') || operatesFor(user, n.submarketCode);

/**
 * The sub-markets whose rooms a user may list as staff (GET /api/negotiations/admin): every one for admins
 * and hub operators, their own for a sub-market operator, none (null) for anyone else. A room in scope is
 * exactly a room `staffFor` lets the user read the summary of; the list shows that summary's metadata only.
 */
export function staffScope(user: AuthUser | null): 'all' | string[] | null {
  if (!user) return null;
  if (user.roles.includes('admin') || operatesFor(user, 'HUB')) return 'all';
  const own = user.operatorSubmarkets.filter((code) => operatesFor(user, code));
  return own.length > 0 ? own : null;
}

/**
 * One place that says who may do what in a negotiation room. Officials have no business here (404).
 * Operators of the room's sub-market (and admins) see the summary to assign a broker, never the messages.
 * A broker who was invited sees the summary until they accept.
 */
export function canNegotiation(user: AuthUser | null, action: NegotiationAction, n: NegotiationRecord): boolean {
  const side = sideOf(user, n);
  switch (action) {
    case 'readSummary':
      return !!side || pendingBroker(user, n) || staffFor(user, n);
    case 'listAsStaff':
      return staffFor(user, n);
    case 'readRoom':
      return !!side;
    case 'write':
      return !!side && n.status === 'open';
    case 'offer':
      // A financing room is for questions: its terms are recorded as the institution's outcome, not as offers.
      return (side === 'buyer' || side === 'seller') && n.status === 'open' && n.subject.kind !== 'financing';
    case 'inviteBroker':
    case 'withdraw':
      return (side === 'buyer' || side === 'seller') && n.status === 'open';
    case 'assignBroker':
      return staffFor(user, n) && n.status === 'open';
    case 'respondBroker':
      return pendingBroker(user, n) && n.status === 'open';
  }
}

/** Whether a refused action should look like a missing record (404) rather than a forbidden one (403). */
export function hidden(user: AuthUser | null, n: NegotiationRecord): boolean {
  return !canNegotiation(user, 'readSummary', n);
}
