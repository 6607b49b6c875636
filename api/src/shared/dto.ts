/** Response shapes that cross the wire (presenters produce them, the web app consumes them). */
import type { OrgRole, OrgType, UserRole } from './taxonomy';

export type VerificationStatus = 'pending' | 'verified' | 'rejected';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  phone?: string;
  locale: 'zh-CN' | 'en';
  orgId: string | null;
  orgRole: OrgRole | null;
  roles: UserRole[];
  brokerCertNo?: string;
  operatorSubmarkets: string[];
  officialRegion?: string;
  createdAt: string;
  disabled?: boolean;
  /** Admin list only: sign-in is locked from at least one address after failed attempts. */
  locked?: boolean;
}

/** What anyone may see of a user (e.g. a member list). */
export interface PublicUserDto {
  id: string;
  name: string;
  orgRole: OrgRole | null;
  roles: UserRole[];
}

export interface OrgPublicDto {
  id: string;
  name: string;
  nameEn?: string;
  type: OrgType;
  regionCode: string;
  submarketCode: string;
  tags: string[];
  description: string;
  website?: string;
  verificationStatus: VerificationStatus;
  createdAt: string;
}

/** Members and operators also see the code, contacts and the verification history. */
export interface OrgDetailDto extends OrgPublicDto {
  /** Null for makers, who are identified by a resident ID (see MakerDto). */
  creditCode: string | null;
  contactName?: string;
  contactPhone?: string;
  verification: { status: VerificationStatus; reason?: string; decidedAt?: string; decidedBy?: string };
  /** A verified organisation's requested change of name, code, type or region, waiting for an operator. */
  pendingChange: {
    name?: string;
    creditCode?: string;
    type?: OrgType;
    regionCode?: string;
    requestedAt: string;
    requestedBy?: string;
  } | null;
  history: Array<{ action: string; at: string; by: string; reason?: string }>;
  /** The 营业执照 / 事业单位法人证书 on file (members and staff only); null until one is uploaded. */
  licence: {
    attachmentId: string;
    kind: 'business_licence' | 'institution_certificate' | 'id_document';
    filename?: string;
    mime?: string;
    uploadedAt: string;
  } | null;
}

/** An invitation to join an organisation: what the inviting admins and the invitee see. */
export interface InvitationDto {
  id: string;
  org: { id: string; name: string; verificationStatus: VerificationStatus };
  email: string;
  orgRole: OrgRole;
  status: 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';
  invitedBy: string;
  expiresAt: string;
  createdAt: string;
}

export interface SessionDto {
  token: string;
  expiresAt: string;
  user: UserDto;
}

export interface PageDto<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
