import { z } from 'zod';
import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/env';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import { createAchievementBody } from '../../shared/catalog-schemas';
import { submarketForRegion } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import { sanitizeFilename } from '../attachments/attachments.service';
import { detectAllowedMime } from '../attachments/file-kind';
import type { FileStorage } from '../attachments/file-storage';
import type { ListingService } from '../listings/listing.service';
import { columnForPath, mapAchievementRow } from './achievement-columns';
import type { ImportJobRecord, ImportRowReport } from './import-job.model';
import { looksLikeText, readRows } from './spreadsheet';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 500 rows per insertMany: measured ~2× faster than 100 on FerretDB, with progress still updating often. */
/** zod's built-in Chinese messages, for the per-row import report. */
const zhMessages = z.locales.zhCN();

const BATCH = 500;

export class ImportService {
  private readonly running = new Set<string>();
  private stopping = false;

  constructor(
    private readonly models: Models,
    private readonly achievements: ListingService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {}

  /** Stores the file, records a queued job and starts it in the background; returns at once. */
  async start(user: AuthUser, file: { originalname: string; buffer: Buffer }): Promise<ImportJobRecord> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const mime = await detectAllowedMime(file.buffer);
    const format = mime === XLSX ? 'xlsx' : !mime && looksLikeText(file.buffer) ? 'csv' : null;
    if (!format) throw new AppError('UNSUPPORTED_FILE_TYPE');
    const id = new Types.ObjectId();
    const storageKey = `${crypto.createHash('sha256').update(file.buffer).digest('hex').slice(0, 2)}/${String(id)}`;
    await this.storage.put(storageKey, file.buffer);
    const doc = await this.models.ImportJob.create({
      _id: id,
      orgId: user.orgId,
      createdBy: user.id,
      createdByName: user.name,
      kind: 'achievement',
      filename: sanitizeFilename(file.originalname),
      format,
      storageKey,
      status: 'queued',
    });
    void this.run(String(id));
    return doc.toObject() as ImportJobRecord;
  }

  async get(user: AuthUser, id: string): Promise<ImportJobRecord> {
    const job = await this.models.ImportJob.findById(id).lean<ImportJobRecord>();
    if (!job || (String(job.orgId) !== user.orgId && !user.roles.includes('admin'))) throw new AppError('NOT_FOUND');
    return job;
  }

  async listMine(user: AuthUser): Promise<ImportJobRecord[]> {
    if (!user.orgId) return [];
    return this.models.ImportJob.find({ orgId: user.orgId }, { report: 0 }).sort({ createdAt: -1 }).limit(20).lean<ImportJobRecord[]>();
  }

  /** Called at start-up: jobs a crash or restart interrupted are picked up again. */
  async resumePending(): Promise<number> {
    const jobs = await this.models.ImportJob.find({ status: { $in: ['queued', 'running'] } }, { _id: 1 }).lean();
    for (const j of jobs) void this.run(String(j._id));
    return jobs.length;
  }

