import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PageDto } from '@shared/dto';
import { api, withQuery } from './client';

export interface AuditEntryDto {
  id: string;
  at: string;
  actorId: string;
  actorName: string | null;
  entity: string;
  entityId: string;
  action: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  ip: string | null;
}

export interface AuditFilters {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  all: ['audit'] as const,
  list: (params: AuditFilters & { page: number; pageSize: number }) => [...auditKeys.all, 'list', params] as const,
};

/** The audit log (admins): the previous page stays on screen, dimmed, while a new filter loads. */
export function useAuditLog(params: AuditFilters & { page: number; pageSize: number }) {
  return useQuery({
    queryKey: auditKeys.list(params),
    queryFn: () => api.get<PageDto<AuditEntryDto>>('/api/audit', { ...params }),
    placeholderData: keepPreviousData,
  });
}

/** The CSV of the same filter (a same-origin link: the session cookie goes along, the API names the file). */
export const auditExportUrl = (filters: AuditFilters) => withQuery('/api/audit/export', { ...filters });
