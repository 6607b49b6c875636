import type { DealRecord, NegotiationModels, NegotiationRecord } from './negotiation.model';

/**
 * What other modules may read about rooms and deals without touching the negotiations collections: the
 * contract drafted from a deal, a negotiation deposit's room, the broker a payment plan credits, and the
 * demo seed that continues where it stopped.
 */
export class RoomDirectory {
  constructor(private readonly models: Pick<NegotiationModels, 'Negotiation' | 'Deal'>) {}

  async room(id: string): Promise<NegotiationRecord | null> {
    return this.models.Negotiation.findById(id).lean<NegotiationRecord>();
  }

  async deal(id: string): Promise<DealRecord | null> {
    return this.models.Deal.findById(id).lean<DealRecord>();
  }

  /** The deal an agreed room ended in, if any. */
  async dealOfRoom(negotiationId: string): Promise<DealRecord | null> {
    return this.models.Deal.findOne({ negotiationId }).lean<DealRecord>();
  }

  /** Whether the demo seed finished the room it marked with this key (see `markSeeded`). */
  async seeded(seedKey: string): Promise<boolean> {
    return !!(await this.models.Negotiation.exists({ seedKey }));
  }

  /** The demo seed marks a room it has completed, so a restarted seed skips it (demo data only). */
  async markSeeded(id: string, seedKey: string): Promise<void> {
    await this.models.Negotiation.updateOne({ _id: id }, { $set: { seedKey } });
  }
}
