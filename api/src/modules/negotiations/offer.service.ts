import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { OfferBody, OfferTerms } from '../../shared/negotiation-events';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { acceptedBroker, offerNotice, otherOrg, ownOrg } from './negotiation.notices';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationLog } from './negotiation-log';
import type { DealRecord, NegotiationModels, NegotiationRecord, OfferRecord } from './negotiation.model';
import { sideOf } from './negotiation.policy';
import { presentOffer } from './negotiation.presenter';
import type { NegotiationService } from './negotiation.service';
import { nextNegotiation, nextOffer } from './negotiation.state';
import { brokerCommissions, ensureDeal, noLedger, type BrokerLedger } from './deal-record';
export { commissionFen } from './deal-record';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
/** An offer must stay open at least a minute and at most 90 days. */
const MIN_VALID_MS = 60_000;
const MAX_VALID_MS = 90 * 86_400_000;

/**
 * Structured offers: counter-offers form a chain (counterTo), each side holds at most one open offer
 * (unique slot), and accepting one agrees the room and records the deal, each step idempotent.
 */
export class OfferService {
  /**
   * Makes the draft contract of a deal (the contracts module's fromDeal, wired in composition/build-context.ts)
   * and answers its id; run by every accept, so a retried accept completes it. Idempotent by the deal.
   */
  draftContract: ((user: AuthUser, deal: DealRecord, meta: { ip?: string }) => Promise<string>) | null = null;
  notify: Notifier = nullNotifier;
  /** The broker's commission as the ledger has it (the payments module's figures; wired in composition/). */
  brokerLedger: BrokerLedger = noLedger;

  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
    private readonly log: NegotiationLog,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, id: string) {
    const n = await this.rooms.load(user, id, 'readRoom');
    const rows = await this.models.NegotiationOffer.find({ negotiationId: n._id })
      .sort({ createdAt: 1, _id: 1 })
      .limit(500)
      .lean<OfferRecord[]>();
    return rows.map(presentOffer);
  }

  async make(
    user: AuthUser,
    id: string,
    body: OfferBody & { terms: OfferTerms },
    meta: { ip?: string },
  ): Promise<{ offer: OfferRecord; created: boolean }> {
    const n = await this.rooms.load(user, id, 'offer');
    const side = sideOf(user, n) as 'buyer' | 'seller';
    const clientKey = `${n._id}:${user.id}:${body.clientMessageId}`;
    const resent = await this.models.NegotiationOffer.findOne({ clientKey }).lean<OfferRecord>();
    if (resent) return { offer: resent, created: false };
    const validUntil = new Date(body.terms.validUntil);
    const ahead = validUntil.getTime() - Date.now();
    if (ahead < MIN_VALID_MS || ahead > MAX_VALID_MS) {
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'terms.validUntil', message: 'must be between one minute and 90 days ahead' },
      ]);
    }
    let parent: OfferRecord | null = null;
    if (body.counterTo) {
      parent = await this.models.NegotiationOffer.findOne({
        _id: body.counterTo,
        negotiationId: n._id,
      }).lean<OfferRecord>();
      if (!parent) throw new AppError('NOT_FOUND');
      if (parent.side === side || parent.status !== 'open')
        throw new AppError('INVALID_STATE', { reason: "a counter-offer answers the other side's open offer" });
    }
    const _id = new Types.ObjectId();
    let offer: OfferRecord;
    try {
      const doc = await this.models.NegotiationOffer.create({
        _id,
        negotiationId: n._id,
        side,
        orgId: side === 'buyer' ? n.buyerOrgId : n.sellerOrgId,
        createdBy: new Types.ObjectId(user.id),
        createdByName: user.name,
        status: 'open',
        slot: `${n._id}:${side}`,
        counterTo: parent?._id ?? null,
        clientKey,
        terms: { ...body.terms, validUntil },
        validUntil,
      });
      offer = doc.toObject() as OfferRecord;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // Either unique key: a concurrent resend of this offer, or this side's open-offer slot is taken.
      const raced = await this.models.NegotiationOffer.findOne({ clientKey }).lean<OfferRecord>();
      if (raced) return { offer: raced, created: false };
      throw new AppError('INVALID_STATE', { reason: 'your side already has an open offer: withdraw it first' });
    }
    if (parent) await this.settle(parent, 'counter');
    try {
      await this.log.append(
        n,
        {
          type: 'offer_made',
          actorId: user.id,
          actorName: user.name,
          actorSide: side,
          offerId: offer._id,
          offer: presentOffer(offer),
        },
        { requireOpen: true, clientMessageId: body.clientMessageId },
      );
    } catch (err) {
      await this.settle(offer, 'close');
      throw err;
    }
    await this.audit.record(user, {
      entity: 'negotiation_offer',
      entityId: String(offer._id),
      action: parent ? 'counter' : 'offer',
      to: 'open',
      ip: meta.ip,
    });
    await this.notify.notify(offerNotice(n, offer, parent ? 'countered' : 'made'), {
      orgIds: [otherOrg(n, side)],
      userIds: [acceptedBroker(n)],
    });
    return { offer, created: true };
  }

  /** Moves an open offer on by the table, freeing its side's slot; false when it was no longer open. */
  private async settle(
    o: Pick<OfferRecord, '_id'>,
    action: 'counter' | 'withdraw' | 'expire' | 'accept' | 'close',
  ): Promise<boolean> {
    const to = nextOffer('open', action)!;
    const res = await this.models.NegotiationOffer.updateOne(
      { _id: o._id, status: 'open' },
      { $set: { status: to, slot: `x:${o._id}` } },
    );
    return res.modifiedCount === 1;
  }

  async withdraw(user: AuthUser, id: string, offerId: string, meta: { ip?: string }): Promise<OfferRecord> {
    const n = await this.rooms.load(user, id, 'offer');
    const offer = await this.models.NegotiationOffer.findOne({
      _id: offerId,
      negotiationId: n._id,
    }).lean<OfferRecord>();
    if (!offer) throw new AppError('NOT_FOUND');
    if (offer.side !== sideOf(user, n)) throw new AppError('FORBIDDEN', { reason: 'only the offering side withdraws' });
    if (!nextOffer(offer.status, 'withdraw') || !(await this.settle(offer, 'withdraw')))
      throw new AppError('INVALID_STATE', { status: offer.status });
    const updated = (await this.models.NegotiationOffer.findById(offer._id).lean<OfferRecord>())!;
    await this.audit.record(user, {
      entity: 'negotiation_offer',
      entityId: offerId,
      action: 'withdraw',
      from: 'open',
      to: 'withdrawn',
      ip: meta.ip,
    });
    await this.log.append(
      n,
      {
        type: 'offer_withdrawn',
        actorId: user.id,
        actorName: user.name,
        actorSide: offer.side,
        offerId: offer._id,
        offer: presentOffer(updated),
      },
      { requireOpen: true },
    );
    await this.notify.notify(offerNotice(n, updated, 'withdrawn'), { orgIds: [otherOrg(n, offer.side)] });
    return updated;
  }

  /**
   * The other side accepts an open, unexpired offer: the room goes open → agreed (guarded), the offer is
   * marked accepted, the deal is stored (unique per room) and the other open offers are closed. A retry
   * after a crash finds the room agreed on this offer and completes the remaining steps.
   */
  async accept(user: AuthUser, id: string, offerId: string, meta: { ip?: string }): Promise<DealRecord> {
    const n0 = await this.rooms.load(user, id, 'readRoom');
    const offer = await this.models.NegotiationOffer.findOne({
      _id: offerId,
      negotiationId: n0._id,
    }).lean<OfferRecord>();
    if (!offer) throw new AppError('NOT_FOUND');
    const side = sideOf(user, n0);
    if (side !== 'buyer' && side !== 'seller')
      throw new AppError('FORBIDDEN', { reason: 'only a party accepts an offer' });
    if (offer.side === side) throw new AppError('FORBIDDEN', { reason: 'an offer is accepted by the other side' });
    if (n0.status === 'agreed' && String(n0.agreedOfferId) === offerId) return this.finish(user, n0, offer, meta);
    const to = nextNegotiation(n0.status, 'agree');
    if (!to || offer.status !== 'open') throw new AppError('INVALID_STATE', { status: n0.status, offer: offer.status });
    if (offer.validUntil.getTime() <= Date.now()) {
      await this.expireOne(offer);
      throw new AppError('INVALID_STATE', { offer: 'expired' });
    }
    const agreed = await this.models.Negotiation.findOneAndUpdate(
      { _id: n0._id, status: 'open' },
      { $set: { status: to, agreedOfferId: offer._id, openKey: `done:${n0._id}` } },
      { new: true },
    ).lean<NegotiationRecord>();
    if (!agreed) {
      // A concurrent accept of the same offer won the race: answer with the same deal.
      const now = await this.models.Negotiation.findById(n0._id).lean<NegotiationRecord>();
      if (now?.status === 'agreed' && String(now.agreedOfferId) === offerId) return this.finish(user, now, offer, meta);
      throw new AppError('INVALID_STATE', { reason: 'the negotiation is no longer open' });
    }
    await this.audit.record(user, {
      entity: 'negotiation',
      entityId: id,
      action: 'agree',
      from: 'open',
      to,
      ip: meta.ip,
    });
    return this.finish(user, agreed, offer, meta);
  }

  private async finish(
    user: AuthUser,
    n: NegotiationRecord,
    offer: OfferRecord,
    meta: { ip?: string },
  ): Promise<DealRecord> {
    const accepted = await this.settle(offer, 'accept');
    if (accepted)
      await this.audit.record(user, {
        entity: 'negotiation_offer',
        entityId: String(offer._id),
        action: 'accept',
        from: 'open',
        to: 'accepted',
        ip: meta.ip,
      });
    let deal = await ensureDeal(this.models.Deal, user, n, offer);
    if (!deal.contractId && this.draftContract) {
      const contractId = new Types.ObjectId(await this.draftContract(user, deal, meta));
      await this.models.Deal.updateOne({ _id: deal._id }, { $set: { contractId } });
      deal = { ...deal, contractId };
    }
    await this.rooms.closing.closeOffersOneByOne(n._id);
    if (accepted) {
      const current = (await this.models.NegotiationOffer.findById(offer._id).lean<OfferRecord>())!;
      const actor = { actorId: user.id, actorName: user.name, actorSide: sideOf(user, n)! };
      await this.log.append(
        n,
        { type: 'offer_accepted', ...actor, offerId: offer._id, offer: presentOffer(current) },
        { requireOpen: false },
      );
      await this.log.append(n, { type: 'status_changed', ...actor, status: 'agreed' }, { requireOpen: false });
      await this.notify.notify(offerNotice(n, current, 'accepted'), {
        orgIds: [ownOrg(n, offer.side)],
        userIds: [acceptedBroker(n)],
      });
    }
    return deal;
  }

  private async expireOne(offer: OfferRecord): Promise<void> {
    if (!(await this.settle(offer, 'expire'))) return;
    const current = (await this.models.NegotiationOffer.findById(offer._id).lean<OfferRecord>())!;
    await this.log.append(
      { _id: offer.negotiationId },
      {
        type: 'offer_expired',
        actorId: 'system',
        actorName: '系统',
        actorSide: 'system',
        offerId: offer._id,
        offer: presentOffer(current),
      },
      { requireOpen: false },
    );
  }

  /** Offers past their validity deadline expire; run by a timer and callable from tests. */
  async expireDue(now = new Date()): Promise<number> {
    const due = await this.models.NegotiationOffer.find({ status: 'open', validUntil: { $lt: now } })
      .limit(500)
      .lean<OfferRecord[]>();
    for (const o of due) await this.expireOne(o);
    return due.length;
  }

  /** Deals a broker took part in, with the commission agreed and what the ledger credited (deal-record.ts). */
  commissions(user: AuthUser) {
    return brokerCommissions(this.models.Deal, this.brokerLedger, user.id);
  }
}
