import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type {
  BrokerDecisionBody,
  NegotiationDto,
  OpenNegotiationBody,
  ParticipantDto,
} from '../../shared/negotiation-events';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { brokerNotice, openedNotice, otherOrg } from './negotiation.notices';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ListingRecord } from '../listings/listing.model';
import type { ProposalRecord } from '../needs/proposal.model';
import type { UserRecord } from '../users/user.model';
import type { NegotiationLog } from './negotiation-log';
import type { BrokerEntry, DealRecord, NegotiationRecord } from './negotiation.model';
import { canNegotiation, pendingBroker, sideOf, type NegotiationAction } from './negotiation.policy';
import { readCursors, unreadCount } from './negotiation-reads';
import { presentNegotiation } from './negotiation.presenter';
import { nextBroker, nextNegotiation } from './negotiation.state';

interface Meta {
  ip?: string;
}

interface Parties {
  kind: NegotiationRecord['subject']['kind'];
  subjectId: Types.ObjectId;
  title: string;
  buyerOrgId: Types.ObjectId;
  sellerOrgId: Types.ObjectId;
  submarketCode: string;
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const titleOf = (l: ListingRecord) =>
  String((l.live as { title?: string } | null)?.title ?? (l.content as { title?: string }).title ?? '');

/** Rooms: opening, reading, brokers, withdrawal and expiry. Offers and the deal are in offer.service.ts. */
export class NegotiationService {
  notify: Notifier = nullNotifier;

  constructor(
    private readonly models: Models,
    readonly log: NegotiationLog,
    private readonly audit: AuditService,
    private readonly idleMs: number,
  ) {}

  /**
   * A verified organisation opens a room from a published achievement (it buys), a published need (it
   * sells) or a winning challenge proposal (either side). Opening twice returns the open room.
   */
  async open(
    user: AuthUser,
    body: OpenNegotiationBody,
    meta: Meta,
  ): Promise<{ negotiation: NegotiationRecord; created: boolean }> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.models.Org.findById(user.orgId, { verification: 1 }).lean();
    if (org?.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    const p = await this.parties(user, body.subject.kind, body.subject.id);
    return this.create(user, p, body.message, meta);
  }

  /**
   * A room between a financing requester (the buyer side) and an institution (the seller side), opened by
   * the financing module when the requester accepts the institution's interest: for questions and files;
   * offers, deals and contracts are not made in it (negotiation.policy.ts). Returns the room's id.
   */
  async openFinancingRoom(
    user: AuthUser,
    room: {
      interestId: string;
      title: string;
      requesterOrgId: string;
      institutionOrgId: string;
      submarketCode: string;
    },
    message: string,
    meta: Meta,
  ): Promise<string> {
    const p: Parties = {
      kind: 'financing',
      subjectId: new Types.ObjectId(room.interestId),
      title: room.title,
      buyerOrgId: new Types.ObjectId(room.requesterOrgId),
      sellerOrgId: new Types.ObjectId(room.institutionOrgId),
      submarketCode: room.submarketCode,
    };
    return String((await this.create(user, p, message, meta)).negotiation._id);
  }

