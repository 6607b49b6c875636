import type { NeedModels, ProposalRecord } from './proposal.model';

/** What other modules may read about challenge proposals without touching the collection. */
export class ProposalDirectory {
  constructor(private readonly proposals: NeedModels['Proposal']) {}

  async byId(id: string): Promise<ProposalRecord | null> {
    return this.proposals.findById(id).lean<ProposalRecord>();
  }
}
