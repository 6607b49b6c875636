import { Schema, type Connection, type Types } from 'mongoose';
import type {
  AttachmentRefDto,
  Commission,
  EventType,
  OfferDto,
  NegotiationStatus,
  OfferStatus,
  OfferTerms,
  SubjectKind,
} from '../../shared/negotiation-events';

/**
 * A negotiation room between a buyer and a seller organisation, with brokers. `seq` is the last sequence
 * number handed out to an event of this room (incremented with $inc). `openKey` makes opening idempotent:
 * it is `<kind>:<subject>:<buyer>:<seller>` while the room is open and `done:<id>` afterwards, under a
 * unique index (FerretDB v1 has no partial indexes, so the key is always set).
 */
export const negotiationSchema = new Schema(
  {
    subject: {
      kind: { type: String, required: true },
      id: { type: Schema.Types.ObjectId, required: true },
      title: { type: String, required: true },
    },
    buyerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    sellerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    submarketCode: { type: String, required: true },
    openedBy: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, required: true, default: 'open', index: true },
    closeReason: { type: String, default: null },
    openKey: { type: String, required: true, unique: true },
    brokers: [
      {
        _id: false,
        userId: { type: Schema.Types.ObjectId, required: true },
        name: { type: String, required: true },
        certNo: { type: String, default: null },
        status: { type: String, required: true },
        invitedBy: { type: String, required: true },
        commission: { type: Schema.Types.Mixed, default: null },
        at: { type: Date, required: true },
      },
    ],
    /**
     * One broker at a time: the one invited, assigned or taking part (null when none or after a decline),
     * and the one who accepted. Scalars because FerretDB v1 cannot $elemMatch into `brokers`.
     */
    brokerSlot: { type: Schema.Types.ObjectId, default: null, index: true },
    acceptedBrokerId: { type: Schema.Types.ObjectId, default: null, index: true },
    seq: { type: Number, default: 0 },
    lastEventAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
    agreedOfferId: { type: Schema.Types.ObjectId, default: null },
    seedKey: { type: String, index: true },
  },
  { timestamps: true, collection: 'negotiations', minimize: false },
);

export interface BrokerEntry {
  userId: Types.ObjectId;
  name: string;
  certNo: string | null;
  status: 'invited' | 'assigned' | 'accepted' | 'declined';
  invitedBy: string;
  commission: Commission | null;
  at: Date;
}

