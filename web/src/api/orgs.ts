import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InvitationDto,
  OrgDetailDto,
  OrgPublicDto,
  PageDto,
  PublicUserDto,
  VerificationStatus,
} from '@shared/dto';
import type { CreateOrgBody, UpdateOrgBody, VerifyOrgBody } from '@shared/schemas';
import type { OrgRole, OrgType } from '@shared/taxonomy';
import { authKeys } from './auth';
import { api } from './client';

export interface OrgListParams {
  page?: number;
  pageSize?: number;
  type?: OrgType;
  regionCode?: string;
  submarketCode?: string;
  status?: VerificationStatus;
  q?: string;
}

export type OrgView = OrgPublicDto | OrgDetailDto;

/** Members and staff receive the detailed view (credit code, contacts, history). */
export const isOrgDetail = (org: OrgView): org is OrgDetailDto => 'creditCode' in org;

export const orgKeys = {
  all: ['orgs'] as const,
  lists: () => [...orgKeys.all, 'list'] as const,
  list: (params: OrgListParams) => [...orgKeys.lists(), params] as const,
  details: () => [...orgKeys.all, 'detail'] as const,
  detail: (id: string) => [...orgKeys.details(), id] as const,
  members: (id: string) => [...orgKeys.all, 'members', id] as const,
  invitations: (id: string) => [...orgKeys.all, 'invitations', id] as const,
};

export function useOrgs(params: OrgListParams, enabled = true) {
  return useQuery({
    queryKey: orgKeys.list(params),
    queryFn: () => api.get<PageDto<OrgPublicDto>>('/api/orgs', { ...params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrg(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.detail(id ?? ''),
    queryFn: async () => (await api.get<{ org: OrgView }>(`/api/orgs/${id}`)).org,
    enabled: !!id,
  });
}

export function useOrgMembers(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orgKeys.members(id ?? ''),
    queryFn: async () => (await api.get<{ items: PublicUserDto[] }>(`/api/orgs/${id}/members`)).items,
    enabled: !!id && enabled,
  });
}

export function useCreateOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CreateOrgBody) => (await api.post<{ org: OrgDetailDto }>('/api/orgs', body)).org,
    onSuccess: (org) => {
      qc.setQueryData(orgKeys.detail(org.id), org);
      void qc.invalidateQueries({ queryKey: orgKeys.lists() });
      // The creator becomes the organisation's admin: the session user changes too.
      void qc.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

export function useUpdateOrg(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateOrgBody) => (await api.patch<{ org: OrgView }>(`/api/orgs/${id}`, body)).org,
    onSuccess: (org) => {
      qc.setQueryData(orgKeys.detail(id), org);
      void qc.invalidateQueries({ queryKey: orgKeys.lists() });
    },
  });
}

export function useVerifyOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: VerifyOrgBody & { id: string }) =>
      (await api.post<{ org: OrgView }>(`/api/orgs/${id}/verify`, body)).org,
    onSuccess: (org) => {
      qc.setQueryData(orgKeys.detail(org.id), org);
      void qc.invalidateQueries({ queryKey: orgKeys.lists() });
    },
  });
}

/** Invites an address; the person joins only by accepting on their account page. */
export function useInviteMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; orgRole: OrgRole }) =>
      (await api.post<{ invitation: InvitationDto }>(`/api/orgs/${id}/invitations`, body)).invitation,
    onSuccess: () => void qc.invalidateQueries({ queryKey: orgKeys.invitations(id) }),
  });
}

export function useOrgInvitations(id: string, enabled = true) {
  return useQuery({
    queryKey: orgKeys.invitations(id),
    queryFn: async () => (await api.get<{ items: InvitationDto[] }>(`/api/orgs/${id}/invitations`)).items,
    enabled: !!id && enabled,
  });
}

export function useRevokeInvitation(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.post(`/api/orgs/${id}/invitations/${invitationId}/revoke`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: orgKeys.invitations(id) }),
  });
}

export function useRemoveMember(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/orgs/${id}/members/${userId}`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.members(id) });
      void qc.invalidateQueries({ queryKey: orgKeys.detail(id) });
    },
  });
}

/** Leaving changes the signed-in user (no organisation any more) and what they may see of this one. */
export function useLeaveOrg(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/orgs/${id}/leave`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: authKeys.me() });
      void qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}

/** The organisation's admin puts an uploaded image or PDF on file as its 营业执照 / 事业单位法人证书. */
export function useSetOrgLicence(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (attachmentId: string) =>
      (await api.put<{ org: OrgView }>(`/api/orgs/${id}/licence`, { attachmentId })).org,
    onSuccess: (org) => {
      qc.setQueryData(orgKeys.detail(id), org);
      void qc.invalidateQueries({ queryKey: orgKeys.lists() });
    },
  });
}
