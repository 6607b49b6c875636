import type { AuthUser } from '../auth/auth.types';
import { AppError } from '../../http/errors';
import { withinScope } from '../../http/scope';
import { isMakerOrgType, makerOrgTypes } from '../../shared/makers';
import { escapeRegex } from '../orgs/orgs.service';
import { listingListScope } from './listing.policy';
import type { ListingStatus } from './listing.state';

export interface ListingListQuery {
  scope: 'public' | 'mine' | 'review';
  page: number;
  pageSize: number;
  status?: ListingStatus;
  fieldCode?: string;
  regionCode?: string;
  submarketCode?: string;
  orgId?: string;
  orgType?: string;
  maker?: boolean;
  q?: string;
  sort: string;
  challenge?: boolean;
}

/**
 * The filter and sort of a listing list: the caller's scope (listing.policy) narrowed by what the query asks
 * for. Public lists read the approved `live` copy, "mine" and the review queue the working copy. Null when
 * the list is empty by definition (no scope, or a type that contradicts the maker filter).
 */
export function listQuery(
  viewer: AuthUser | null,
  q: ListingListQuery,
  sorts: Record<string, Record<string, 1 | -1>>,
): { filter: Record<string, unknown>; sort: Record<string, 1 | -1> } | null {
  const base = q.scope === 'public' ? 'live' : 'content';
  if (q.scope === 'public' && q.status && q.status !== 'published') {
    throw new AppError('VALIDATION_FAILED', [{ path: 'status', message: 'public lists hold published listings only' }]);
  }
  const scope = listingListScope(viewer, q.scope);
  if (!scope) return null;
  // What the query asks for; it only ever narrows the scope it is combined with below.
  const asked: Record<string, unknown> = {};
  if (q.status && q.scope === 'mine') asked.status = q.status;
  if (q.fieldCode) asked[`${base}.fieldCode`] = q.fieldCode;
  if (q.regionCode) asked[`${base}.regionCode`] = q.regionCode;
  if (q.submarketCode) asked.submarketCode = q.submarketCode;
  if (q.orgId && q.scope === 'public') asked.ownerOrgId = q.orgId;
  if (q.orgType) asked.ownerOrgType = q.orgType;
  else if (q.maker !== undefined) asked.ownerOrgType = { [q.maker ? '$in' : '$nin']: [...makerOrgTypes] };
  // A named type that contradicts the maker filter matches nothing.
  if (q.orgType && q.maker !== undefined && isMakerOrgType(q.orgType) !== q.maker) return null;
  if (q.challenge !== undefined) asked[`${base}.challenge`] = q.challenge ? { $exists: true } : { $exists: false };
  // The public challenge list holds open challenges only: one past its closing time takes no proposals.
  if (q.challenge && q.scope === 'public') asked[`${base}.challenge.closesAt`] = { $gt: new Date().toISOString() };
  if (q.q) asked[`${base}.title`] = { $regex: escapeRegex(q.q), $options: 'i' };
  const sort = sorts[q.sort] ?? { updatedAt: -1 };
  return { filter: withinScope(scope, asked), sort: { ...sort, _id: -1 } };
}
