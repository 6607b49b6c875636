import crypto from 'node:crypto';
import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { AuthUser } from '../auth/auth.types';
import type { ImportFormat, ImportJobRecord, ImportRowReport } from '../imports/import-job.model';
import type { ImportRunner } from '../imports/import.service';
import { readRows, type SheetRow } from '../imports/spreadsheet';
import type { OrgDirectory } from '../orgs/org-directory';
import type { ContractModels } from './contract.model';
import type { StatsService } from '../stats/stats.service';
import type { ContractsService } from './contracts.service';

import { MAX_ROWS, termsFromRow } from './contract-import-sheet';
export {
  columnForPath,
  contractColumns,
  contractImportTemplate,
  termsFromRow,
  type ImportRowError,
} from './contract-import-sheet';

/** The same rows as the tally sees them: 100 per batch, because applying them to the tally (~50 ms per 10 contracts on the embedded FerretDB) dominates and the bar should move every half second or so. */
const BATCH = 100;

/**
 * Paper contracts from CSV/XLSX as an import job (ImportService owns the stored file, progress and resume).
 * Rows are keyed `import:<organisation>:<file hash>:<row>`, so the organisation uploading the same file again,
 * or resuming a job, stores nothing twice, while another organisation's identical file is its own; each batch
 * goes in with insertMany and is applied to the tally before progress moves.
 */
export class ContractImport implements ImportRunner {
  readonly batchSize = BATCH;

  constructor(
    private readonly models: Pick<ContractModels, 'Contract'>,
    private readonly contracts: ContractsService,
    private readonly stats: StatsService,
    private readonly orgs: OrgDirectory,
  ) {}

  /** Refused before a job exists: no verified organisation, an unreadable file, too many rows. */
  async admit(user: AuthUser, format: ImportFormat, bytes: Buffer): Promise<void> {
    const org = await this.orgs.record(user.orgId);
    if (!org || org.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    let rows: SheetRow[];
    try {
      rows = await readRows(format, bytes);
    } catch {
      throw new AppError('VALIDATION_FAILED', [
        { in: 'file', path: 'file', message: 'not a readable CSV or XLSX file' },
      ]);
    }
    if (rows.length > MAX_ROWS)
      throw new AppError('VALIDATION_FAILED', [{ in: 'file', path: 'file', message: `at most ${MAX_ROWS} rows` }]);
  }

  async open(job: ImportJobRecord, bytes: Buffer) {
    const org = await this.orgs.record(job.orgId);
    if (!org) throw new Error('organisation no longer exists');
    const fileKey = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const seller = { name: org.name, creditCode: org.creditCode, regionCode: org.regionCode, orgType: org.type };
    const createdBy = { id: String(job.createdBy), name: job.createdByName ?? '' };
    return async (rows: SheetRow[]) => {
      const report: ImportRowReport[] = [];
      const pending: PendingRow[] = [];
      for (const r of rows) {
        const parsed = termsFromRow(r.cells, seller);
        const title = (r.cells['合同名称'] ?? '').trim().slice(0, 200);
        if (!parsed.success) {
          report.push({ row: r.row, status: 'error', title, errors: parsed.errors });
          continue;
        }
        try {
          const doc = await this.contracts.paperContract(
            createdBy,
            org,
            parsed.data,
            importOriginKey(org._id, fileKey, r.row),
            'import',
          );
          const line: ImportRowReport = { row: r.row, status: 'created', title, id: String(doc._id) };
          pending.push({
            doc: { ...doc, importJobId: job._id },
            legacyKey: legacyImportOriginKey(fileKey, r.row),
            line,
          });
          report.push(line);
        } catch (err) {
          // paperContract refuses only a missing signing date; anything else (the database) fails the batch.
          if (!(err instanceof AppError)) throw err;
          report.push({
            row: r.row,
            status: 'error',
            title,
            errors: [
              {
                path: 'signedOn',
                column: '签订日期',
                message: '纸质合同须填写签订日期（a paper contract needs its signing date）',
              },
            ],
          });
        }
      }
      const created = await this.insert(job, pending);
      await this.stats.applyMany(report.filter((r) => r.id).map((r) => new Types.ObjectId(r.id)));
      return { report, created };
    };
  }

  /**
   * Inserts a batch. A row stored before under the same key keeps its first contract: counted as created
   * when this job stored it (a run interrupted after the insert), otherwise reported as imported before.
   * Rows this organisation imported under the legacy key are looked up first, as the new key cannot collide
   * with them.
   */
  private async insert(job: ImportJobRecord, pending: PendingRow[]): Promise<number> {
    if (pending.length === 0) return 0;
    const legacy = await this.storedUnder(
      job,
      pending.map((p) => p.legacyKey),
    );
    let created = 0;
    const fresh: PendingRow[] = [];
    for (const p of pending) {
      const stored = legacy.get(p.legacyKey);
      if (stored) created += this.link(job, p.line, stored);
      else fresh.push(p);
    }
    if (fresh.length === 0) return created;
    try {
      await this.models.Contract.insertMany(
        fresh.map((p) => p.doc),
        { ordered: false },
      );
      return created + fresh.length;
    } catch (err) {
      if (!(err as { writeErrors?: unknown[] }).writeErrors && (err as { code?: number }).code !== 11000) throw err;
    }
    const byKey = await this.storedUnder(
      job,
      fresh.map((p) => p.doc.originKey as string),
    );
    for (const p of fresh) {
      const stored = byKey.get(p.doc.originKey as string);
      if (stored) created += this.link(job, p.line, stored);
      else
        Object.assign(p.line, {
          status: 'error',
          id: undefined,
          errors: [{ path: '', column: '', message: '未能保存，请重新导入（could not be stored; import again）' }],
        });
    }
    return created;
  }

  /** The job organisation's contracts under these keys (never another seller's, whatever the key). */
  private async storedUnder(job: ImportJobRecord, keys: string[]): Promise<Map<string, StoredRow>> {
    const found = await this.models.Contract.find(
      { originKey: { $in: keys }, sellerOrgId: job.orgId },
      { originKey: 1, importJobId: 1 },
    ).lean<StoredRow[]>();
    return new Map(found.map((c) => [c.originKey, c]));
  }

  /** Points a report line at the contract stored before; 1 when this job stored it. */
  private link(job: ImportJobRecord, line: ImportRowReport, stored: StoredRow): number {
    line.id = String(stored._id);
    return String(stored.importJobId) === String(job._id) ? 1 : 0;
  }
}

/** One checked row on its way in: the contract, the key the same row had before keys named the organisation, its report line. */
type PendingRow = { doc: Record<string, unknown>; legacyKey: string; line: ImportRowReport };
type StoredRow = { _id: Types.ObjectId; originKey: string; importJobId?: Types.ObjectId };

/** The idempotency key of an imported row: per seller organisation, so byte-identical files of two organisations never meet. */
export const importOriginKey = (orgId: Types.ObjectId | string, fileKey: string, row: number) =>
  `import:${String(orgId)}:${fileKey}:${row}`;
/** The key rows were imported under until 2026-11-30 (no organisation): still recognised, for the seller that stored them only. */
export const legacyImportOriginKey = (fileKey: string, row: number) => `import:${fileKey}:${row}`;