export interface NegotiationRecord {
  _id: Types.ObjectId;
  subject: { kind: SubjectKind; id: Types.ObjectId; title: string };
  buyerOrgId: Types.ObjectId;
  sellerOrgId: Types.ObjectId;
  submarketCode: string;
  openedBy: Types.ObjectId;
  status: NegotiationStatus;
  closeReason: 'withdrawn' | 'expired' | null;
  openKey: string;
  brokers: BrokerEntry[];
  brokerSlot: Types.ObjectId | null;
  acceptedBrokerId: Types.ObjectId | null;
  seq: number;
  lastEventAt: Date;
  expiresAt: Date;
  agreedOfferId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The room's log: every message, offer, broker step and state change, append-only, numbered by `seq`.
 * A client-sent event's `_id` is derived from (room, sender, clientMessageId), so a resend collides on
 * `_id` and is stored once; server-made events get a fresh ObjectId. Kept lean (no empty fields, two
 * indexes): on the embedded FerretDB every field and index is paid on each of the many inserts.
 */
export const negotiationEventSchema = new Schema(
  {
    negotiationId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    type: { type: String, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    actorSide: { type: String, required: true },
    clientMessageId: { type: String },
    text: { type: String },
    /** Snapshots taken when the event happened: the log is history and never changes. */
    attachments: { type: Schema.Types.Mixed },
    offerId: { type: Schema.Types.ObjectId },
    offer: { type: Schema.Types.Mixed },
    status: { type: String },
    reason: { type: String },
    broker: { type: Schema.Types.Mixed },
    at: { type: Date, required: true },
  },
  { collection: 'negotiation_events', versionKey: false },
);
negotiationEventSchema.index({ negotiationId: 1, seq: 1 }, { unique: true });

export interface NegotiationEventRecord {
  _id: Types.ObjectId;
  negotiationId: Types.ObjectId;
  seq: number;
  type: EventType;
  actorId: string;
  actorName: string;
  actorSide: 'buyer' | 'seller' | 'broker' | 'operator' | 'system';
  clientMessageId?: string;
  text?: string;
  attachments?: AttachmentRefDto[];
  offerId?: Types.ObjectId;
  offer?: OfferDto;
  status?: NegotiationStatus;
  reason?: string;
  broker?: { id: string; name: string; commission?: Commission };
  at: Date;
}

/**
 * A structured offer. `slot` enforces "one open offer per side" with a unique index: it is
 * `<negotiation>:<side>` while open and `x:<offerId>` once settled.
 */
export const offerSchema = new Schema(
  {
    negotiationId: { type: Schema.Types.ObjectId, required: true, index: true },
    side: { type: String, required: true },
    orgId: { type: Schema.Types.ObjectId, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    status: { type: String, required: true, default: 'open' },
    slot: { type: String, required: true, unique: true },
    counterTo: { type: Schema.Types.ObjectId, default: null },
    clientKey: { type: String, required: true, unique: true },
    terms: { type: Schema.Types.Mixed, required: true },
    validUntil: { type: Date, required: true, index: true },
  },
  { timestamps: true, collection: 'negotiation_offers', minimize: false },
);

export interface OfferRecord {
  _id: Types.ObjectId;
  negotiationId: Types.ObjectId;
  side: 'buyer' | 'seller';
  orgId: Types.ObjectId;
  createdBy: Types.ObjectId;
  createdByName: string;
  status: OfferStatus;
  slot: string;
  counterTo: Types.ObjectId | null;
  clientKey: string;
  terms: OfferTerms;
  validUntil: Date;
  createdAt: Date;
}

/** The agreed terms, one per negotiation (unique); a later contracts issue turns it into a 技术合同. */
export const dealSchema = new Schema(
  {
    negotiationId: { type: Schema.Types.ObjectId, required: true, unique: true },
    offerId: { type: Schema.Types.ObjectId, required: true },
    buyerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    sellerOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    terms: { type: Schema.Types.Mixed, required: true },
    broker: { type: Schema.Types.Mixed, default: null },
    agreedBy: { type: Schema.Types.ObjectId, required: true },
    agreedAt: { type: Date, required: true },
    /** The draft contract made from this deal on acceptance (set once it exists). */
    contractId: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true, collection: 'deals', minimize: false },
);
dealSchema.index({ 'broker.id': 1 });

export interface DealRecord {
  _id: Types.ObjectId;
  negotiationId: Types.ObjectId;
  offerId: Types.ObjectId;
  buyerOrgId: Types.ObjectId;
  sellerOrgId: Types.ObjectId;
  terms: OfferTerms;
  broker: { id: string; name: string; commission: Commission; commissionFen: number } | null;
  agreedBy: Types.ObjectId;
  agreedAt: Date;
  contractId?: Types.ObjectId | null;
}

/** Per user and room: the highest seq the user has read (read receipts and unread counts). */
export const negotiationReadSchema = new Schema(
  {
    negotiationId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
  },
  { collection: 'negotiation_reads', versionKey: false },
);
negotiationReadSchema.index({ negotiationId: 1, userId: 1 }, { unique: true });
negotiationReadSchema.index({ userId: 1 });

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerNegotiationModels(conn: Connection) {
  return {
    Negotiation: conn.model('Negotiation', negotiationSchema),
    NegotiationEvent: conn.model('NegotiationEvent', negotiationEventSchema),
    NegotiationOffer: conn.model('NegotiationOffer', offerSchema),
    NegotiationRead: conn.model('NegotiationRead', negotiationReadSchema),
    Deal: conn.model('Deal', dealSchema),
  };
}
export type NegotiationModels = ReturnType<typeof registerNegotiationModels>;
