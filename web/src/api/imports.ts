/**
 * Bulk imports as jobs (achievements: POST /api/achievements/import; paper contracts: POST
 * /api/contracts/import), their progress at /api/imports, and the achievement XLSX export.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError } from './client';
import { contractKeys } from './contracts';
import type { ImportJobDto, ImportKind } from './listing-types';
import { listingKeys } from './listings';
import { statsKeys } from './stats';

export const IMPORT_TEMPLATE_URL = '/api/achievements/import-template.xlsx';
export const EXPORT_URL = '/api/achievements/export.xlsx';
/** The progress bar asks twice a second while the job is queued or running. */
export const IMPORT_POLL_MS = 500;

const startPath: Record<ImportKind, string> = {
  achievement: '/api/achievements/import',
  contract: '/api/contracts/import',
  contract_historic: '/api/contracts/historic-import',
};

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (kind: ImportKind) => [...importKeys.lists(), kind] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
};

export const isImportActive = (job?: ImportJobDto) => job?.status === 'queued' || job?.status === 'running';

export function useImportJobs(kind: ImportKind) {
  return useQuery({
    queryKey: importKeys.list(kind),
    queryFn: async () => (await api.get<{ items: ImportJobDto[] }>('/api/imports', { kind })).items,
  });
}

/** One job, polled while it runs; when it finishes, what it wrote (listings, or contracts and the tally) and the job lists are refreshed. */
export function useImportJob(id: string | undefined) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.detail(id ?? ''),
    queryFn: async () => (await api.get<{ job: ImportJobDto }>(`/api/imports/${id}`)).job,
    enabled: !!id,
    refetchInterval: (q) => (isImportActive(q.state.data) ? IMPORT_POLL_MS : false),
  });
  const finished = query.data && !isImportActive(query.data) ? query.data.status : null;
  const kind = query.data?.kind;
  useEffect(() => {
    if (!finished) return;
    if (kind === 'contract') {
      void qc.invalidateQueries({ queryKey: contractKeys.all });
      void qc.invalidateQueries({ queryKey: statsKeys.all });
    } else void qc.invalidateQueries({ queryKey: listingKeys.lists('achievement') });
    void qc.invalidateQueries({ queryKey: importKeys.lists() });
  }, [finished, kind, id, qc]);
  return query;
}

/**
 * One file as multipart `file` through XMLHttpRequest, which (unlike fetch) reports the bytes sent, so a
 * large file shows its upload before the job exists; failures become the same ApiError as the shared client's.
 */
function uploadWithProgress<T>(path: string, file: File, onUpload: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUpload(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'NETWORK', {
          zh: '无法连接服务器，请检查网络',
          en: 'Cannot reach the server; check your connection',
        }),
      );
    xhr.onload = () => {
      let data:
        | { error?: { code?: string; message?: { zh: string; en: string }; details?: unknown; requestId?: string } }
        | undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = data?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? { zh: `请求失败（${xhr.status}）`, en: `Request failed (${xhr.status})` },
          err?.details,
          err?.requestId,
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    onUpload(0);
    xhr.send(form);
  });
}

/** Uploads the file and records the job (202 at once); the job is then polled with useImportJob. */
export function useStartImport(kind: ImportKind, onUpload: (percent: number) => void = () => undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) =>
      (await uploadWithProgress<{ job: ImportJobDto }>(startPath[kind], file, onUpload)).job,
    onSuccess: (job) => {
      qc.setQueryData(importKeys.detail(job.id), job);
      void qc.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}
