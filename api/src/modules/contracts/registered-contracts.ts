import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { AuthUser } from '../auth/auth.types';
import type { ContractModels, ContractRecord } from './contract.model';
import { canContract, partySide } from './contract.policy';

/** What another module may know of a registered contract (the follow-up of issue 16 first). */
export interface RegisteredContract {
  id: string;
  contractNo: string;
  title: string;
  sellerOrgId: string | null;
  buyerOrgId: string | null;
  sellerName: string;
  buyerName: string;
  sellerRegion: string;
  buyerRegion: string;
  fieldCode: string;
  category: string;
  submarketCode: string;
  amountFen: number;
  registeredAt: Date;
  /** How the contract came to the platform (deal, direct, import, seed…). */
  source: string;
}

const FIELDS = {
  contractNo: 1,
  terms: 1,
  sellerOrgId: 1,
  buyerOrgId: 1,
  sellerRegion: 1,
  submarketCode: 1,
  registration: 1,
  status: 1,
  source: 1,
} as const;

const summary = (c: ContractRecord): RegisteredContract => ({
  id: String(c._id),
  contractNo: c.contractNo,
  title: c.terms.title,
  sellerOrgId: c.sellerOrgId ? String(c.sellerOrgId) : null,
  buyerOrgId: c.buyerOrgId ? String(c.buyerOrgId) : null,
  sellerName: c.terms.seller.name,
  buyerName: c.terms.buyer.name,
  sellerRegion: c.sellerRegion,
  buyerRegion: c.terms.buyer.regionCode,
  fieldCode: c.terms.fieldCode,
  category: c.terms.category,
  submarketCode: c.submarketCode,
  amountFen: c.terms.amountFen,
  registeredAt: new Date(c.registration!.registeredAt),
  source: c.source,
});

/**
 * The contracts module's read port for registered contracts: other modules learn which contracts are
 * registered (and what a caller may know of one) here, never from the contracts collection. Registration
 * itself is announced by `RegistrationsService.onRegistered`; this catches up on what a hook missed (the
 * demo seed, a crash between the registration and the hook).
 */
export class RegisteredContracts {
  constructor(private readonly models: Pick<ContractModels, 'Contract'>) {}

  /** Ids of every registered contract (a province registers thousands a year, not millions). */
  async ids(): Promise<string[]> {
    const rows = await this.models.Contract.find({ status: 'registered' }, { _id: 1 }).limit(500_000).lean();
    return rows.map((r) => String(r._id));
  }

  async byIds(ids: string[]): Promise<RegisteredContract[]> {
    const valid = ids.filter((id) => Types.ObjectId.isValid(id));
    if (!valid.length) return [];
    const rows = await this.models.Contract.find({ _id: { $in: valid }, status: 'registered' }, FIELDS).lean<
      ContractRecord[]
    >();
    return rows.filter((c) => c.registration).map(summary);
  }

  /**
   * The latest registered contracts of a technical field (a self-assessment's comparables): number, title,
   * amount and registration date — what the public tally already shows in aggregate, no party.
   */
  async comparables(
    fieldCode: string,
    limit: number,
  ): Promise<Array<{ contractNo: string; title: string; amountFen: number; registeredAt: Date }>> {
    const rows = await this.models.Contract.find(
      { status: 'registered', 'terms.fieldCode': fieldCode },
      { contractNo: 1, 'terms.title': 1, 'terms.amountFen': 1, registration: 1 },
    )
      .sort({ 'registration.registeredAt': -1, _id: -1 })
      .limit(limit)
      .lean<ContractRecord[]>();
    return rows
      .filter((c) => c.registration)
      .map((c) => ({
        contractNo: c.contractNo,
        title: c.terms.title,
        amountFen: c.terms.amountFen,
        registeredAt: new Date(c.registration!.registeredAt),
      }));
  }

  /**
   * A contract as the caller may know it: its status, the caller's side, and its summary when registered.
   * A contract the caller may not read answers NOT_FOUND, as the contracts routes do.
   */
  async forViewer(
    user: AuthUser | null,
    id: string,
  ): Promise<{ status: string; side: 'seller' | 'buyer' | null; registered: RegisteredContract | null }> {
    const c = Types.ObjectId.isValid(id) ? await this.models.Contract.findById(id).lean<ContractRecord>() : null;
    if (!c || !canContract(user, 'read', c)) throw new AppError('NOT_FOUND');
    return {
      status: c.status,
      side: partySide(user, c),
      registered: c.status === 'registered' && c.registration ? summary(c) : null,
    };
  }
}