  /** Graceful stop: running jobs end after their current batch and stay 'running', so the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Resolves when no job of this process is running. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await new Promise((r) => setTimeout(r, 20));
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
      await this.models.ImportJob.updateOne({ _id: id }, { $set: { status: 'failed', error: (err as Error).message, finishedAt: new Date() } });
    } finally {
      this.running.delete(id);
    }
  }

  private async process(job: ImportJobRecord): Promise<void> {
    const bytes = await streamToBuffer(this.storage.read(job.storageKey));
    const rows = await readRows(job.format, bytes);
    if (rows.length > this.config.IMPORT_MAX_ROWS) throw new Error(`more than ${this.config.IMPORT_MAX_ROWS} rows`);
    const org = await this.models.Org.findById(job.orgId, { type: 1 }).lean();
    if (!org) throw new Error('organisation no longer exists');
    await this.models.ImportJob.updateOne({ _id: job._id }, { $set: { status: 'running', total: rows.length, startedAt: job.startedAt ?? new Date() } });
    const report: ImportRowReport[] = [];
    let created = 0;
    let failed = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      if (this.stopping) return;
      const batch = rows.slice(i, i + BATCH);
      const docs: Array<Record<string, unknown>> = [];
      const pending: ImportRowReport[] = [];
      const now = new Date();
      for (const { row, cells } of batch) {
        const mapped = mapAchievementRow(cells);
        const parsed = createAchievementBody.safeParse(mapped.body);
        const errors = [...mapped.errors];
        if (!parsed.success) {
          // Chinese first, English beside it: the same validation again with zod's zh-CN messages.
          const zh = createAchievementBody.safeParse(mapped.body, { error: zhMessages.localeError });
          const zhByPath = new Map((zh.success ? [] : zh.error.issues).map((i) => [i.path.join('.'), i.message]));
          for (const issue of parsed.error.issues) {
            const path = issue.path.join('.');
            const column = columnForPath(path);
            const zhMessage = zhByPath.get(path);
            const message = zhMessage && zhMessage !== issue.message ? `${zhMessage}（${issue.message}）` : issue.message;
            if (!errors.some((e) => e.column === column)) errors.push({ column, message });
          }
        }
        if (errors.length > 0) {
          report.push({ row, status: 'error', title: String(mapped.body.title ?? ''), errors });
          failed++;
          continue;
        }
        const content = parsed.data as Record<string, unknown>;
        const _id = new Types.ObjectId();
        docs.push({
          _id,
          ownerOrgId: job.orgId,
          ownerOrgType: org.type,
          createdBy: job.createdBy,
          submarketCode: submarketForRegion(String(content.regionCode)),
          status: 'draft',
          content,
          live: null,
          revision: { status: null },
          originKey: `import:${job._id}:${row}`,
          // insertMany({ lean: true }) skips Mongoose defaults and timestamps, so they are set here.
          version: 1,
          // Imported rows are drafts: nothing for the search index until one is published.
          searchDirty: false,
          award: null,
          createdAt: now,
          updatedAt: now,
        });
        pending.push({ row, status: 'created', id: String(_id), title: String(content.title) });
      }
      created += await this.insertIdempotent(docs, pending);
      report.push(...pending);
      await this.models.ImportJob.updateOne({ _id: job._id }, { $set: { processed: Math.min(rows.length, i + batch.length), created, failed } });
    }
    report.sort((a, b) => a.row - b.row);
    await this.models.ImportJob.updateOne({ _id: job._id }, { $set: { status: 'done', report, created, failed, processed: rows.length, finishedAt: new Date() } });
    await this.models.Audit.create({
      entity: 'import', entityId: String(job._id), action: 'import', to: 'done', actorId: String(job.createdBy), actorName: job.createdByName, at: new Date(),
      reason: `${created} created, ${failed} failed`,
    });
    this.logger.info({ importJob: String(job._id), rows: rows.length, created, failed }, 'import finished');
  }

  /**
   * Inserts a batch; rows already stored by an interrupted earlier run (same originKey) are reported with
   * their existing id instead of being created twice.
   */
  private async insertIdempotent(docs: Array<Record<string, unknown>>, pending: ImportRowReport[]): Promise<number> {
    if (docs.length === 0) return 0;
    try {
      await this.achievements.cfg.model.insertMany(docs, { ordered: false, lean: true });
      return docs.length;
    } catch (err) {
      if (!(err as { code?: number; writeErrors?: unknown[] }).writeErrors && (err as { code?: number }).code !== 11000) throw err;
      const keys = docs.map((d) => d.originKey as string);
      const existing = await this.achievements.cfg.model.find({ originKey: { $in: keys } }, { originKey: 1 }).lean();
      const idByKey = new Map(existing.map((e) => [e.originKey as string, String(e._id)]));
      docs.forEach((d, i) => (pending[i].id = idByKey.get(d.originKey as string) ?? pending[i].id));
      return existing.length;
    }
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
