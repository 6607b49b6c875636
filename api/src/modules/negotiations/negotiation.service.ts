import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { NegotiationDto, OpenNegotiationBody, ParticipantDto } from '../../shared/negotiation-events';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationLog } from './negotiation-log';
import type { DealRecord, NegotiationModels, NegotiationRecord } from './negotiation.model';
import { NegotiationBrokers } from './negotiation-brokers';
import { NegotiationClosing } from './negotiation-closing';
import { OperatorNegotiationList } from './operator-list.service';
import { NegotiationOpening } from './negotiation-opening';
import type { NegotiationPeers } from './negotiation.peers';
import { canNegotiation, pendingBroker, sideOf, type NegotiationAction } from './negotiation.policy';
import { readCursors, unreadCount } from './negotiation-reads';
import { presentNegotiation } from './negotiation.presenter';

export interface Meta {
  ip?: string;
}

/**
 * Rooms: opening (negotiation-opening.ts), reading, withdrawal and expiry. Brokers are in
 * negotiation-brokers.ts, offers and the deal in offer.service.ts. Reads only the module's own collections;
 * the rest comes through `peers`.
 */
export class NegotiationService {
  notify: Notifier = nullNotifier;
  /** Inviting, assigning and answering brokers, and the list of certified brokers. */
  readonly brokers: NegotiationBrokers;
  /** Withdrawal by a party, expiry of idle rooms, and settling a closed room's open offers. */
  readonly closing: NegotiationClosing;
  /** The operators' list of the rooms of their sub-markets. */
  readonly staffList: OperatorNegotiationList;
  /** Opening rooms (negotiation-opening.ts). */
  private readonly opening: NegotiationOpening;

  constructor(
    private readonly models: NegotiationModels,
    readonly log: NegotiationLog,
    private readonly audit: AuditService,
    private readonly idleMs: number,
    readonly peers: NegotiationPeers,
  ) {
    this.brokers = new NegotiationBrokers(models, this, log, audit);
    this.closing = new NegotiationClosing(models, this, log, audit);
    this.staffList = new OperatorNegotiationList(models, this);
    this.opening = new NegotiationOpening(models, this, audit, idleMs);
  }

  /**
   * A verified organisation opens a room from a published achievement (it buys), a published need (it
   * sells) or a winning challenge proposal (either side). Opening twice returns the open room.
   */
  open(
    user: AuthUser,
    body: OpenNegotiationBody,
    meta: Meta,
  ): Promise<{ negotiation: NegotiationRecord; created: boolean }> {
    return this.opening.open(user, body, meta);
  }

  /**
   * A room between a financing requester (the buyer side) and an institution (the seller side), opened by
   * the financing module when the requester accepts the institution's interest: for questions and files;
   * offers, deals and contracts are not made in it (negotiation.policy.ts). Returns the room's id.
   */
  openFinancingRoom(
    user: AuthUser,
    room: Parameters<NegotiationOpening['openFinancingRoom']>[1],
    message: string,
    meta: Meta,
  ): Promise<string> {
    return this.opening.openFinancingRoom(user, room, message, meta);
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
    const members = await this.peers.users.memberIds([String(n.buyerOrgId), String(n.sellerOrgId)]);
    const brokers = n.brokers.filter((b) => b.status === 'accepted').map((b) => String(b.userId));
    return [...new Set([...members, ...brokers])];
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

  orgNames(rooms: NegotiationRecord[]): Promise<Map<string, string>> {
    return this.peers.orgs.names(rooms.flatMap((n) => [String(n.buyerOrgId), String(n.sellerOrgId)]));
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
    const ids = [...present].filter((x) => Types.ObjectId.isValid(x));
    const members = await this.peers.users.membersAmong(ids, [String(n.buyerOrgId), String(n.sellerOrgId)]);
    const on = new Set(online);
    const rows: ParticipantDto[] = members.map((m) => ({
      id: m.id,
      name: m.name,
      side: m.orgId === String(n.buyerOrgId) ? 'buyer' : 'seller',
      online: on.has(m.id),
      readSeq: reads.get(m.id) ?? 0,
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
}
