/** Bulk import of achievements (CSV/XLSX) and the XLSX export: /api/achievements/import, /api/imports. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client';
import type { ImportJobDto } from './listing-types';
import { listingKeys } from './listings';

export const IMPORT_TEMPLATE_URL = '/api/achievements/import-template.xlsx';
export const EXPORT_URL = '/api/achievements/export.xlsx';
/** The progress bar asks twice a second while the job is queued or running. */
export const IMPORT_POLL_MS = 500;

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
};

export const isImportActive = (job?: ImportJobDto) => job?.status === 'queued' || job?.status === 'running';

export function useImportJobs() {
  return useQuery({
    queryKey: importKeys.lists(),
    queryFn: async () => (await api.get<{ items: ImportJobDto[] }>('/api/imports')).items,
  });
}

/** One job, polled while it runs; when it finishes, the achievement lists and the job list are refreshed. */
export function useImportJob(id: string | undefined) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: async () => (await api.get<{ job: ImportJobDto }>(`/api/imports/${id}`)).job,
    enabled: !!id,
    refetchInterval: (q) => (isImportActive(q.state.data) ? IMPORT_POLL_MS : false),
  });
  const finished = query.data && !isImportActive(query.data) ? query.data.status : null;
  useEffect(() => {
    if (!finished) return;
    void qc.invalidateQueries({ queryKey: listingKeys.lists('achievement') });
    void qc.invalidateQueries({ queryKey: importKeys.lists() });
  }, [finished, id, qc]);
  return query;
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => (await api.upload<{ job: ImportJobDto }>('/api/achievements/import', file)).job,
    onSuccess: (job) => {
      qc.setQueryData(importKeys.detail(job.id), job);
      void qc.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}
