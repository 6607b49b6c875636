import type {
  BrokerDto,
  DealDto,
  NegotiationDto,
  NegotiationEventDto,
  OfferDto,
  OperatorNegotiationDto,
} from '../../shared/negotiation-events';
import type { DealRecord, NegotiationEventRecord, NegotiationRecord, OfferRecord } from './negotiation.model';

/** Explicit field lists for everything a negotiation room shows (style rule 8). */
export function presentEvent(e: NegotiationEventRecord): NegotiationEventDto {
  return {
    negotiationId: String(e.negotiationId),
    seq: e.seq,
    type: e.type,
    actor: { id: e.actorId, name: e.actorName, side: e.actorSide },
    at: new Date(e.at).toISOString(),
    ...(e.clientMessageId ? { clientMessageId: e.clientMessageId } : {}),
    ...(e.text !== undefined ? { text: e.text } : {}),
    ...(e.attachments?.length
      ? { attachments: e.attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size })) }
      : {}),
    ...(e.offer ? { offer: e.offer } : {}),
    ...(e.status ? { status: e.status } : {}),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.broker ? { broker: e.broker } : {}),
  };
}

export function presentOffer(o: OfferRecord): OfferDto {
  const t = o.terms;
  return {
    id: String(o._id),
    side: o.side,
    status: o.status,
    counterTo: o.counterTo ? String(o.counterTo) : null,
    terms: {
      amountFen: t.amountFen,
      category: t.category,
      paymentPlan: t.paymentPlan,
      termMonths: t.termMonths,
      exclusivity: t.exclusivity,
      validUntil: new Date(o.validUntil).toISOString(),
      text: t.text,
    },
    createdBy: { id: String(o.createdBy), name: o.createdByName },
    createdAt: new Date(o.createdAt).toISOString(),
  };
}

export function presentDeal(d: DealRecord): DealDto {
  const t = d.terms;
  return {
    id: String(d._id),
    negotiationId: String(d.negotiationId),
    offerId: String(d.offerId),
    buyerOrgId: String(d.buyerOrgId),
    sellerOrgId: String(d.sellerOrgId),
    terms: {
      amountFen: t.amountFen,
      category: t.category,
      paymentPlan: t.paymentPlan,
      termMonths: t.termMonths,
      exclusivity: t.exclusivity,
      validUntil: new Date(t.validUntil).toISOString(),
      text: t.text,
    },
    broker: d.broker
      ? { id: d.broker.id, name: d.broker.name, commission: d.broker.commission, commissionFen: d.broker.commissionFen }
      : null,
    agreedAt: new Date(d.agreedAt).toISOString(),
    contractId: d.contractId ? String(d.contractId) : null,
  };
}

const presentBroker = (b: NegotiationRecord['brokers'][number]): BrokerDto => ({
  id: String(b.userId),
  name: b.name,
  certNo: b.certNo ?? null,
  status: b.status,
  commission: b.commission ?? null,
  invitedBy: b.invitedBy,
});

export function presentNegotiation(
  n: NegotiationRecord,
  extra: { orgNames: Map<string, string>; mySide: NegotiationDto['mySide']; unread: number; deal: DealRecord | null },
): NegotiationDto {
  const org = (id: unknown) => ({ orgId: String(id), name: extra.orgNames.get(String(id)) ?? '' });
  return {
    id: String(n._id),
    title: n.subject.title,
    subject: { kind: n.subject.kind, id: String(n.subject.id) },
    buyer: org(n.buyerOrgId),
    seller: org(n.sellerOrgId),
    status: n.status,
    closeReason: n.closeReason ?? null,
    mySide: extra.mySide,
    brokers: n.brokers.map(presentBroker),
    lastSeq: n.seq,
    unread: extra.unread,
    lastEventAt: new Date(n.lastEventAt).toISOString(),
    expiresAt: new Date(n.expiresAt).toISOString(),
    createdAt: new Date(n.createdAt).toISOString(),
    deal: extra.deal ? presentDeal(extra.deal) : null,
  };
}

/** A row of the operators' list: the room's metadata, by an explicit field list without any text or terms. */
export function presentOperatorRow(n: NegotiationRecord, orgNames: Map<string, string>): OperatorNegotiationDto {
  const org = (id: unknown) => ({ orgId: String(id), name: orgNames.get(String(id)) ?? '' });
  return {
    id: String(n._id),
    title: n.subject.title,
    subject: { kind: n.subject.kind, id: String(n.subject.id) },
    submarketCode: n.submarketCode,
    buyer: org(n.buyerOrgId),
    seller: org(n.sellerOrgId),
    status: n.status,
    closeReason: n.closeReason ?? null,
    brokers: n.brokers.map(presentBroker),
    lastSeq: n.seq,
    lastEventAt: new Date(n.lastEventAt).toISOString(),
    expiresAt: new Date(n.expiresAt).toISOString(),
    createdAt: new Date(n.createdAt).toISOString(),
  };
}
