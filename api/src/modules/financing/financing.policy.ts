import { AppError } from '../../http/errors';
import { isFinanceOrgType, isRequesterOrgType } from '../../shared/financing';
import type { AuthUser } from '../auth/auth.types';
import { operatesFor } from '../listings/listing.policy';
import type { OrgSummary } from '../orgs/org-directory';

const isAdmin = (u: AuthUser | null) => !!u?.roles.includes('admin');

/** Operators of the sub-market (hub operators: all) and admins: the pipeline's readers. */
export const staffFor = (u: AuthUser | null, submarketCode: string) => isAdmin(u) || operatesFor(u, submarketCode);

/** The sub-markets whose pipeline a user may read: {} for all, null for none. */
export function pipelineScope(u: AuthUser): Record<string, unknown> | null {
  if (isAdmin(u) || operatesFor(u, 'HUB')) return {};
  const own = u.roles.includes('operator') ? u.operatorSubmarkets : [];
  return own.length ? { submarketCode: { $in: own } } : null;
}

/**
 * The caller's organisation, required to be a verified finance institution (products, interests,
 * outcomes). Staff never act for an organisation.
 */
export function requireInstitution(user: AuthUser, org: OrgSummary | null): OrgSummary {
  if (!user.orgId || !org) throw new AppError('NOT_ORG_MEMBER');
  if (!isFinanceOrgType(org.type)) throw new AppError('FINANCE_INSTITUTION_ONLY');
  if (!org.verified) throw new AppError('ORG_NOT_VERIFIED');
  return org;
}

/** The caller's organisation, required to be one that may ask for financing (verified to open a request). */
export function requireRequester(user: AuthUser, org: OrgSummary | null, opts: { verified: boolean }): OrgSummary {
  if (!user.orgId || !org) throw new AppError('NOT_ORG_MEMBER');
  if (!isRequesterOrgType(org.type)) throw new AppError('FINANCING_REQUESTER_ONLY');
  if (opts.verified && !org.verified) throw new AppError('ORG_NOT_VERIFIED');
  return org;
}