  private async create(
    user: AuthUser,
    p: Parties,
    message: string | undefined,
    meta: Meta,
  ): Promise<{ negotiation: NegotiationRecord; created: boolean }> {
    const openKey = `${p.kind}:${p.subjectId}:${p.buyerOrgId}:${p.sellerOrgId}`;
    const existing = await this.models.Negotiation.findOne({ openKey }).lean<NegotiationRecord>();
    if (existing) return { negotiation: existing, created: false };
    const now = new Date();
    let created: NegotiationRecord;
    try {
      const doc = await this.models.Negotiation.create({
        subject: { kind: p.kind, id: p.subjectId, title: p.title },
        buyerOrgId: p.buyerOrgId,
        sellerOrgId: p.sellerOrgId,
        submarketCode: p.submarketCode,
        openedBy: new Types.ObjectId(user.id),
        status: 'open',
        openKey,
        brokers: [],
        seq: 0,
        lastEventAt: now,
        expiresAt: new Date(now.getTime() + this.idleMs),
      });
      created = doc.toObject() as NegotiationRecord;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      const raced = await this.models.Negotiation.findOne({ openKey }).lean<NegotiationRecord>();
      if (!raced) throw err;
      return { negotiation: raced, created: false };
    }
    const side = sideOf(user, created)!;
    // Join first: the room's first events must reach sockets that are already connected.
    const members = await this.participantIds(created);
    this.log.publisher.joinUsers(String(created._id), members);
    await this.audit.record(user, {
      entity: 'negotiation',
      entityId: String(created._id),
      action: 'open',
      to: 'open',
      ip: meta.ip,
    });
    await this.log.append(
      created,
      { type: 'opened', actorId: user.id, actorName: user.name, actorSide: side, status: 'open' },
      { requireOpen: true },
    );
    if (message) {
      await this.log.append(
        created,
        { type: 'message', actorId: user.id, actorName: user.name, actorSide: side, text: message },
        { requireOpen: true, clientMessageId: `open-${created._id}` },
      );
    }
    this.log.publisher.notify(members, String(created._id));
    const opener = await this.models.Org.findById(user.orgId, { name: 1 }).lean();
    await this.notify.notify(openedNotice(created, String(opener?.name ?? '')), {
      orgIds: [otherOrg(created, side as 'buyer' | 'seller')],
    });
    return {
      negotiation: (await this.models.Negotiation.findById(created._id).lean<NegotiationRecord>())!,
      created: true,
    };
  }

  private async parties(user: AuthUser, kind: Parties['kind'], id: string): Promise<Parties> {
    if (kind === 'proposal') {
      const proposal = await this.models.Proposal.findById(id).lean<ProposalRecord>();
      const need = proposal && (await this.models.Need.findById(proposal.needId).lean<ListingRecord>());
      if (!proposal || !need || (user.orgId !== String(need.ownerOrgId) && user.orgId !== String(proposal.orgId)))
        throw new AppError('NOT_FOUND');
      if (proposal.status !== 'winner')
        throw new AppError('INVALID_STATE', { reason: 'only a winning proposal opens a negotiation' });
      return {
        kind,
        subjectId: proposal._id,
        title: titleOf(need),
        buyerOrgId: need.ownerOrgId,
        sellerOrgId: proposal.orgId,
        submarketCode: need.submarketCode,
      };
    }
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    const listing = await model.findById(id).lean<ListingRecord>();
    if (!listing || listing.status !== 'published' || !listing.live) throw new AppError('NOT_FOUND');
    if (String(listing.ownerOrgId) === user.orgId)
      throw new AppError('FORBIDDEN', { reason: 'cannot negotiate with your own organisation' });
    const mine = new Types.ObjectId(user.orgId!);
    return {
      kind,
      subjectId: listing._id,
      title: titleOf(listing),
      buyerOrgId: kind === 'achievement' ? mine : listing.ownerOrgId,
      sellerOrgId: kind === 'achievement' ? listing.ownerOrgId : mine,
      submarketCode: listing.submarketCode,
    };
  }

  /**
   * Loads a room for an action: a room the caller may not see is 404 (the same as a missing one), an action
   * allowed only in another state is 409, anything else refused is 403.
   */
  async load(user: AuthUser, id: string, action: NegotiationAction): Promise<NegotiationRecord> {
    const n = Types.ObjectId.isValid(id) ? await this.models.Negotiation.findById(id).lean<NegotiationRecord>() : null;
    if (!n || !canNegotiation(user, 'readSummary', n)) throw new AppError('NOT_FOUND');
    if (canNegotiation(user, action, n)) return n;
    if (n.status !== 'open' && canNegotiation(user, action, { ...n, status: 'open' }))
      throw new AppError('INVALID_STATE', { status: n.status });
    throw new AppError('FORBIDDEN');
  }

