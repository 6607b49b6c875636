import { AppError } from '../../http/errors';
import type { AuthUser } from './auth.types';

/** Whether the user is a member of one of these organisations (ids as ObjectId or string; nulls ignored). */
export function belongsToAny(user: AuthUser | null, orgIds: ReadonlyArray<unknown>): boolean {
  return !!user?.orgId && orgIds.some((id) => id != null && String(id) === user.orgId);
}

/**
 * Separation of duties (issue 17, finding 7): a staff role never decides on a record of an organisation its
 * holder belongs to, whatever the role's scope says. Finance: confirming, rejecting, refunding a payment and
 * paying out or deciding a deposit where its organisation pays or is paid; operators: verifying their
 * organisation, reviewing its listings; officials: registering a contract
 * their organisation is a party to. Called in the services after the role check, so a refusal names why.
 */
export function refuseOwnOrg(user: AuthUser | null, orgIds: ReadonlyArray<unknown>): void {
  if (belongsToAny(user, orgIds)) throw new AppError('OWN_ORG_NOT_ALLOWED');
}
