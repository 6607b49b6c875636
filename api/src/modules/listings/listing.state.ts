/**
 * The listing review state machine (achievements and needs alike), as one table.
 *
 *   draft ──submit──▶ pending_review ──approve──▶ published ──archive──▶ archived
 *     ▲                  │    │                                   ▲
 *     └────withdraw──────┘    └──reject──▶ rejected ──submit──────┘(back to pending_review)
 *
 * A published listing is edited through a revision with its own small machine
 * (draft → pending_review → approved (becomes live) | rejected → pending_review …) while the public keeps
 * seeing the approved version.
 */
export const listingStatuses = ['draft', 'pending_review', 'published', 'rejected', 'archived'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export type ListingEvent = 'submit' | 'withdraw' | 'approve' | 'reject' | 'archive';

export const listingTransitions: Record<ListingStatus, Partial<Record<ListingEvent, ListingStatus>>> = {
  draft: { submit: 'pending_review', archive: 'archived' },
  pending_review: { approve: 'published', reject: 'rejected', withdraw: 'draft' },
  rejected: { submit: 'pending_review', archive: 'archived' },
  published: { archive: 'archived' },
  archived: {},
};

export type RevisionStatus = 'draft' | 'pending_review' | 'rejected';

export const revisionTransitions: Record<RevisionStatus, Partial<Record<ListingEvent, RevisionStatus | 'merged'>>> = {
  draft: { submit: 'pending_review' },
  pending_review: { approve: 'merged', reject: 'rejected', withdraw: 'draft' },
  rejected: { submit: 'pending_review' },
};

export function nextStatus(from: ListingStatus, event: ListingEvent): ListingStatus | null {
  return listingTransitions[from][event] ?? null;
}

export function nextRevision(from: RevisionStatus, event: ListingEvent): RevisionStatus | 'merged' | null {
  return revisionTransitions[from][event] ?? null;
}

/** Listings whose content the owner may edit: everything but a listing waiting for review or archived. */
export const editableStatuses: ListingStatus[] = ['draft', 'rejected', 'published'];
