import type { HolderFiguresDto } from './payment-schemas';
import type { Commission, NegotiationStatus, OfferStatus, OfferTerms, SubjectKind } from './negotiation-events';

// ---- DTOs ----
export type EventType =
  | 'opened'
  | 'message'
  | 'offer_made'
  | 'offer_withdrawn'
  | 'offer_expired'
  | 'offer_accepted'
  | 'broker_invited'
  | 'broker_assigned'
  | 'broker_accepted'
  | 'broker_declined'
  | 'status_changed';

export interface AttachmentRefDto {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

export interface NegotiationEventDto {
  negotiationId: string;
  /** Per negotiation, strictly increasing; the client's resync cursor. Gaps are possible, order is not. */
  seq: number;
  type: EventType;
  actor: { id: string; name: string; side: 'buyer' | 'seller' | 'broker' | 'operator' | 'system' };
  at: string;
  clientMessageId?: string;
  text?: string;
  attachments?: AttachmentRefDto[];
  offer?: OfferDto;
  status?: NegotiationStatus;
  reason?: string;
  broker?: { id: string; name: string; commission?: Commission };
}

export interface OfferDto {
  id: string;
  side: 'buyer' | 'seller';
  status: OfferStatus;
  counterTo: string | null;
  terms: Omit<OfferTerms, 'validUntil'> & { validUntil: string };
  createdBy: { id: string; name: string };
  createdAt: string;
}

export interface BrokerDto {
  id: string;
  name: string;
  certNo: string | null;
  status: 'invited' | 'assigned' | 'accepted' | 'declined';
  commission: Commission | null;
  invitedBy: string;
}

export interface DealDto {
  id: string;
  negotiationId: string;
  offerId: string;
  buyerOrgId: string;
  sellerOrgId: string;
  terms: OfferDto['terms'];
  broker: { id: string; name: string; commission: Commission; commissionFen: number } | null;
  agreedAt: string;
  /** The draft contract made when the offer was accepted. */
  contractId: string | null;
}

/** GET /api/negotiations/commissions: the broker's deals and, from the ledger, what the commission earned. */
export interface BrokerCommissionsDto {
  /** Each deal with the commission agreed (`broker.commissionFen`) and what its contract's payments credited. */
  items: Array<DealDto & { earnedFen: number }>;
  /** Commission earned per the ledger: the commission statement's figure (figures.earnedFen). */
  totalFen: number;
  /** Commission agreed on the deals (not yet earned until the buyer pays). */
  agreedFen: number;
  figures: HolderFiguresDto;
}

export interface NegotiationDto {
  id: string;
  title: string;
  subject: { kind: SubjectKind; id: string };
  buyer: { orgId: string; name: string };
  seller: { orgId: string; name: string };
  status: NegotiationStatus;
  closeReason: 'withdrawn' | 'expired' | null;
  mySide: 'buyer' | 'seller' | 'broker' | 'operator';
  brokers: BrokerDto[];
  lastSeq: number;
  unread: number;
  lastEventAt: string;
  expiresAt: string;
  createdAt: string;
  deal: DealDto | null;
}

/**
 * A room as operators see it in their list: who, where, state, broker and when — metadata only. No message,
 * offer or deal terms: operators see those only where the room's own summary shows them (GET /:id).
 */
export interface OperatorNegotiationDto {
  id: string;
  title: string;
  subject: { kind: SubjectKind; id: string };
  submarketCode: string;
  buyer: { orgId: string; name: string };
  seller: { orgId: string; name: string };
  status: NegotiationStatus;
  closeReason: 'withdrawn' | 'expired' | null;
  brokers: BrokerDto[];
  /** The room log's last seq: roughly how much has happened (messages, offers, broker steps, state changes). */
  lastSeq: number;
  /** The last message, offer, broker step or state change (the room's last activity). */
  lastEventAt: string;
  expiresAt: string;
  createdAt: string;
}

export interface ParticipantDto {
  id: string;
  name: string;
  side: 'buyer' | 'seller' | 'broker';
  online: boolean;
  readSeq: number;
}
