import { AppError } from '../../http/errors';
import type { VerificationStatus } from '../../shared/dto';
import type { AuthUser } from '../auth/auth.types';
import type { OrgRecord } from './org.model';

type OrgAction = 'read' | 'readDetail' | 'update' | 'verify' | 'manageMembers';

const isAdmin = (u: AuthUser | null) => !!u?.roles.includes('admin');
const isMember = (u: AuthUser | null, org: OrgRecord) => !!u && u.orgId === String(org._id);
const operatesFor = (u: AuthUser | null, submarketCode: string) =>
  !!u?.roles.includes('operator') &&
  (u.operatorSubmarkets.includes('HUB') || u.operatorSubmarkets.includes(submarketCode));
const officialFor = (u: AuthUser | null, regionCode: string) =>
  !!u?.roles.includes('official') && (u.officialRegion === '210000' || u.officialRegion === regionCode);

/** One place that says who may do what to an organisation. */
export function canOrg(user: AuthUser | null, action: OrgAction, org: OrgRecord): boolean {
  const staff = isAdmin(user) || operatesFor(user, org.submarketCode) || officialFor(user, org.regionCode);
  switch (action) {
    case 'read':
      return org.verification?.status === 'verified' || isMember(user, org) || staff;
    case 'readDetail':
      return isMember(user, org) || staff;
    case 'update':
    case 'manageMembers':
      return isAdmin(user) || (isMember(user, org) && user?.orgRole === 'org_admin');
    case 'verify':
      return isAdmin(user) || operatesFor(user, org.submarketCode);
  }
}

/** Sub-markets whose verification queue the user may work; null means all. */
export function verifiableSubmarkets(user: AuthUser): string[] | null {
  if (isAdmin(user) || user.operatorSubmarkets.includes('HUB')) return null;
  return user.roles.includes('operator') ? user.operatorSubmarkets : [];
}

/**
 * The organisations a list may hold for this caller: verified ones for everybody; pending or rejected ones
 * only for staff who verify, and only in the sub-markets they verify for. The service joins this with the
 * query's filters under `$and`, so naming another sub-market gives an empty list, not a wider one.
 */
export function orgListScope(viewer: AuthUser | null, status: VerificationStatus | undefined): Record<string, unknown> {
  if (!status || status === 'verified') return { 'verification.status': 'verified' };
  const submarkets = viewer ? verifiableSubmarkets(viewer) : [];
  if (submarkets && submarkets.length === 0) throw new AppError('FORBIDDEN');
  // The pending queue also holds verified organisations asking to change their name, code, type or region.
  const queue =
    status === 'pending'
      ? {
          $or: [
            { 'verification.status': 'pending' },
            { 'verification.status': 'verified', pendingChange: { $ne: null } },
          ],
        }
      : { 'verification.status': status };
  return submarkets ? { ...queue, submarketCode: { $in: submarkets } } : queue;
}
