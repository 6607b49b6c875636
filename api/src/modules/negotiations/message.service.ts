import { Types } from 'mongoose';
import type { NegotiationModels } from './negotiation.model';
import { AppError } from '../../http/errors';
import type { NegotiationEventDto } from '../../shared/negotiation-events';
import type { FileStorage } from '../attachments/file-storage';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationLog } from './negotiation-log';
import { eventsAfter, markRead } from './negotiation-reads';
import { canNegotiation, sideOf } from './negotiation.policy';
import type { NegotiationService } from './negotiation.service';

/** Messages, the event log as read by clients (resync), read receipts and attachments of a room. */
export class MessageService {
  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
    private readonly log: NegotiationLog,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Stored once per (sender, clientMessageId): a resend returns the first event with created=false.
   * `joined` says the server itself joined the sender's socket to this room (membership checked at
   * connect): then the room is not read first, and the sender's rights are checked against the room the
   * append reads anyway (one round trip less per message; a stranger never reaches the database).
   */
  async send(
    user: AuthUser,
    id: string,
    body: { clientMessageId: string; text: string; attachmentIds: string[] },
    opts: { joined?: boolean } = {},
  ): Promise<{ event: NegotiationEventDto; created: boolean }> {
    const n =
      opts.joined && Types.ObjectId.isValid(id)
        ? { _id: new Types.ObjectId(id) }
        : await this.rooms.load(user, id, 'write');
    const ids = [...new Set(body.attachmentIds)];
    let attachments: Array<{ id: string; filename: string; mime: string; size: number }> = [];
    if (ids.length > 0) {
      // Files come from the existing upload endpoint; only the sender's organisation's own files may be sent.
      const valid = ids.every((x) => Types.ObjectId.isValid(x));
      const rows = user.orgId && valid ? await this.rooms.peers.attachments.ownedAll(user.orgId, ids) : null;
      if (!rows) throw new AppError('ATTACHMENT_NOT_USABLE');
      attachments = rows.map((a) => ({ id: String(a._id), filename: a.filename, mime: a.mime, size: a.size }));
    }
    return this.log.append(
      n,
      // No empty array stored (every field costs on each insert); the presenter leaves it out too.
      {
        type: 'message',
        actorId: user.id,
        actorName: user.name,
        actorSide: 'system',
        text: body.text,
        ...(attachments.length ? { attachments } : {}),
      },
      {
        requireOpen: true,
        clientMessageId: body.clientMessageId,
        authorize: (room) => {
          if (canNegotiation(user, 'write', room)) return { actorSide: sideOf(user, room)! };
          return canNegotiation(user, 'readRoom', room)
            ? new AppError('INVALID_STATE', { status: room.status })
            : new AppError('NOT_FOUND');
        },
      },
    );
  }

  async events(
    user: AuthUser,
    id: string,
    after: number,
    limit: number,
  ): Promise<{ events: NegotiationEventDto[]; lastSeq: number }> {
    const n = await this.rooms.load(user, id, 'readRoom');
    const events = await eventsAfter(this.models, n._id, after, limit);
    return { events, lastSeq: this.log.knownSeq(n) };
  }

  async markRead(user: AuthUser, id: string, seq: number): Promise<number> {
    const n = await this.rooms.load(user, id, 'readRoom');
    const stored = await markRead(this.models, n._id, user.id, Math.min(seq, this.log.knownSeq(n)));
    this.log.publisher.read(String(n._id), user.id, stored);
    return stored;
  }

  /** A file sent in this room, for its participants only; anything else is 404. */
  async openAttachment(user: AuthUser, id: string, attachmentId: string) {
    const n = await this.rooms.load(user, id, 'readRoom');
    const used = await this.models.NegotiationEvent.exists({ negotiationId: n._id, 'attachments.id': attachmentId });
    const att =
      used && Types.ObjectId.isValid(attachmentId) ? await this.rooms.peers.attachments.byId(attachmentId) : null;
    if (!att) throw new AppError('NOT_FOUND');
    return { attachment: att, stream: this.storage.read(att.storageKey) };
  }
}
