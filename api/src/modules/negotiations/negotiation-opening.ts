import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { OpenNegotiationBody } from '../../shared/negotiation-events';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ListingRecord } from '../listings/listing.model';
import type { NegotiationModels, NegotiationRecord } from './negotiation.model';
import { openedNotice, otherOrg } from './negotiation.notices';
import { sideOf } from './negotiation.policy';
import type { Meta, NegotiationService } from './negotiation.service';

/** Who a room is between, and about what. */
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

/**
 * How rooms open: from a listing or a winning proposal, or for financing; once per subject and pair of
 * organisations (the open key), the first events logged and the other side notified.
 */
export class NegotiationOpening {
  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
    private readonly audit: AuditService,
    private readonly idleMs: number,
  ) {}

  /** NegotiationService.open: a room from a published listing or a winning proposal. */
  async open(
    user: AuthUser,
    body: OpenNegotiationBody,
    meta: Meta,
  ): Promise<{ negotiation: NegotiationRecord; created: boolean }> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    if (!(await this.rooms.peers.orgs.isVerified(user.orgId))) throw new AppError('ORG_NOT_VERIFIED');
    const p = await this.parties(user, body.subject.kind, body.subject.id);
    return this.create(user, p, body.message, meta);
  }

  /** NegotiationService.openFinancingRoom: a room for a financing interest the requester accepted. */
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
    const members = await this.rooms.participantIds(created);
    this.rooms.log.publisher.joinUsers(String(created._id), members);
    await this.audit.record(user, {
      entity: 'negotiation',
      entityId: String(created._id),
      action: 'open',
      to: 'open',
      ip: meta.ip,
    });
    await this.rooms.log.append(
      created,
      { type: 'opened', actorId: user.id, actorName: user.name, actorSide: side, status: 'open' },
      { requireOpen: true },
    );
    if (message) {
      await this.rooms.log.append(
        created,
        { type: 'message', actorId: user.id, actorName: user.name, actorSide: side, text: message },
        { requireOpen: true, clientMessageId: `open-${created._id}` },
      );
    }
    this.rooms.log.publisher.notify(members, String(created._id));
    const opener = user.orgId ? (await this.rooms.peers.orgs.names([user.orgId])).get(user.orgId) : undefined;
    await this.rooms.notify.notify(openedNotice(created, opener ?? ''), {
      orgIds: [otherOrg(created, side as 'buyer' | 'seller')],
    });
    return {
      negotiation: (await this.models.Negotiation.findById(created._id).lean<NegotiationRecord>())!,
      created: true,
    };
  }

  private async parties(user: AuthUser, kind: OpenNegotiationBody['subject']['kind'], id: string): Promise<Parties> {
    if (kind === 'proposal') {
      const proposal = Types.ObjectId.isValid(id) ? await this.rooms.peers.proposals.byId(id) : null;
      const need = proposal && (await this.rooms.peers.listings.byId('need', String(proposal.needId)));
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
    const listing = Types.ObjectId.isValid(id) ? await this.rooms.peers.listings.byId(kind, id) : null;
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
}
