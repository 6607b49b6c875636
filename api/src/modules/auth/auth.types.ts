import type { OrgRole, UserRole } from '../../shared/taxonomy';

/** The signed-in user as policies see it: identity, organisation membership and scoped roles. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  orgId: string | null;
  orgRole: OrgRole | null;
  roles: UserRole[];
  operatorSubmarkets: string[];
  officialRegion?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: { user: AuthUser; sessionId: string; record: import('../users/user.model').UserRecord } | null;
  }
}
