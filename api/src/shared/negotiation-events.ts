/**
 * Negotiation rooms on the wire: request bodies (zod, shared with the web forms), the DTOs the API
 * presents, and the socket.io event maps both sides are typed by. Pure TS + zod; the web imports it.
 */
import { z } from 'zod';
import type { NegotiationEventDto } from './negotiation-dtos';

const oid = () => z.string().regex(/^[a-f0-9]{24}$/i, 'must be a 24-character hex id');
/** A client-generated id (uuid or similar) that makes a resend idempotent. */
export const clientMessageIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');

/** A message payload over the socket may not exceed this (the 64 KB). */
export const MAX_SOCKET_EVENT_BYTES = 64 * 1024;
/** Characters, not bytes: 8,000 CJK characters are ~24 KB in UTF-8, well under the 64 KB event cap. */
export const MAX_MESSAGE_CHARS = 8_000;
export const MAX_EVENTS_PER_MINUTE = 100;

export const negotiationStatuses = ['open', 'agreed', 'closed'] as const;
export type NegotiationStatus = (typeof negotiationStatuses)[number];
/** What a member opens a room from; `financing` rooms are opened by the financing module when a requester accepts an institution's interest. */
export const openableSubjectKinds = ['achievement', 'need', 'proposal'] as const;
export const subjectKinds = [...openableSubjectKinds, 'financing'] as const;
export type SubjectKind = (typeof subjectKinds)[number];
export const contractCategoryCodes = ['development', 'transfer', 'license', 'consulting', 'service'] as const;
export const exclusivityCodes = ['exclusive', 'sole', 'ordinary', 'none'] as const;
export const paymentPlanKinds = ['lump_sum', 'instalments', 'milestones', 'royalty', 'use_first_pay_later'] as const;
export const offerStatuses = ['open', 'withdrawn', 'expired', 'countered', 'accepted', 'closed'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

const percent = z.number().int().min(1).max(100);
const sumsTo100 = (parts: Array<{ percent: number }>) => parts.reduce((s, p) => s + p.percent, 0) === 100;

export const paymentPlanSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lump_sum'), dueDays: z.number().int().min(0).max(365).default(30) }),
  z.strictObject({
    kind: z.literal('instalments'),
    instalments: z
      .array(z.strictObject({ percent, dueMonths: z.number().int().min(0).max(120) }))
      .min(2)
      .max(24)
      .refine(sumsTo100, 'percentages must add up to 100'),
  }),
  z.strictObject({
    kind: z.literal('milestones'),
    milestones: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(100), percent }))
      .min(1)
      .max(20)
      .refine(sumsTo100, 'percentages must add up to 100'),
  }),
  // Royalty share in basis points of net sales (1 bp = 0.01%), with an up-front fee in amountFen.
  z.strictObject({
    kind: z.literal('royalty'),
    royaltyBp: z.number().int().min(1).max(5_000),
    years: z.number().int().min(1).max(20),
  }),
  z.strictObject({ kind: z.literal('use_first_pay_later'), trialMonths: z.number().int().min(1).max(36) }),
]);
export type PaymentPlan = z.infer<typeof paymentPlanSchema>;

export const offerTermsSchema = z.strictObject({
  /** 分; at most 100亿元. */
  amountFen: z.number().int().min(1).max(1_000_000_000_000),
  category: z.enum(contractCategoryCodes),
  paymentPlan: paymentPlanSchema,
  termMonths: z.number().int().min(1).max(240),
  exclusivity: z.enum(exclusivityCodes),
  validUntil: z.iso.datetime({ offset: true }),
  text: z.string().trim().max(4_000).default(''),
});
export type OfferTerms = z.infer<typeof offerTermsSchema>;

export const commissionSchema = z.discriminatedUnion('kind', [
  /** Basis points of the agreed amount: 300 = 3%. */
  z.strictObject({ kind: z.literal('percent'), bp: z.number().int().min(1).max(2_000) }),
  z.strictObject({ kind: z.literal('fixed'), amountFen: z.number().int().min(1).max(100_000_000_000) }),
]);
export type Commission = z.infer<typeof commissionSchema>;

// ---- HTTP bodies ----
export const openNegotiationBody = z.strictObject({
  subject: z.strictObject({ kind: z.enum(openableSubjectKinds), id: oid() }),
  /** The first message, optional. */
  message: z.string().trim().min(1).max(MAX_MESSAGE_CHARS).optional(),
});
export type OpenNegotiationBody = z.infer<typeof openNegotiationBody>;

