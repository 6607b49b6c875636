import { AppError } from '../../http/errors';
import { LIAONING, submarketSeeds } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import { officialFor } from '../contracts/contract.policy';
import { operatesFor } from '../listings/listing.policy';
import type { PlanRecord } from './followup.model';

type Filter = Record<string, unknown>;
const isAdmin = (u: AuthUser | null) => !!u?.roles.includes('admin');

/** The side a user's organisation holds in a plan's contract, or null. */
export function sideOf(user: AuthUser | null, p: Pick<PlanRecord, 'sellerOrgId' | 'buyerOrgId'>) {
  if (!user?.orgId) return null;
  if (p.buyerOrgId && String(p.buyerOrgId) === user.orgId) return 'buyer' as const;
  if (p.sellerOrgId && String(p.sellerOrgId) === user.orgId) return 'seller' as const;
  return null;
}

/**
 * Who reads a plan: both parties, admins, officials of the seller's region (as for the contract itself) and
 * operators of the contract's sub-market (hub operators: all). Only the buyer reports.
 */
export const canReadPlan = (user: AuthUser | null, p: PlanRecord) =>
  !!sideOf(user, p) || isAdmin(user) || officialFor(user, p.sellerRegion) || operatesFor(user, p.submarketCode);

/**
 * The plans a staff member's board covers, as a filter: {} for all (admins, provincial officials, hub
 * operators), a region or sub-markets otherwise; FORBIDDEN for anyone else. Query filters join it under
 * $and, so they narrow and never widen.
 */
export function boardScope(user: AuthUser): Filter {
  const parts: Filter[] = [];
  if (isAdmin(user)) return {};
  if (user.roles.includes('official') && user.officialRegion) {
    if (user.officialRegion === LIAONING) return {};
    parts.push({ sellerRegion: user.officialRegion });
  }
  if (user.roles.includes('operator')) {
    if (user.operatorSubmarkets.includes('HUB')) return {};
    if (user.operatorSubmarkets.length) parts.push({ submarketCode: { $in: user.operatorSubmarkets } });
  }
  if (!parts.length) throw new AppError('FORBIDDEN');
  return parts.length === 1 ? parts[0] : { $or: parts };
}

/**
 * The region whose funnel a staff member reads (the tally is kept per seller region): a provincial reader
 * any city or the province; an official its region; a city operator the city of its sub-market.
 */
export function funnelRegion(user: AuthUser, requested?: string): string {
  const all = isAdmin(user) || (user.roles.includes('operator') && user.operatorSubmarkets.includes('HUB'));
  const own = new Set<string>();
  if (user.roles.includes('official') && user.officialRegion) own.add(user.officialRegion);
  if (user.roles.includes('operator'))
    for (const code of user.operatorSubmarkets) {
      const sm = submarketSeeds.find((s) => s.code === code);
      if (sm) own.add(sm.regionCode);
    }
  if (all || own.has(LIAONING)) return requested ?? LIAONING;
  if (!own.size) throw new AppError('FORBIDDEN');
  if (requested) {
    if (!own.has(requested)) throw new AppError('FORBIDDEN', { reason: 'outside your region' });
    return requested;
  }
  return [...own][0];
}
