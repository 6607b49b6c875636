import type { VerificationStatus } from '../../shared/dto';

/** The organisation verification state machine: the only transitions that exist. */
export const orgVerificationTransitions: Record<
  VerificationStatus,
  Partial<Record<OrgVerificationEvent, VerificationStatus>>
> = {
  pending: { approve: 'verified', reject: 'rejected' },
  rejected: { resubmit: 'pending' },
  verified: { reject: 'rejected' },
};

export type OrgVerificationEvent = 'approve' | 'reject' | 'resubmit';

export function nextOrgStatus(from: VerificationStatus, event: OrgVerificationEvent): VerificationStatus | null {
  return orgVerificationTransitions[from][event] ?? null;
}