  /** Members of both organisations and accepted brokers: whose sockets join the room. */
  async participantIds(n: NegotiationRecord): Promise<string[]> {
    const members = await this.models.User.find({ orgId: { $in: [n.buyerOrgId, n.sellerOrgId] } }, { _id: 1 })
      .limit(1000)
      .lean();
    const brokers = n.brokers.filter((b) => b.status === 'accepted').map((b) => String(b.userId));
    return [...new Set([...members.map((m) => String(m._id)), ...brokers])];
  }

  /** Rooms the user takes part in, for joining sockets at connect time (never on a client's word). */
  async roomIdsFor(user: AuthUser): Promise<string[]> {
    const or: Record<string, unknown>[] = [{ acceptedBrokerId: new Types.ObjectId(user.id) }];
    if (user.orgId) or.push({ buyerOrgId: user.orgId }, { sellerOrgId: user.orgId });
    const rows = await this.models.Negotiation.find({ $or: or }, { _id: 1 })
      .sort({ lastEventAt: -1 })
      .limit(2000)
      .lean();
    return rows.map((r) => String(r._id));
  }

  /**
   * The room's summary for this user. The agreed terms (the deal) are the participants' only: operators,
   * admins and invited brokers read the metadata, as the operators' list does (issue 17, finding 6).
   */
  async present(user: AuthUser, n: NegotiationRecord, opts: { withDeal?: boolean } = {}): Promise<NegotiationDto> {
    const withDeal = opts.withDeal !== false && n.status === 'agreed' && !!sideOf(user, n);
    const [orgNames, unread, deal] = await Promise.all([
      this.orgNames([n]),
      this.unreadFor(user, n),
      withDeal ? this.models.Deal.findOne({ negotiationId: n._id }).lean<DealRecord>() : null,
    ]);
    return presentNegotiation(n, {
      orgNames,
      unread,
      deal,
      mySide: sideOf(user, n) ?? (pendingBroker(user, n) ? 'broker' : 'operator'),
    });
  }

  private async unreadFor(user: AuthUser, n: NegotiationRecord): Promise<number> {
    if (!sideOf(user, n)) return 0;
    const read = await this.models.NegotiationRead.findOne({
      negotiationId: n._id,
      userId: new Types.ObjectId(user.id),
    }).lean();
    return unreadCount(this.models, n._id, user.id, read?.seq ?? 0);
  }

  async orgNames(rooms: NegotiationRecord[]): Promise<Map<string, string>> {
    const ids = [...new Set(rooms.flatMap((n) => [String(n.buyerOrgId), String(n.sellerOrgId)]))];
    const orgs = await this.models.Org.find({ _id: { $in: ids } }, { name: 1 }).lean();
    return new Map(orgs.map((o) => [String(o._id), o.name]));
  }