export const messageBody = z
  .strictObject({
    clientMessageId: clientMessageIdSchema,
    text: z.string().trim().max(MAX_MESSAGE_CHARS).default(''),
    attachmentIds: z.array(oid()).max(10).default([]),
  })
  .refine((m) => m.text.length > 0 || m.attachmentIds.length > 0, {
    message: 'a message needs text or an attachment',
    path: ['text'],
  });
export type MessageBody = z.input<typeof messageBody>;

export const offerBody = z.strictObject({
  clientMessageId: clientMessageIdSchema,
  /** The other side's open offer this one counters (closes it); omitted for a first offer. */
  counterTo: oid().optional(),
  terms: offerTermsSchema,
});
export type OfferBody = z.input<typeof offerBody>;

export const inviteBrokerBody = z.strictObject({ brokerId: oid(), note: z.string().trim().max(500).optional() });
export const brokerDecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('accept'), commission: commissionSchema }),
  z.strictObject({ decision: z.literal('decline'), reason: z.string().trim().max(500).optional() }),
]);
export type BrokerDecisionBody = z.infer<typeof brokerDecisionBody>;
export const withdrawBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const readBody = z.strictObject({ seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const eventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const listNegotiationsQuery = z.strictObject({
  status: z.enum(negotiationStatuses).optional(),
  role: z.enum(['party', 'broker']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

/** Broker filter of the operators' list: none invited or taking part, invited/assigned and unanswered, taking part. */
export const brokerFilters = ['none', 'pending', 'accepted'] as const;
export type BrokerFilter = (typeof brokerFilters)[number];
/** GET /api/negotiations/admin: rooms of the sub-markets the operator runs, newest activity first. */
export const operatorNegotiationsQuery = z.strictObject({
  status: z.enum(negotiationStatuses).optional(),
  submarket: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, 'a sub-market code')
    .optional(),
  broker: z.enum(brokerFilters).optional(),
  /**
   * Stale: nothing has happened in the room (no message, offer or broker step) for at least this many days.
   * Read from the room's lastEventAt, which the log already keeps: no extra write on the message path.
   */
  staleDays: z.coerce.number().int().min(1).max(365).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type OperatorNegotiationsQuery = z.infer<typeof operatorNegotiationsQuery>;

export * from './negotiation-dtos';

// ---- socket.io ----
export const socketMessage = z.strictObject({
  negotiationId: oid(),
  clientMessageId: clientMessageIdSchema,
  text: z.string().trim().max(MAX_MESSAGE_CHARS).default(''),
  attachmentIds: z.array(oid()).max(10).default([]),
});
export const socketTyping = z.strictObject({ negotiationId: oid() });
export const socketRead = z.strictObject({
  negotiationId: oid(),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const socketSync = z.strictObject({
  negotiationId: oid(),
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export type Ack<T> = (
  res: { ok: true; data: T } | { ok: false; error: { code: string; message: { zh: string; en: string } } },
) => void;

export interface ClientToServerEvents {
  'negotiation:message': (payload: z.input<typeof socketMessage>, ack: Ack<NegotiationEventDto>) => void;
  'negotiation:typing': (payload: z.input<typeof socketTyping>) => void;
  'negotiation:read': (payload: z.input<typeof socketRead>, ack?: Ack<{ seq: number }>) => void;
  'negotiation:sync': (
    payload: z.input<typeof socketSync>,
    ack: Ack<{ events: NegotiationEventDto[]; lastSeq: number }>,
  ) => void;
}

export interface ServerToClientEvents {
  /** New events of one room in seq order: everything one write stored for it (at least one). */
  'negotiation:events': (events: NegotiationEventDto[]) => void;
  'negotiation:typing': (p: { negotiationId: string; user: { id: string; name: string } }) => void;
  'negotiation:presence': (p: { negotiationId: string; userId: string; online: boolean }) => void;
  'negotiation:read': (p: { negotiationId: string; userId: string; seq: number }) => void;
  /** Sent to `user:<id>`: a room the user now takes part in (opened, invited, joined as broker). */
  'negotiation:joined': (p: { negotiationId: string }) => void;
  /** Sent to `user:<id>`: a notice was stored for the user (the bell refreshes its unread count). */
  'notification:new': (p: { key: string; type: string; title: { zh: string; en: string }; link: string }) => void;
  error: (p: { code: string }) => void;
}
