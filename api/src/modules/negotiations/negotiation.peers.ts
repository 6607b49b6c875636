import type { AttachmentDirectory } from '../attachments/attachment-directory';
import type { ListingDirectory } from '../listings/listing-directory';
import type { ProposalDirectory } from '../needs/proposal-directory';
import type { OrgDirectory } from '../orgs/org-directory';
import type { UserDirectory } from '../users/user-directory';

/**
 * What the negotiations module reads from other modules, and only through them: organisations (standing,
 * names), people (members, brokers), the listing or proposal a room is about, and the files sent in it.
 * The module itself touches only its own collections (negotiation.model.ts, registerNegotiationModels).
 */
export interface NegotiationPeers {
  orgs: Pick<OrgDirectory, 'isVerified' | 'names'>;
  users: Pick<UserDirectory, 'memberIds' | 'membersAmong' | 'broker' | 'brokers'>;
  listings: Pick<ListingDirectory, 'byId'>;
  proposals: Pick<ProposalDirectory, 'byId'>;
  attachments: Pick<AttachmentDirectory, 'ownedAll' | 'byId'>;
}
