import type { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationLog } from './negotiation-log';
import type { NegotiationModels, NegotiationRecord } from './negotiation.model';
import { sideOf } from './negotiation.policy';
import type { Meta, NegotiationService } from './negotiation.service';
import { nextNegotiation } from './negotiation.state';

/** How rooms close: a party withdraws, or a room idle past NEGOTIATION_IDLE_DAYS expires; open offers settle. */
export class NegotiationClosing {
  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
    private readonly log: NegotiationLog,
    private readonly audit: AuditService,
  ) {}

  async withdraw(user: AuthUser, id: string, reason: string | undefined, meta: Meta): Promise<NegotiationRecord> {
    const n = await this.rooms.load(user, id, 'withdraw');
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
}
