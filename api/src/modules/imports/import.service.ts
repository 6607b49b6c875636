import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/env';
import { BackgroundWork } from '../../background-work';
import { AppError } from '../../http/errors';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ListingDirectory } from '../listings/listing-directory';
import { sanitizeFilename } from '../attachments/attachments.service';
import { detectAllowedMime } from '../attachments/file-kind';
import type { FileStorage } from '../attachments/file-storage';
import { exportAchievements } from './achievement-export';
import type { ImportFormat, ImportJobRecord, ImportKind, ImportModels, ImportRowReport } from './import-job.model';
import { looksLikeText, readRows, type SheetRow } from './spreadsheet';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One batch of rows checked and stored: a report line per row, and how many rows this job stored. */
export type ImportBatchStep = (rows: SheetRow[]) => Promise<{ report: ImportRowReport[]; created: number }>;

/**
 * What one kind of import does with its rows; the job (stored file, progress, report, resume) is the
 * service's. Rows must be stored idempotently (a unique originKey per row), because a resumed job runs
 * its file again from the first row.
 */
export interface ImportRunner {
  /** Rows per batch: progress is stored after each. */
  readonly batchSize: number;
  /** Refusals before anything is stored or recorded (they answer 4xx). */
  admit(user: AuthUser, format: ImportFormat, bytes: Buffer): Promise<void>;
  /** Loads what every batch of one run needs, then checks and stores batches. */
  open(job: ImportJobRecord, bytes: Buffer): Promise<ImportBatchStep>;
}

export class ImportService {
  private readonly running = new Set<string>();
  /** The jobs' runs, so a stop or a test can await them. */
  private readonly jobs = new BackgroundWork();
  private stopping = false;

  constructor(
    private readonly models: ImportModels,
    /** The own organisation's achievements for an export, read through the listings module. */
    private readonly listings: Pick<ListingDirectory, 'ofOrg'>,
    private readonly runners: Record<ImportKind, ImportRunner>,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly logger: Logger,
    private readonly audit: AuditService,
  ) {}

  /** Stores the file, records a queued job and starts it in the background; returns at once. */
  async start(
    user: AuthUser,
    kind: ImportKind,
    file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<ImportJobRecord> {
    const staffJob = kind === 'contract_historic';
    if (!user.orgId && !staffJob) throw new AppError('NOT_ORG_MEMBER');
    if (!file) throw new AppError('VALIDATION_FAILED', [{ in: 'body', path: 'file', message: 'a file is required' }]);
    const mime = await detectAllowedMime(file.buffer);
    const format = mime === XLSX ? 'xlsx' : !mime && looksLikeText(file.buffer) ? 'csv' : null;
    if (!format) throw new AppError('UNSUPPORTED_FILE_TYPE');
    await this.runners[kind].admit(user, format, file.buffer);
    const id = new Types.ObjectId();
    const storageKey = `${crypto.createHash('sha256').update(file.buffer).digest('hex').slice(0, 2)}/${String(id)}`;
    await this.storage.put(storageKey, file.buffer);
    const doc = await this.models.ImportJob.create({
      _id: id,
      orgId: staffJob ? null : user.orgId,
      createdBy: user.id,
      createdByName: user.name,
      kind,
      filename: sanitizeFilename(file.originalname),
      format,
      storageKey,
      status: 'queued',
    });
    void this.jobs.track(this.run(String(id)));
    return doc.toObject() as ImportJobRecord;
  }

  async get(user: AuthUser, id: string): Promise<ImportJobRecord> {
    const job = await this.models.ImportJob.findById(id).lean<ImportJobRecord>();
    // An organisation's job is its members'; a staff job (no organisation) is its creator's.
    const owner = job && (job.orgId ? String(job.orgId) === user.orgId : String(job.createdBy) === user.id);
    if (!job || (!owner && !user.roles.includes('admin'))) throw new AppError('NOT_FOUND');
    return job;
  }

  async listMine(user: AuthUser, kind?: ImportKind): Promise<ImportJobRecord[]> {
    if (kind === 'contract_historic')
      return this.models.ImportJob.find({ kind, createdBy: user.id, orgId: null }, { report: 0 })
        .sort({ createdAt: -1 })
        .limit(20)
        .lean<ImportJobRecord[]>();
    if (!user.orgId) return [];
    return this.models.ImportJob.find({ orgId: user.orgId, ...(kind ? { kind } : {}) }, { report: 0 })
      .sort({ createdAt: -1 })
      .limit(20)
      .lean<ImportJobRecord[]>();
  }

  /** Own organisation's achievements (newest first, at most 20,000) as an XLSX in the import layout. */
  async exportMine(user: AuthUser): Promise<Buffer> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    return exportAchievements(await this.listings.ofOrg('achievement', user.orgId, 20_000));
  }

