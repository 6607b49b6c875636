import type { NeedModels, ProposalRecord } from './proposal.model';

/** What other modules may read about challenge proposals without touching the collection. */
export class ProposalDirectory {
  constructor(private readonly proposals: NeedModels['Proposal']) {}

  async byId(id: string): Promise<ProposalRecord | null> {
    return this.proposals.findById(id).lean<ProposalRecord>();
  }

  /** The demo seed's proposal of an organisation to a need, stored once; whether it was created now. */
  async seedOnce(needId: unknown, orgId: unknown, doc: Record<string, unknown>): Promise<boolean> {
    const res = await this.proposals
      .updateOne({ needId, orgId }, { $setOnInsert: { ...doc, needId, orgId } }, { upsert: true })
      .catch(() => ({ upsertedCount: 0 }));
    return res.upsertedCount > 0;
  }
}
