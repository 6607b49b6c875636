import { AppError } from '../../http/errors';
import type { AuthUser } from '../auth/auth.types';
import type { ListingRecord } from './listing.model';

export type ListingAction = 'readPublic' | 'readOwner' | 'update' | 'submit' | 'review' | 'archive' | 'acceptNda';

const isAdmin = (u: AuthUser | null) => !!u?.roles.includes('admin');
export const isOwnerMember = (u: AuthUser | null, l: ListingRecord) => !!u?.orgId && u.orgId === String(l.ownerOrgId);
export const operatesFor = (u: AuthUser | null, submarketCode: string) =>
  !!u?.roles.includes('operator') &&
  (u.operatorSubmarkets.includes('HUB') || u.operatorSubmarkets.includes(submarketCode));
const reviewer = (u: AuthUser | null, l: ListingRecord) => isAdmin(u) || operatesFor(u, l.submarketCode);

/** One place that says who may do what to a listing (achievement or need). */
export function canListing(user: AuthUser | null, action: ListingAction, l: ListingRecord): boolean {
  switch (action) {
    case 'readPublic':
      return (l.status === 'published' && !!l.live) || canListing(user, 'readOwner', l);
    case 'readOwner':
      return isOwnerMember(user, l) || reviewer(user, l);
    case 'update':
    case 'submit':
      return isOwnerMember(user, l);
    case 'archive':
      return isOwnerMember(user, l) || reviewer(user, l);
    case 'review':
      return reviewer(user, l);
    case 'acceptNda':
      return !!user?.orgId && !isOwnerMember(user, l) && l.status === 'published';
  }
}

/** Sub-markets whose review queue the user works; null means all, [] means none. */
export function reviewScope(user: AuthUser): string[] | null {
  if (isAdmin(user) || user.operatorSubmarkets.includes('HUB')) return null;
  return user.roles.includes('operator') ? user.operatorSubmarkets : [];
}

/**
 * The records a list of listings may hold for this caller, whatever else the query asks: published ones for
 * the public list, the own organisation's for "mine", the review queue of the sub-markets a reviewer works.
 * The service puts this filter beside the query's filters under `$and`, so a query parameter can narrow the
 * list and never widen it (issue 17: `submarketCode` used to overwrite the reviewer's scope). `null`: empty.
 */
export function listingListScope(
  viewer: AuthUser | null,
  scope: 'public' | 'mine' | 'review',
): Record<string, unknown> | null {
  if (scope === 'public') return { status: 'published' };
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  if (scope === 'mine') return viewer.orgId ? { ownerOrgId: viewer.orgId } : null;
  const submarkets = reviewScope(viewer);
  if (submarkets && submarkets.length === 0) throw new AppError('FORBIDDEN');
  const queue = { $or: [{ status: 'pending_review' }, { 'revision.status': 'pending_review' }] };
  return submarkets ? { ...queue, submarketCode: { $in: submarkets } } : queue;
}
