import type { InvitationDto, OrgDetailDto, OrgPublicDto, VerificationStatus } from '../../shared/dto';
import type { OrgType } from '../../shared/taxonomy';
import { expired, type InvitationRecord } from './invitation.model';
import type { OrgRecord } from './org.model';

export function presentOrgPublic(o: OrgRecord): OrgPublicDto {
  return {
    id: String(o._id),
    name: o.name,
    nameEn: o.nameEn ?? undefined,
    type: o.type as OrgType,
    regionCode: o.regionCode,
    submarketCode: o.submarketCode,
    tags: o.tags ?? [],
    description: o.description ?? '',
    website: o.website ?? undefined,
    verificationStatus: (o.verification?.status ?? 'pending') as VerificationStatus,
    createdAt: new Date(o.createdAt).toISOString(),
  };
}

export function presentOrgDetail(
  o: OrgRecord,
  history: Array<{ action: string; at: Date; actorName?: string | null; reason?: string | null }>,
): OrgDetailDto {
  return {
    ...presentOrgPublic(o),
    creditCode: o.creditCode ?? null,
    contactName: o.contactName ?? undefined,
    contactPhone: o.contactPhone ?? undefined,
    verification: {
      status: (o.verification?.status ?? 'pending') as VerificationStatus,
      reason: o.verification?.reason ?? undefined,
      decidedAt: o.verification?.decidedAt ? new Date(o.verification.decidedAt).toISOString() : undefined,
      decidedBy: o.verification?.decidedBy ?? undefined,
    },
    pendingChange: o.pendingChange
      ? {
          name: o.pendingChange.name ?? undefined,
          creditCode: o.pendingChange.creditCode ?? undefined,
          type: (o.pendingChange.type ?? undefined) as OrgType | undefined,
          regionCode: o.pendingChange.regionCode ?? undefined,
          requestedAt: new Date(o.pendingChange.requestedAt).toISOString(),
          requestedBy: o.pendingChange.requestedBy ?? undefined,
        }
      : null,
    licence: o.licence
      ? {
          attachmentId: o.licence.attachmentId,
          kind: o.licence.kind as 'business_licence' | 'institution_certificate' | 'id_document',
          filename: o.licence.filename ?? undefined,
          mime: o.licence.mime ?? undefined,
          uploadedAt: new Date(o.licence.uploadedAt).toISOString(),
        }
      : null,
    history: history.map((h) => ({
      action: h.action,
      at: new Date(h.at).toISOString(),
      by: h.actorName ?? '',
      reason: h.reason ?? undefined,
    })),
  };
}

/** The same card for the inviting admins and the invitee; an invitation past its date shows as expired. */
export function presentInvitation(
  i: InvitationRecord,
  org: Pick<OrgRecord, '_id' | 'name' | 'verification'>,
): InvitationDto {
  return {
    id: String(i._id),
    org: {
      id: String(org._id),
      name: org.name,
      verificationStatus: (org.verification?.status ?? 'pending') as VerificationStatus,
    },
    email: i.email,
    orgRole: i.orgRole,
    status: expired(i) ? ('expired' as const) : i.status,
    invitedBy: i.invitedByName,
    expiresAt: new Date(i.expiresAt).toISOString(),
    createdAt: new Date(i.createdAt).toISOString(),
  };
}
