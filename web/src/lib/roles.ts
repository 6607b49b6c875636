import type { UserDto } from '@shared/dto';
import type { UserRole } from '@shared/taxonomy';

export const hasRole = (user: UserDto | null | undefined, ...roles: UserRole[]) =>
  !!user && roles.some((r) => user.roles.includes(r));

/** Staff who work the verification queue. */
export const isReviewer = (user: UserDto | null | undefined) => hasRole(user, 'operator', 'admin');
export const isAdmin = (user: UserDto | null | undefined) => hasRole(user, 'admin');
/** Registration officials (and admins) read the tally of their region. */
export const isOfficial = (user: UserDto | null | undefined) => hasRole(user, 'official', 'admin');
/** Who records historic contracts in bulk (the API's rule: registration officials and sub-market operators). */
export const importsHistoricContracts = (user: UserDto | null | undefined) => hasRole(user, 'official', 'operator');

/** May edit the organisation's profile and add members (mirrors the API policy). */
export const canManageOrg = (user: UserDto | null | undefined, orgId: string) =>
  isAdmin(user) || (!!user && user.orgId === orgId && user.orgRole === 'org_admin');

/** Platform staff act for the platform, never for an organisation of their own. */
export const isStaff = (user: UserDto | null | undefined) => hasRole(user, 'operator', 'official', 'admin', 'finance');