  async list(user: AuthUser, q: { status?: string; role?: 'party' | 'broker'; page: number; pageSize: number }) {
    const me = new Types.ObjectId(user.id);
    const or: Record<string, unknown>[] = [];
    if (q.role !== 'broker' && user.orgId) or.push({ buyerOrgId: user.orgId }, { sellerOrgId: user.orgId });
    if (q.role !== 'party') or.push({ brokerSlot: me });
    if (or.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const filter: Record<string, unknown> = { $or: or };
    if (q.status) filter.status = q.status;
    const [rows, total] = await Promise.all([
      this.models.Negotiation.find(filter)
        .sort({ lastEventAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<NegotiationRecord[]>(),
      this.models.Negotiation.countDocuments(filter),
    ]);
    const items = await Promise.all(rows.map((n) => this.present(user, n, { withDeal: true })));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The people actually in the room: whoever opened it, wrote or read in it (and still belongs to one of the
   * two organisations), the viewer, and the brokers taking part — with presence and read cursors. Listing
   * every member of both organisations with their online status told each side who the other employs and
   * when they are on line (issue 17).
   */
  async participants(user: AuthUser, id: string): Promise<ParticipantDto[]> {
    const n = await this.load(user, id, 'readRoom');
    const [actors, online, reads] = await Promise.all([
      this.models.NegotiationEvent.distinct('actorId', { negotiationId: n._id }) as Promise<unknown[]>,
      this.log.publisher.online(String(n._id)),
      readCursors(this.models, n._id),
    ]);
    const present = new Set([String(n.openedBy), user.id, ...actors.map(String), ...reads.keys()]);
    const ids = [...present].filter((x) => Types.ObjectId.isValid(x)).map((x) => new Types.ObjectId(x));
    const members = await this.models.User.find(
      { _id: { $in: ids }, orgId: { $in: [n.buyerOrgId, n.sellerOrgId] } },
      { name: 1, orgId: 1 },
    )
      .limit(200)
      .lean<UserRecord[]>();
    const on = new Set(online);
    const rows: ParticipantDto[] = members.map((m) => ({
      id: String(m._id),
      name: m.name,
      side: String(m.orgId) === String(n.buyerOrgId) ? 'buyer' : 'seller',
      online: on.has(String(m._id)),
      readSeq: reads.get(String(m._id)) ?? 0,
    }));
    for (const b of n.brokers.filter((x) => x.status === 'accepted')) {
      rows.push({
        id: String(b.userId),
        name: b.name,
        side: 'broker',
        online: on.has(String(b.userId)),
        readSeq: reads.get(String(b.userId)) ?? 0,
      });
    }
    return rows;
  }

  async withdraw(user: AuthUser, id: string, reason: string | undefined, meta: Meta): Promise<NegotiationRecord> {
    const n = await this.load(user, id, 'withdraw');
    return this.close(user, n, 'withdraw', sideOf(user, n) as 'buyer' | 'seller', reason, meta);
  }

  /** open → closed (withdrawn or expired), guarded on `status: open`; open offers are settled after. */
  private async close(
    actor: Pick<AuthUser, 'id' | 'name'>,
    n: NegotiationRecord,
    action: 'withdraw' | 'expire',
    side: 'buyer' | 'seller' | 'system',
    reason: string | undefined,
    meta: Meta,
  ) {
    const to = nextNegotiation(n.status, action);
    if (!to) throw new AppError('INVALID_STATE', { status: n.status });
    const closeReason = action === 'withdraw' ? 'withdrawn' : 'expired';
    const updated = await this.models.Negotiation.findOneAndUpdate(
      { _id: n._id, status: 'open' },
      { $set: { status: to, closeReason, openKey: `done:${n._id}` } },
      { new: true },
    ).lean<NegotiationRecord>();
    if (!updated) throw new AppError('INVALID_STATE', { reason: 'the negotiation is no longer open' });
    await this.closeOffersOneByOne(n._id);
    await this.audit.record(actor, {
      entity: 'negotiation',
      entityId: String(n._id),
      action,
      from: n.status,
      to,
      reason,
      ip: meta.ip,
    });
    await this.log.append(
      n,
      {
        type: 'status_changed',
        actorId: actor.id,
        actorName: actor.name,
        actorSide: side,
        status: to,
        reason: reason ?? closeReason,
      },
      { requireOpen: false },
    );
    return updated;
  }

  /** Settles every open offer of a room (slot freed), one guarded update each. */
  async closeOffersOneByOne(negotiationId: Types.ObjectId): Promise<void> {
    const open = await this.models.NegotiationOffer.find({ negotiationId, status: 'open' }, { _id: 1 }).lean();
    for (const o of open) {
      await this.models.NegotiationOffer.updateOne(
        { _id: o._id, status: 'open' },
        { $set: { status: 'closed', slot: `x:${o._id}` } },
      );
    }
  }

  /**
   * A party invites a certified broker, or an operator of the room's sub-market assigns one. One broker
   * at a time: a second invitation waits until the first has declined.
   */
  async addBroker(user: AuthUser, id: string, brokerId: string, meta: Meta): Promise<NegotiationRecord> {
    const n = await this.models.Negotiation.findById(id).lean<NegotiationRecord>();
    if (!n || !canNegotiation(user, 'readSummary', n)) throw new AppError('NOT_FOUND');
    const byParty = canNegotiation(user, 'inviteBroker', n);
    if (!byParty && !canNegotiation(user, 'assignBroker', n)) {
      throw new AppError(n.status !== 'open' ? 'INVALID_STATE' : 'FORBIDDEN');
    }
    const broker = await this.models.User.findById(brokerId).lean<UserRecord>();
    if (!broker || !broker.roles.includes('broker')) {
      throw new AppError('VALIDATION_FAILED', [{ in: 'body', path: 'brokerId', message: 'not a certified broker' }]);
    }
    if (broker.orgId && [String(n.buyerOrgId), String(n.sellerOrgId)].includes(String(broker.orgId))) {
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'brokerId', message: 'a broker cannot work for one of the parties' },
      ]);
    }
    const status: BrokerEntry['status'] = byParty ? 'invited' : 'assigned';
    const entry = {
      userId: broker._id,
      name: broker.name,
      certNo: broker.brokerCertNo ?? null,
      status,
      invitedBy: user.id,
      commission: null,
      at: new Date(),
    };
    const res = await this.models.Negotiation.updateOne(
      { _id: n._id, status: 'open', brokerSlot: null },
      { $push: { brokers: entry }, $set: { brokerSlot: broker._id } },
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
        broker: { id: String(broker._id), name: broker.name },
      },
      { requireOpen: true },
    );
    this.log.publisher.notify([String(broker._id)], String(n._id));
    const invited = (await this.models.Negotiation.findById(n._id).lean<NegotiationRecord>())!;
    await this.notify.notify(brokerNotice(invited, 'invited', broker.name), { userIds: [broker._id] });
    return invited;
  }

