import { Types } from 'mongoose';
import type { ListContractsQuery } from '../../shared/contract-schemas';
import { LIAONING } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The contract list's filter for a caller: admins see all, officials the signed-and-later contracts of
 * their region, members their organisation's; null when the caller may see none.
 */
export function contractListFilter(user: AuthUser, q: ListContractsQuery): Record<string, unknown> | null {
  const filter: Record<string, unknown> = {};
  const and: Record<string, unknown>[] = [];
  if (user.roles.includes('admin')) {
    /* everything */
  } else if (user.roles.includes('official') && user.officialRegion) {
    if (user.officialRegion !== LIAONING) filter.sellerRegion = user.officialRegion;
    and.push({ status: { $in: ['signed', 'filed', 'registered', 'rejected'] } });
  } else if (user.orgId) {
    and.push({
      $or: [{ sellerOrgId: new Types.ObjectId(user.orgId) }, { buyerOrgId: new Types.ObjectId(user.orgId) }],
    });
  } else return null;
  if (q.status) and.push({ status: q.status });
  if (q.category) filter['terms.category'] = q.category;
  if (q.fieldCode) filter['terms.fieldCode'] = q.fieldCode;
  if (q.sellerRegion) and.push({ sellerRegion: q.sellerRegion });
  if (q.buyerRegion) filter['terms.buyer.regionCode'] = q.buyerRegion;
  // The tally's month of a contract is the one its rollup contribution carries.
  if (q.from || q.to) {
    const m: Record<string, number> = {};
    if (q.from) m.$gte = Number(q.from.replace('-', ''));
    if (q.to) m.$lte = Number(q.to.replace('-', ''));
    filter['stats.c.month'] = m;
  }
  if (q.q)
    and.push({
      $or: [{ 'terms.title': { $regex: escapeRegex(q.q) } }, { contractNo: { $regex: escapeRegex(q.q) } }],
    });
  return and.length ? { ...filter, $and: and } : filter;
}
