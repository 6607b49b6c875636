import type { ImportJobRecord } from './import-job.model';

/** An import job for its organisation: progress, and the per-row report when asked for. */
export const presentImportJob = (j: ImportJobRecord, withReport: boolean) => ({
  id: String(j._id),
  kind: j.kind,
  filename: j.filename,
  format: j.format,
  status: j.status,
  total: j.total,
  processed: j.processed,
  created: j.created,
  failed: j.failed,
  error: j.error ?? null,
  createdAt: new Date(j.createdAt).toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
  ...(withReport ? { report: j.report } : {}),
});