  /** The invited broker accepts (stating the commission, which becomes part of the agreed terms) or declines. */
  async brokerDecision(user: AuthUser, id: string, body: BrokerDecisionBody, meta: Meta): Promise<NegotiationRecord> {
    const n = await this.load(user, id, 'respondBroker');
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
      await this.notify.notify(brokerNotice(n, 'accepted', user.name), { orgIds: [n.buyerOrgId, n.sellerOrgId] });
    return (await this.models.Negotiation.findById(n._id).lean<NegotiationRecord>())!;
  }

  /** Closes rooms idle past NEGOTIATION_IDLE_DAYS; run by a timer and callable from tests. */
  async expireIdle(now = new Date()): Promise<number> {
    const due = await this.models.Negotiation.find({ status: 'open', expiresAt: { $lt: now } })
      .limit(500)
      .lean<NegotiationRecord[]>();
    let closed = 0;
    for (const n of due) {
      try {
        await this.close({ id: 'system', name: '系统' }, n, 'expire', 'system', undefined, {});
        closed++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    return closed;
  }

  async brokers() {
    const users = await this.models.User.find({ roles: 'broker' }, { name: 1, brokerCertNo: 1, orgId: 1 })
      .sort({ name: 1 })
      .limit(200)
      .lean<UserRecord[]>();
    const orgs = await this.models.Org.find(
      { _id: { $in: users.map((u) => u.orgId).filter(Boolean) } },
      { name: 1 },
    ).lean();
    const names = new Map(orgs.map((o) => [String(o._id), o.name]));
    return users.map((u) => ({
      id: String(u._id),
      name: u.name,
      certNo: u.brokerCertNo ?? null,
      agency: u.orgId ? (names.get(String(u.orgId)) ?? null) : null,
    }));
  }
}
