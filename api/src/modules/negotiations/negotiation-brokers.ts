import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { BrokerDecisionBody } from '../../shared/negotiation-events';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationLog } from './negotiation-log';
import type { BrokerEntry, NegotiationModels, NegotiationRecord } from './negotiation.model';
import { brokerNotice } from './negotiation.notices';
import { canNegotiation, sideOf } from './negotiation.policy';
import type { Meta, NegotiationService } from './negotiation.service';
import { nextBroker } from './negotiation.state';

/**
 * Brokers in a room: a party invites a certified broker or an operator assigns one, the broker accepts
 * (stating the commission) or declines; one broker at a time. People come from the users module.
 */
export class NegotiationBrokers {
  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
    private readonly log: NegotiationLog,
    private readonly audit: AuditService,
  ) {}

  /**
   * A party invites a certified broker, or an operator of the room's sub-market assigns one. One broker
   * at a time: a second invitation waits until the first has declined.
   */
  async invite(user: AuthUser, id: string, brokerId: string, meta: Meta): Promise<NegotiationRecord> {
    const n = Types.ObjectId.isValid(id) ? await this.models.Negotiation.findById(id).lean<NegotiationRecord>() : null;
    if (!n || !canNegotiation(user, 'readSummary', n)) throw new AppError('NOT_FOUND');
    const byParty = canNegotiation(user, 'inviteBroker', n);
    if (!byParty && !canNegotiation(user, 'assignBroker', n)) {
      throw new AppError(n.status !== 'open' ? 'INVALID_STATE' : 'FORBIDDEN');
    }
    const broker = Types.ObjectId.isValid(brokerId) ? await this.rooms.peers.users.broker(brokerId) : null;
    if (!broker) {
      throw new AppError('VALIDATION_FAILED', [{ in: 'body', path: 'brokerId', message: 'not a certified broker' }]);
    }
    if (broker.orgId && [String(n.buyerOrgId), String(n.sellerOrgId)].includes(broker.orgId)) {
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'brokerId', message: 'a broker cannot work for one of the parties' },
      ]);
    }
    const status: BrokerEntry['status'] = byParty ? 'invited' : 'assigned';
    const entry = {
      userId: new Types.ObjectId(broker.id),
      name: broker.name,
      certNo: broker.certNo,
      status,
      invitedBy: user.id,
      commission: null,
      at: new Date(),
    };
    const res = await this.models.Negotiation.updateOne(
      { _id: n._id, status: 'open', brokerSlot: null },
      { $push: { brokers: entry }, $set: { brokerSlot: entry.userId } },
    );
    if (res.modifiedCount !== 1)
      throw new AppError('INVALID_STATE', { reason: 'a broker is already invited or taking part' });
    const actorSide =
      sideOf(user, n) === 'buyer' || sideOf(user, n) === 'seller'
        ? (sideOf(user, n) as 'buyer' | 'seller')
        : 'operator';
    await this.audit.record(user, {
      entity: 'negotiation',
      entityId: String(n._id),
      action: byParty ? 'invite_broker' : 'assign_broker',
      to: status,
      ip: meta.ip,
    });
    await this.log.append(
      n,
      {
        type: byParty ? 'broker_invited' : 'broker_assigned',
        actorId: user.id,
        actorName: user.name,
        actorSide,
        broker: { id: broker.id, name: broker.name },
      },
      { requireOpen: true },
    );
    this.log.publisher.notify([broker.id], String(n._id));
    const invited = (await this.models.Negotiation.findById(n._id).lean<NegotiationRecord>())!;
    await this.rooms.notify.notify(brokerNotice(invited, 'invited', broker.name), { userIds: [entry.userId] });
    return invited;
  }

  /** The invited broker accepts (stating the commission, which becomes part of the agreed terms) or declines. */
  async decide(user: AuthUser, id: string, body: BrokerDecisionBody, meta: Meta): Promise<NegotiationRecord> {
    const n = await this.rooms.load(user, id, 'respondBroker');
    const index = n.brokers.findIndex(
      (b) => String(b.userId) === user.id && (b.status === 'invited' || b.status === 'assigned'),
    );
    const current = n.brokers[index];
    const to = nextBroker(current.status, body.decision);
    if (!to) throw new AppError('INVALID_STATE', { status: current.status });
    const at = `brokers.${index}`;
    const res = await this.models.Negotiation.updateOne(
      { _id: n._id, status: 'open', [`${at}.userId`]: current.userId, [`${at}.status`]: current.status },
      {
        $set: {
          [`${at}.status`]: to,
          [`${at}.at`]: new Date(),
          ...(body.decision === 'accept'
            ? { [`${at}.commission`]: body.commission, acceptedBrokerId: current.userId }
            : { brokerSlot: null }),
        },
      },
    );
    if (res.modifiedCount !== 1) throw new AppError('INVALID_STATE', { reason: 'the invitation changed meanwhile' });
    await this.audit.record(user, {
      entity: 'negotiation',
      entityId: String(n._id),
      action: `broker_${body.decision}`,
      from: current.status,
      to,
      ip: meta.ip,
    });
    const commission = body.decision === 'accept' ? body.commission : undefined;
    if (body.decision === 'accept') this.log.publisher.joinUsers(String(n._id), [user.id]);
    await this.log.append(
      n,
      {
        type: body.decision === 'accept' ? 'broker_accepted' : 'broker_declined',
        actorId: user.id,
        actorName: user.name,
        actorSide: 'broker',
        broker: { id: user.id, name: user.name, ...(commission ? { commission } : {}) },
        ...(body.decision === 'decline' && body.reason ? { reason: body.reason } : {}),
      },
      { requireOpen: true },
    );
    if (body.decision === 'accept')
      await this.rooms.notify.notify(brokerNotice(n, 'accepted', user.name), { orgIds: [n.buyerOrgId, n.sellerOrgId] });
    return (await this.models.Negotiation.findById(n._id).lean<NegotiationRecord>())!;
  }

  /** Certified brokers with their agency's name, for the invitation picker. */
  async list() {
    const brokers = await this.rooms.peers.users.brokers();
    const names = await this.rooms.peers.orgs.names(brokers.flatMap((b) => (b.orgId ? [b.orgId] : [])));
    return brokers.map((b) => ({
      id: b.id,
      name: b.name,
      certNo: b.certNo,
      agency: b.orgId ? (names.get(b.orgId) ?? null) : null,
    }));
  }
}
