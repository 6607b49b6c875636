import type { ContractDirectory } from '../contracts/contract-directory';
import type { ListingDirectory } from '../listings/listing-directory';
import type { RoomDirectory } from '../negotiations/room-directory';
import type { OrgDirectory } from '../orgs/org-directory';
import type { UserDirectory } from '../users/user-directory';

/**
 * What the payments module reads of other modules, through their directories (it owns none of that data):
 * rooms and deals (deposits, a deal's broker), contracts (plans, which payables are owed), organisations and
 * people (names on statements, verification), listings (a deposit's subject).
 */
export interface PaymentPeers {
  rooms: RoomDirectory;
  contracts: ContractDirectory;
  orgs: OrgDirectory;
  users: UserDirectory;
  listings: ListingDirectory;
}
