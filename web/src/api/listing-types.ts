/**
 * Response shapes of the catalog API (api/src/modules/listings/listing.presenter.ts and friends), as the
 * web app reads them. Content fields reuse the zod output types of @shared/catalog-schemas, so a field
 * added to the schema shows up here too.
 */
import type { AchievementInput, NeedInput } from '@shared/catalog-schemas';

export type ListingKind = 'achievement' | 'need';
export const listingPlural = { achievement: 'achievements', need: 'needs' } as const;

export const listingStatuses = ['draft', 'pending_review', 'published', 'rejected', 'archived'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export type RevisionStatus = 'draft' | 'pending_review' | 'rejected';
export type ListingView = 'public' | 'nda' | 'owner' | 'staff';

export type Price = AchievementInput['price'];
export type Budget = NeedInput['budget'];
export type Challenge = NonNullable<NeedInput['challenge']>;
/** The confidential part; views that show it also name its files (`attachments`, in `attachmentIds` order). */
export type Confidential = AchievementInput['confidential'] & {
  attachments?: Array<{ id: string; filename: string | null; size: number | null; mime: string | null }>;
};
export type IpRight = AchievementInput['ipRights'][number];

export interface OwnerOrgSummary {
  id: string;
  name: string;
  type: string;
  verified: boolean;
}

interface ListingMeta {
  id: string;
  ownerOrg: OwnerOrgSummary | null;
  submarketCode: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** "mine" and review-queue rows carry the working copy's state; public rows do not. */
interface CardState {
  status?: ListingStatus;
  revision?: RevisionStatus | null;
}

export interface AchievementCard extends ListingMeta, CardState {
  kind: 'achievement';
  title: string;
  summary: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  regionCode: string;
  stage: string;
  trl: number;
  level: string;
  tradingMode: string;
  price: Price;
  ipTypes: string[];
  imageId: string | null;
}

export interface NeedCard extends ListingMeta, CardState {
  kind: 'need';
  title: string;
  problem: string;
  keywords: string[];
  fieldCode: string;
  subfieldCode: string | null;
  regionCode: string;
  budget: Budget;
  deadline: string | null;
  cooperationModes: string[];
  challenge: Challenge | null;
}

export type ListingCard = AchievementCard | NeedCard;

export interface HistoryEntry {
  action: string;
  from: string | null;
  to: string | null;
  at: string;
  by: string;
  reason: string | null;
}

/**
 * One detail shape for every audience: public/nda views carry `hasConfidential` (and `confidential` for
 * nda); owner/staff views carry the working copy plus review state, the live version and the history.
 */
interface DetailState extends ListingMeta {
  view: ListingView;
  status: ListingStatus;
  hasConfidential?: boolean;
  ndaAccepted?: boolean;
  confidential?: Confidential | null;
  revision?: { status: RevisionStatus; reason: string | null } | null;
  review?: { reason: string | null; decidedAt: string; decidedBy: string | null } | null;
  history?: HistoryEntry[];
}

type AchievementContent = Omit<AchievementInput, 'confidential'>;
type NeedContent = Omit<NeedInput, 'confidential'>;

export interface AchievementDetail extends DetailState, AchievementContent {
  kind: 'achievement';
  live?: (AchievementContent & { confidential: Confidential | null }) | null;
}

export interface NeedDetail extends DetailState, NeedContent {
  kind: 'need';
  /** The challenge's winner, once chosen (public). */
  award?: { at: string; org: OwnerOrgSummary } | null;
  live?: (NeedContent & { confidential: Confidential | null }) | null;
}

export type ListingDetail = AchievementDetail | NeedDetail;

export type CardOf<K extends ListingKind> = K extends 'achievement' ? AchievementCard : NeedCard;
export type DetailOf<K extends ListingKind> = K extends 'achievement' ? AchievementDetail : NeedDetail;

export const achievementSorts = ['newest', 'updated', 'price_asc', 'price_desc'] as const;
export const needSorts = ['newest', 'updated', 'budget_desc', 'closing'] as const;
export const sortsOf = (kind: ListingKind): readonly string[] =>
  kind === 'achievement' ? achievementSorts : needSorts;

export interface ListingListParams {
  scope?: 'public' | 'mine' | 'review';
  page?: number;
  pageSize?: number;
  status?: ListingStatus;
  fieldCode?: string;
  regionCode?: string;
  submarketCode?: string;
  orgId?: string;
  orgType?: string;
  q?: string;
  sort?: string;
  /** Needs only: challenges (揭榜挂帅) or not. */
  challenge?: boolean;
  /** Achievements of makers (创客) only. */
  maker?: boolean;
}

export type ProposalStatus = 'submitted' | 'shortlisted' | 'declined' | 'winner';

export interface ProposalDto {
  id: string;
  needId: string;
  org: { id: string; name: string | null };
  summary: string;
  plan: string;
  priceFen: number | null;
  achievementId: string | null;
  status: ProposalStatus;
  createdAt: string;
}

export interface AttachmentDto {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
/** What a job imports: catalogue achievements (drafts) or paper contracts. */
export type ImportKind = 'achievement' | 'contract' | 'contract_historic';

export interface ImportRowReport {
  row: number;
  status: 'created' | 'error';
  id?: string;
  title?: string;
  errors?: Array<{ column: string; message: string }>;
}

export interface ImportJobDto {
  id: string;
  kind: ImportKind;
  filename: string;
  format: 'csv' | 'xlsx';
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  failed: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  report?: ImportRowReport[];
}
