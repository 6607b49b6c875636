import { Schema, type Types } from 'mongoose';
import type { Instrument, InterestStatus, OutcomeKind, ProductStatus, RequestStatus } from '../../shared/financing';

/**
 * The financing module's collections. Only financing.repository.ts registers and reads them; other
 * modules ask the financing services. Money is integer 分; rates and shares are basis points.
 */
export const productSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** The institution's type when it published (what its instrument was checked against). */
    orgType: { type: String, required: true },
    name: { type: String, required: true, maxlength: 60 },
    instrument: { type: String, required: true },
    amountMinFen: { type: Number, required: true },
    amountMaxFen: { type: Number, required: true },
    termMonthsMin: { type: Number, required: true },
    termMonthsMax: { type: Number, required: true },
    rateMinBp: { type: Number, default: null },
    rateMaxBp: { type: Number, default: null },
    equityMinBp: { type: Number, default: null },
    equityMaxBp: { type: Number, default: null },
    fields: { type: [String], default: [] },
    stages: { type: [String], default: [] },
    regions: { type: [String], default: [] },
    materials: { type: [String], default: [] },
    description: { type: String, default: '' },
    status: { type: String, required: true, default: 'draft', index: true },
    publishedAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    seedKey: { type: String, default: null, index: true },
  },
  { timestamps: true, collection: 'financing_products' },
);
productSchema.index({ status: 1, instrument: 1, publishedAt: -1 });

export const requestSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true, index: true },
    orgType: { type: String, required: true },
    /** The requester's region and sub-market when it filed: what operators and officials are scoped by. */
    regionCode: { type: String, required: true, index: true },
    submarketCode: { type: String, required: true, index: true },
    title: { type: String, required: true },
    amountFen: { type: Number, required: true },
    instruments: { type: [String], default: [] },
    termMonths: { type: Number, default: null },
    fieldCode: { type: String, required: true },
    stage: { type: String, required: true },
    summary: { type: String, default: '' },
    /** Confidential: shown to the requester and to institutions whose interest it accepted. */
    useOfFunds: { type: String, default: '' },
    collateral: { type: String, default: '' },
    ipOffered: { type: [String], default: [] },
    attachmentIds: { type: [String], default: [], index: true },
    tie: {
      type: new Schema(
        {
          kind: { type: String, required: true },
          id: { type: Schema.Types.ObjectId, required: true },
          title: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    status: { type: String, required: true, default: 'draft', index: true },
    closeReason: { type: String, default: null },
    openedAt: { type: Date, default: null },
    matchedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    seedKey: { type: String, default: null, index: true },
  },
  { timestamps: true, collection: 'financing_requests' },
);
requestSchema.index({ status: 1, amountFen: 1 });

export const interestSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true, index: true },
    requesterOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    institutionOrgId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** One interest per institution and request (makes expressing interest idempotent). */
    key: { type: String, required: true, unique: true },
    productId: { type: Schema.Types.ObjectId, default: null },
    message: { type: String, required: true },
    privateNote: { type: String, default: '' },
    status: { type: String, required: true, default: 'expressed', index: true },
    outcome: {
      type: new Schema(
        {
          kind: { type: String, required: true },
          amountFen: { type: Number, default: null },
          instrument: { type: String, default: null },
          termMonths: { type: Number, default: null },
          reason: { type: String, default: null },
          recordedAt: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** Copied from the request so the officials' figures need one collection. */
    regionCode: { type: String, required: true, index: true },
    submarketCode: { type: String, required: true, index: true },
    fieldCode: { type: String, required: true },
    negotiationId: { type: Schema.Types.ObjectId, default: null },
    decidedAt: { type: Date, default: null },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    seedKey: { type: String, default: null, index: true },
  },
  { timestamps: true, collection: 'financing_interests' },
);

interface Stamps {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProductRecord extends Stamps {
  orgId: Types.ObjectId;
  orgType: string;
  name: string;
  instrument: Instrument;
  amountMinFen: number;
  amountMaxFen: number;
  termMonthsMin: number;
  termMonthsMax: number;
  rateMinBp: number | null;
  rateMaxBp: number | null;
  equityMinBp: number | null;
  equityMaxBp: number | null;
  fields: string[];
  stages: string[];
  regions: string[];
  materials: string[];
  description: string;
  status: ProductStatus;
  publishedAt: Date | null;
  createdBy: Types.ObjectId;
  seedKey: string | null;
}

export interface RequestRecord extends Stamps {
  orgId: Types.ObjectId;
  orgType: string;
  regionCode: string;
  submarketCode: string;
  title: string;
  amountFen: number;
  instruments: Instrument[];
  termMonths: number | null;
  fieldCode: string;
  stage: string;
  summary: string;
  useOfFunds: string;
  collateral: string;
  ipOffered: string[];
  attachmentIds: string[];
  tie: { kind: 'achievement' | 'contract'; id: Types.ObjectId; title: string } | null;
  status: RequestStatus;
  closeReason: string | null;
  openedAt: Date | null;
  matchedAt: Date | null;
  closedAt: Date | null;
  createdBy: Types.ObjectId;
  seedKey: string | null;
}

export interface InterestRecord extends Stamps {
  requestId: Types.ObjectId;
  requesterOrgId: Types.ObjectId;
  institutionOrgId: Types.ObjectId;
  key: string;
  productId: Types.ObjectId | null;
  message: string;
  privateNote: string;
  status: InterestStatus;
  outcome: {
    kind: OutcomeKind;
    amountFen: number | null;
    instrument: Instrument | null;
    termMonths: number | null;
    reason: string | null;
    recordedAt: Date;
  } | null;
  regionCode: string;
  submarketCode: string;
  fieldCode: string;
  negotiationId: Types.ObjectId | null;
  decidedAt: Date | null;
  createdBy: Types.ObjectId;
  seedKey: string | null;
}
