import type { PublicUserDto, UserDto } from '../../shared/dto';
import type { OrgRole, UserRole } from '../../shared/taxonomy';
import type { UserRecord } from './user.model';

/** The user's own view (and admins'): never the password hash. */
export function presentUser(u: UserRecord & { createdAt?: Date }): UserDto {
  return {
    id: String(u._id),
    email: u.email,
    name: u.name,
    phone: u.phone ?? undefined,
    locale: (u.locale ?? 'zh-CN') as UserDto['locale'],
    orgId: u.orgId ? String(u.orgId) : null,
    orgRole: (u.orgRole ?? null) as OrgRole | null,
    roles: (u.roles ?? []) as UserRole[],
    brokerCertNo: u.brokerCertNo ?? undefined,
    operatorSubmarkets: u.operatorSubmarkets ?? [],
    officialRegion: u.officialRegion ?? undefined,
    createdAt: new Date(u.createdAt ?? 0).toISOString(),
    ...(u.disabledAt ? { disabled: true } : {}),
  };
}

export function presentUserPublic(u: UserRecord): PublicUserDto {
  return {
    id: String(u._id),
    name: u.name,
    orgRole: (u.orgRole ?? null) as OrgRole | null,
    roles: (u.roles ?? []) as UserRole[],
  };
}
