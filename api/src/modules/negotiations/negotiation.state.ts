import type { NegotiationStatus, OfferStatus } from '../../shared/negotiation-events';
import type { BrokerEntry } from './negotiation.model';

/**
 * Every state machine of a negotiation room in one place (style rule 14). A transition missing from a
 * table is refused with INVALID_STATE; the services apply a transition with the `from` state in the update
 * filter, so two racing requests cannot both move the same record.
 */
export type NegotiationAction = 'agree' | 'withdraw' | 'expire';
export const negotiationTransitions: Record<
  NegotiationStatus,
  Partial<Record<NegotiationAction, NegotiationStatus>>
> = {
  open: { agree: 'agreed', withdraw: 'closed', expire: 'closed' },
  agreed: {},
  closed: {},
};

/** `close` settles the other open offers once the room is agreed or closed. */
export type OfferAction = 'withdraw' | 'expire' | 'counter' | 'accept' | 'close';
export const offerTransitions: Record<OfferStatus, Partial<Record<OfferAction, OfferStatus>>> = {
  open: { withdraw: 'withdrawn', expire: 'expired', counter: 'countered', accept: 'accepted', close: 'closed' },
  withdrawn: {},
  expired: {},
  countered: {},
  accepted: {},
  closed: {},
};

export type BrokerAction = 'accept' | 'decline';
export const brokerTransitions: Record<BrokerEntry['status'], Partial<Record<BrokerAction, BrokerEntry['status']>>> = {
  invited: { accept: 'accepted', decline: 'declined' },
  assigned: { accept: 'accepted', decline: 'declined' },
  accepted: {},
  declined: {},
};

export function nextNegotiation(from: NegotiationStatus, action: NegotiationAction): NegotiationStatus | null {
  return negotiationTransitions[from][action] ?? null;
}
export function nextOffer(from: OfferStatus, action: OfferAction): OfferStatus | null {
  return offerTransitions[from][action] ?? null;
}
export function nextBroker(from: BrokerEntry['status'], action: BrokerAction): BrokerEntry['status'] | null {
  return brokerTransitions[from][action] ?? null;
}
