import type { AuthUser } from '../auth/auth.types';

/**
 * Who publishes: admins for every scope, a hub operator ('HUB') for every scope, a sub-market operator for
 * its own sub-markets. Everyone reads what is published.
 */
export function managesScope(user: AuthUser | null, submarketCode: string): boolean {
  if (!user) return false;
  if (user.roles.includes('admin')) return true;
  if (!user.roles.includes('operator')) return false;
  return user.operatorSubmarkets.includes('HUB') || user.operatorSubmarkets.includes(submarketCode);
}

/** Whether the caller publishes anything at all (the management list and page). */
export const isPublisher = (user: AuthUser | null) =>
  !!user && (user.roles.includes('admin') || user.roles.includes('operator'));

/** The management list's scope as a filter: everything for admins and hub operators, else own sub-markets. */
export function manageScope(user: AuthUser): Record<string, unknown> {
  if (user.roles.includes('admin') || user.operatorSubmarkets.includes('HUB')) return {};
  return { submarketCode: { $in: user.operatorSubmarkets } };
}
