import { Schema, type Connection, type Types } from 'mongoose';
import type { ContractStatus, ContractTerms, RegistrationStatus, StatBucket } from '../../shared/contract-schemas';

/**
 * A technology contract (技术合同). `terms` is everything the parties agree; `docHash` is the SHA-256 of the
 * canonical JSON of the terms (the document version), and each signature records the hash it signed.
 * `version` goes up on every change; `stats` is what the contract last added to the rollups (see
 * modules/stats), so a change applies the difference once, guarded by the version.
 */
export const contractSchema = new Schema(
  {
    contractNo: { type: String, required: true, unique: true },
    /** deal:<id> | direct:<id> | import:<seller org>:<file hash>:<row> (before 2026-11-30 import:<file hash>:<row>) | historic:<staff user>:<file hash>:<row> | seed:<n>: makes creation idempotent. */
    originKey: { type: String, required: true, unique: true },
    /** The import job that stored it (imported contracts only): a resumed job tells its own rows from earlier imports of the file. */
    importJobId: { type: Schema.Types.ObjectId },
    source: { type: String, required: true },
    /** platform: both parties sign here; paper: signed off the platform on terms.signedOn. */
    signing: { type: String, required: true },
    dealId: { type: Schema.Types.ObjectId, default: null },
    /** The negotiation room the deal was agreed in (contracts from deals). */
    negotiationId: { type: Schema.Types.ObjectId, default: null },
    sellerOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    buyerOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    sellerRegion: { type: String, required: true },
    submarketCode: { type: String, required: true },
    terms: { type: Schema.Types.Mixed, required: true },
    docHash: { type: String, required: true },
    status: { type: String, required: true, index: true },
    signatures: { type: [Schema.Types.Mixed], default: [] },
    currentRegistrationId: { type: Schema.Types.ObjectId, default: null },
    filings: { type: Number, default: 0 },
    registration: { type: Schema.Types.Mixed, default: null },
    /** A paper contract's other party accepting or declining it (null until it decides, again after an edit). */
    confirmation: { type: Schema.Types.Mixed, default: null },
    version: { type: Number, required: true, default: 1 },
    statsDirty: { type: Boolean, default: true, index: true },
    stats: { type: Schema.Types.Mixed, default: () => ({ v: 0, c: null }) },
    createdBy: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'contracts', minimize: false },
);
contractSchema.index({ sellerRegion: 1, status: 1 });
contractSchema.index({ 'terms.signedOn': 1 });

export interface Signature {
  side: 'seller' | 'buyer';
  userId: string;
  userName: string;
  at: Date;
  ip: string | null;
  docHash: string;
  /** false once the terms changed after this signature (kept for the record). */
  valid: boolean;
}

/** The buyer's answer to a paper contract the seller entered (see contract.state.ts). */
export interface Confirmation {
  status: 'confirmed' | 'declined';
  reason: string | null;
  byName: string;
  at: Date;
}

export interface Contribution {
  bucket: StatBucket;
  month: number;
  sellerRegion: string;
  keys: string[];
  amountFen: number;
  techFen: number;
}

export interface ContractRecord {
  _id: Types.ObjectId;
  contractNo: string;
  originKey: string;
  importJobId?: Types.ObjectId;
  source: 'deal' | 'direct' | 'import' | 'historic' | 'seed';
  signing: 'platform' | 'paper';
  dealId: Types.ObjectId | null;
  negotiationId?: Types.ObjectId | null;
  sellerOrgId: Types.ObjectId | null;
  buyerOrgId: Types.ObjectId | null;
  sellerRegion: string;
  submarketCode: string;
  terms: ContractTerms;
  docHash: string;
  status: ContractStatus;
  signatures: Signature[];
  currentRegistrationId: Types.ObjectId | null;
  filings: number;
  registration: {
    registrationNo: string;
    assessedTechAmountFen: number;
    registeredAt: Date;
    registrationId: string;
  } | null;
  confirmation?: Confirmation | null;
  version: number;
  statsDirty: boolean;
  stats: { v: number; c: Contribution | null; pending?: boolean };
  createdBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

/** One filing of a contract for registration; a refiling after a rejection is a new record (seq + 1). */
export const registrationSchema = new Schema(
  {
    contractId: { type: Schema.Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    contractNo: { type: String, required: true },
    title: { type: String, required: true },
    sellerName: { type: String, required: true },
    buyerName: { type: String, required: true },
    category: { type: String, required: true },
    sellerRegion: { type: String, required: true, index: true },
    sellerOrgId: { type: Schema.Types.ObjectId, default: null },
    buyerOrgId: { type: Schema.Types.ObjectId, default: null },
    amountFen: { type: Number, required: true },
    claimedTechAmountFen: { type: Number, required: true },
    docHash: { type: String, required: true },
    checks: { type: [Schema.Types.Mixed], default: [] },
    rulesVersion: { type: String, required: true },
    note: { type: String, default: '' },
    status: { type: String, required: true, index: true },
    registrationNo: { type: String, default: null },
    assessedTechAmountFen: { type: Number, default: null },
    reason: { type: String, default: null },
    filedBy: { type: Schema.Types.ObjectId, required: true },
    filedAt: { type: Date, required: true },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decidedByName: { type: String, default: null },
    decidedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'contract_registrations', minimize: false },
);
registrationSchema.index({ contractId: 1, seq: 1 }, { unique: true });
registrationSchema.index({ status: 1, sellerRegion: 1, filedAt: 1 });

export interface RuleCheck {
  code: string;
  ok: boolean;
  blocking: boolean;
  text: { zh: string; en: string };
}

export interface RegistrationRecord {
  _id: Types.ObjectId;
  contractId: Types.ObjectId;
  seq: number;
  contractNo: string;
  title: string;
  sellerName: string;
  buyerName: string;
  category: string;
  sellerRegion: string;
  sellerOrgId: Types.ObjectId | null;
  buyerOrgId: Types.ObjectId | null;
  amountFen: number;
  claimedTechAmountFen: number;
  docHash: string;
  checks: RuleCheck[];
  rulesVersion: string;
  note: string;
  status: RegistrationStatus;
  registrationNo: string | null;
  assessedTechAmountFen: number | null;
  reason: string | null;
  filedBy: Types.ObjectId;
  filedAt: Date;
  decidedBy: Types.ObjectId | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

/** Registration numbers per year and region: `$inc` on one counter document. */
export const registrationCounterSchema = new Schema(
  { _id: String, seq: { type: Number, default: 0 } },
  { collection: 'contract_counters', versionKey: false },
);

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerContractModels(conn: Connection) {
  return {
    Contract: conn.model('Contract', contractSchema),
    Registration: conn.model('Registration', registrationSchema),
    RegistrationCounter: conn.model('RegistrationCounter', registrationCounterSchema),
  };
}
export type ContractModels = ReturnType<typeof registerContractModels>;
