/** What the financing API answers with (issue 16): DTOs shared by the API's presenters and the web app. */
import type { Instrument, InterestStatus, OutcomeKind, ProductStatus, RequestStatus } from './financing';

export interface OrgRef {
  id: string;
  name: string;
  type: string;
  regionCode: string;
}

export interface ProductDto {
  id: string;
  org: OrgRef;
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
  publishedAt: string | null;
  updatedAt: string;
}

export type MatchReasonCode =
  | 'field'
  | 'field_any'
  | 'stage'
  | 'stage_any'
  | 'amount'
  | 'region'
  | 'region_any'
  | 'instrument'
  | 'evaluated'
  | 'self_assessed';
export interface MatchReason {
  code: MatchReasonCode;
  points: number;
}
export interface ProductMatchDto {
  product: ProductDto;
  score: number;
  reasons: MatchReason[];
}

export interface OutcomeDto {
  kind: OutcomeKind;
  amountFen: number | null;
  instrument: Instrument | null;
  termMonths: number | null;
  reason: string | null;
  recordedAt: string;
}

export interface InterestDto {
  id: string;
  requestId: string;
  requestTitle: string;
  institution: OrgRef;
  product: { id: string; name: string; instrument: Instrument } | null;
  message: string;
  /** Only the institution that wrote it. */
  privateNote?: string;
  status: InterestStatus;
  outcome: OutcomeDto | null;
  negotiationId: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/** owner: the requester; disclosed: an institution whose interest was accepted; institution: before that. */
export type RequestView = 'owner' | 'disclosed' | 'institution' | 'staff';

export interface RequestDto {
  id: string;
  org: OrgRef;
  title: string;
  amountFen: number;
  instruments: Instrument[];
  termMonths: number | null;
  fieldCode: string;
  stage: string;
  regionCode: string;
  summary: string;
  tie: { kind: 'achievement' | 'contract'; id: string; title: string } | null;
  status: RequestStatus;
  closeReason: string | null;
  openedAt: string | null;
  matchedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  view: RequestView;
  /** Null until the viewer may see them (owner, or an institution the requester accepted). */
  confidential: { useOfFunds: string; collateral: string; ipOffered: string[]; attachmentIds: string[] } | null;
  /** Institution views: the best-fitting of its products and why. */
  fit?: { product: { id: string; name: string; instrument: Instrument }; score: number; reasons: MatchReason[] } | null;
  myInterest?: InterestDto | null;
}

export interface FinancingMeDto {
  role: 'institution' | 'requester' | 'staff' | 'none';
  orgType: string | null;
  verified: boolean;
  instruments: Instrument[];
}

export interface PipelineDto {
  requests: Array<{ status: RequestStatus; count: number; amountFen: number }>;
  interests: Array<{ status: InterestStatus; count: number }>;
  signed: { count: number; amountFen: number };
  products: { published: number; institutions: number };
  recent: Array<{
    id: string;
    title: string;
    org: OrgRef;
    amountFen: number;
    status: RequestStatus;
    interests: number;
    updatedAt: string;
  }>;
}

export interface FiguresRow {
  key: string;
  count: number;
  amountFen: number;
}
export interface FiguresDto {
  region: string;
  /** Requests that an institution was matched with (the requester accepted its interest): 对接企业. */
  matchedRequests: number;
  /** Organisations behind them. */
  matchedOrgs: number;
  /** Agreements signed (签订投资协议) and their amount. */
  signed: { count: number; orgs: number; amountFen: number };
  termSheets: number;
  byInstrument: FiguresRow[];
  byRegion: FiguresRow[];
  byField: FiguresRow[];
}