  /** Called at start-up: jobs a crash or restart interrupted are picked up again. */
  async resumePending(): Promise<number> {
    const jobs = await this.models.ImportJob.find({ status: { $in: ['queued', 'running'] } }, { _id: 1 }).lean();
    for (const j of jobs) void this.jobs.track(this.run(String(j._id)));
    return jobs.length;
  }

  /** Graceful stop: running jobs end after their current batch and stay 'running', so the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Resolves when no job of this process is running. */
  idle(): Promise<void> {
    return this.jobs.settled();
  }

  async run(id: string): Promise<void> {
    if (this.running.has(id) || this.stopping) return;
    this.running.add(id);
    try {
      const job = await this.models.ImportJob.findById(id).lean<ImportJobRecord>();
      if (!job || job.status === 'done' || job.status === 'failed') return;
      await this.process(job);
    } catch (err) {
      this.logger.error({ err, importJob: id }, 'import failed');
      await this.models.ImportJob.updateOne(
        { _id: id },
        { $set: { status: 'failed', error: (err as Error).message, finishedAt: new Date() } },
      );
    } finally {
      this.running.delete(id);
    }
  }

  private async process(job: ImportJobRecord): Promise<void> {
    const runner = this.runners[job.kind];
    const bytes = await streamToBuffer(this.storage.read(job.storageKey));
    const rows = await readRows(job.format, bytes);
    if (rows.length > this.config.IMPORT_MAX_ROWS) throw new Error(`more than ${this.config.IMPORT_MAX_ROWS} rows`);
    const step = await runner.open(job, bytes);
    await this.models.ImportJob.updateOne(
      { _id: job._id },
      { $set: { status: 'running', total: rows.length, startedAt: job.startedAt ?? new Date() } },
    );
    const report: ImportRowReport[] = [];
    let created = 0;
    let failed = 0;
    for (let i = 0; i < rows.length; i += runner.batchSize) {
      if (this.stopping) return;
      const batch = rows.slice(i, i + runner.batchSize);
      const done = await step(batch);
      report.push(...done.report);
      created += done.created;
      failed += done.report.filter((r) => r.status === 'error').length;
      await this.models.ImportJob.updateOne(
        { _id: job._id },
        { $set: { processed: Math.min(rows.length, i + batch.length), created, failed } },
      );
    }
    report.sort((a, b) => a.row - b.row);
    await this.models.ImportJob.updateOne(
      { _id: job._id },
      { $set: { status: 'done', report, created, failed, processed: rows.length, finishedAt: new Date() } },
    );
    await this.audit.record(
      { id: String(job.createdBy), name: job.createdByName ?? '' },
      {
        entity: 'import',
        entityId: String(job._id),
        action: 'import',
        to: 'done',
        reason: `${job.kind}: ${created} created, ${failed} failed`,
      },
    );
    this.logger.info(
      { importJob: String(job._id), kind: job.kind, rows: rows.length, created, failed },
      'import finished',
    );
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
