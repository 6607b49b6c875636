import type { OrgDetailDto, OrgPublicDto, VerificationStatus } from '../../shared/dto';
import type { OrgType } from '../../shared/taxonomy';
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
    creditCode: o.creditCode,
    contactName: o.contactName ?? undefined,
    contactPhone: o.contactPhone ?? undefined,
    verification: {
      status: (o.verification?.status ?? 'pending') as VerificationStatus,
      reason: o.verification?.reason ?? undefined,
      decidedAt: o.verification?.decidedAt ? new Date(o.verification.decidedAt).toISOString() : undefined,
      decidedBy: o.verification?.decidedBy ?? undefined,
    },
    history: history.map((h) => ({
      action: h.action,
      at: new Date(h.at).toISOString(),
      by: h.actorName ?? '',
      reason: h.reason ?? undefined,
    })),
  };
}
