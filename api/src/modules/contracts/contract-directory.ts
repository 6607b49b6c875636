import { Types } from 'mongoose';
import type { ContractModels, ContractRecord } from './contract.model';

/**
 * What other modules may read about contracts without touching the collection (payments first): a contract
 * by id whatever its state (callers apply their own policy), and which of some contracts are in a state.
 */
export class ContractDirectory {
  constructor(private readonly contracts: ContractModels['Contract']) {}

  async byId(id: string | Types.ObjectId): Promise<ContractRecord | null> {
    if (!Types.ObjectId.isValid(String(id))) return null;
    return this.contracts.findById(id).lean<ContractRecord>();
  }

  /** The contract created under an origin key (a deal, an entry), or null. */
  byOriginKey(originKey: string): Promise<ContractRecord | null> {
    return this.contracts.findOne({ originKey }).lean<ContractRecord>();
  }

  async exists(id: string | Types.ObjectId): Promise<boolean> {
    return !!(await this.contracts.exists({ _id: id }));
  }

  /** Of these contract ids, those whose status is one of `statuses`. */
  async inStatus(ids: string[], statuses: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id));
    if (!unique.length) return new Set();
    const rows = await this.contracts.find({ _id: { $in: unique }, status: { $in: statuses } }, { _id: 1 }).lean();
    return new Set(rows.map((c) => String(c._id)));
  }
}
