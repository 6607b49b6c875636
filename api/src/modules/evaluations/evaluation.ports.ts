import type { AttachmentDirectory } from '../attachments/attachment-directory';
import type { AuthUser } from '../auth/auth.types';
import type { RegisteredContracts } from '../contracts/registered-contracts';
import type { ListingDirectory } from '../listings/listing-directory';
import type { ListingService } from '../listings/listing.service';
import type { OrgDirectory } from '../orgs/org-directory';
import type { EvaluatorDto } from '../../shared/evaluation';

/** An achievement as this module needs it, read through the listings service. */
export interface AchievementRef {
  id: string;
  title: string;
  fieldCode: string;
  submarketCode: string;
  ownerOrgId: string;
  ownerOrgName: string;
}

/** The ports this module is given in composition/feature-modules.ts (listings, orgs, attachments, contracts). */
export interface EvaluationPorts {
  /** The caller's own achievement (view 'owner'), else null. */
  ownAchievement(user: AuthUser, id: string): Promise<AchievementRef | null>;
  /** Of these achievement ids, the published ones (badges are public only for those). */
  published(ids: string[]): Promise<Set<string>>;
  /** An achievement the viewer may see (published, or its owner, or staff), else null. */
  visibleAchievement(viewer: AuthUser | null, id: string): Promise<AchievementRef | null>;
  org(id: string): Promise<{ id: string; name: string; type: string; verified: boolean } | null>;
  evaluators(): Promise<EvaluatorDto[]>;
  file(id: string): Promise<{ ownerOrgId: string | null; mime: string } | null>;
  /** Registered contracts of a field, newest first (the contracts module's read port). */
  comparables(
    fieldCode: string,
    limit: number,
  ): Promise<Array<{ contractNo: string; title: string; amountFen: number; registeredAt: Date }>>;
}

export const EVALUATOR_ORG_TYPE = 'evaluator';
/**
 * The evaluations module's ports built on the owning modules' services and directories: the listings service
 * (who owns and who may see an achievement), the orgs directory, the attachments directory and the contracts
 * module's read port for registered contracts. No other module's collection is read here.
 */
export function evaluationPorts(deps: {
  achievements: ListingService;
  listings: ListingDirectory;
  orgs: OrgDirectory;
  files: AttachmentDirectory;
  contracts: RegisteredContracts;
}): EvaluationPorts {
  const ref = async (viewer: AuthUser | null, id: string, ownOnly: boolean): Promise<AchievementRef | null> => {
    const got = await deps.achievements.get(viewer, id).catch(() => null);
    if (!got || (ownOnly && got.view !== 'owner')) return null;
    const { listing } = got;
    const c = (listing.live ?? listing.content) as { title?: string; fieldCode?: string };
    const ownerOrgId = String(listing.ownerOrgId);
    const names = await deps.orgs.names([ownerOrgId]);
    return {
      id: String(listing._id),
      title: String(c.title ?? ''),
      fieldCode: String(c.fieldCode ?? ''),
      submarketCode: listing.submarketCode,
      ownerOrgId,
      ownerOrgName: names.get(ownerOrgId) ?? '',
    };
  };
  return {
    ownAchievement: (user, id) => ref(user, id, true),
    visibleAchievement: (viewer, id) => ref(viewer, id, false),
    published: (ids) => deps.listings.publishedAchievementsAmong(ids),
    org: (id) => deps.orgs.summary(id),
    evaluators: () => deps.orgs.verifiedOfType(EVALUATOR_ORG_TYPE),
    file: async (id) => {
      const f = await deps.files.byId(id);
      return f ? { ownerOrgId: f.ownerOrgId ? String(f.ownerOrgId) : null, mime: f.mime } : null;
    },
    comparables: (fieldCode, limit) => deps.contracts.comparables(fieldCode, limit),
  };
}
