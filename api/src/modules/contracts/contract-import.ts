import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import { contractSubTypes, contractTermsSchema, type ContractTerms } from '../../shared/contract-schemas';
import { contractCategories, ipTypes, orgTypes, regions, technicalFields } from '../../shared/taxonomy';
import type { AuthUser } from '../auth/auth.types';
import type { ImportFormat, ImportJobRecord, ImportRowReport } from '../imports/import-job.model';
import type { ImportRunner } from '../imports/import.service';
import { issueSentence, unknownLabel, valueAt, type ColumnName } from '../imports/row-messages';
import { readRows, type SheetRow } from '../imports/spreadsheet';
import type { OrgDirectory } from '../orgs/org-directory';
import type { ContractModels } from './contract.model';
import type { StatsService } from '../stats/stats.service';
import type { ContractsService } from './contracts.service';

/** The columns of the contract import (Chinese headers; codes or Chinese labels are both accepted). */
export const contractColumns = [
  '合同名称',
  '合同类别',
  '合同子类',
  '技术领域',
  '标的技术内容',
  '买方名称',
  '买方信用代码',
  '买方地区',
  '买方类型',
  '合同成交额(元)',
  '技术交易额(元)',
  '签订日期',
  '开始日期',
  '结束日期',
  '许可方式',
  '知识产权',
  '经纪人',
  '经纪人证书号',
  '佣金(元)',
] as const;
const MAX_ROWS = 5_000;
/** Each column's English name and how its amounts are typed, for the row errors' sentences. */
const columnEn: Record<(typeof contractColumns)[number], string> = {
  合同名称: 'Contract title',
  合同类别: 'Category',
  合同子类: 'Sub-type',
  技术领域: 'Technical field',
  标的技术内容: 'Subject',
  买方名称: "Buyer's name",
  买方信用代码: "Buyer's credit code",
  买方地区: "Buyer's region",
  买方类型: "Buyer's type",
  '合同成交额(元)': 'Contract amount (CNY)',
  '技术交易额(元)': 'Technology amount (CNY)',
  签订日期: 'Signing date',
  开始日期: 'Start date',
  结束日期: 'End date',
  许可方式: 'Licence kind',
  知识产权: 'IP',
  经纪人: 'Broker',
  经纪人证书号: "Broker's certificate no.",
  '佣金(元)': 'Commission (CNY)',
};
const columnName = (header: string): ColumnName => ({
  zh: header,
  en: (columnEn as Record<string, string>)[header] ?? header,
  ...(header.endsWith('(元)') ? { unit: 'yuan' as const } : {}),
});
/** The labels a coded column accepts, listed when a row's value is none of them. */
const optionsOfPath: Record<string, Array<{ zh: string; en: string }>> = {
  category: contractCategories,
  fieldCode: technicalFields,
  'buyer.regionCode': regions,
  'buyer.orgType': orgTypes,
  exclusivity: [
    { zh: '独占', en: 'exclusive' },
    { zh: '排他', en: 'sole' },
    { zh: '普通', en: 'ordinary' },
  ],
};

/** Where a terms path comes from in the sheet, so a row's error names the column the person typed into. */
const columnOfPath: Record<string, (typeof contractColumns)[number]> = {
  title: '合同名称',
  category: '合同类别',
  subType: '合同子类',
  fieldCode: '技术领域',
  subject: '标的技术内容',
  'buyer.name': '买方名称',
  'buyer.creditCode': '买方信用代码',
  'buyer.regionCode': '买方地区',
  'buyer.orgType': '买方类型',
  amountFen: '合同成交额(元)',
  techAmountFen: '技术交易额(元)',
  signedOn: '签订日期',
  startOn: '开始日期',
  endOn: '结束日期',
  exclusivity: '许可方式',
  ip: '知识产权',
  'broker.name': '经纪人',
  'broker.certNo': '经纪人证书号',
  'broker.commissionFen': '佣金(元)',
};
export function columnForPath(path: string): string {
  for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) {
    const hit = columnOfPath[parts.join('.')];
    if (hit) return hit;
  }
  return path.startsWith('ip.') ? '知识产权' : path;
}

/** One example row of the template (a technology-service contract with a broker). */
const exampleRow: Record<(typeof contractColumns)[number], string | number> = {
  合同名称: '焊接机器人焊缝跟踪技术服务合同',
  合同类别: '技术服务',
  合同子类: '技术服务',
  技术领域: '高端装备制造',
  标的技术内容: '为买方解决焊接机器人焊缝跟踪精度不足的特定技术问题，交付工艺参数与验收报告。',
  买方名称: '营口焊装有限公司',
  买方信用代码: '91210800MA0XXXXXXX',
  买方地区: '营口',
  买方类型: '企业',
  '合同成交额(元)': 300000,
  '技术交易额(元)': 280000,
  签订日期: '2026-02-10',
  开始日期: '2026-02-10',
  结束日期: '2026-08-10',
  许可方式: '',
  知识产权: '技术秘密::焊缝跟踪工艺',
  经纪人: '王经纪',
  经纪人证书号: 'LN-TB-0001',
  '佣金(元)': 9000,
};

/** The XLSX template: the headers the importer reads and one example row (codes or Chinese labels both work). */
export async function contractImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('技术合同');
  ws.columns = contractColumns.map((h) => ({ header: h, key: h, width: Math.max(12, h.length * 2 + 4) }));
  ws.addRow(exampleRow);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const code = (list: Array<{ code: string; zh: string; en: string }>, v: string) => {
  const s = v.trim();
  return list.find((t) => t.code === s || t.zh === s || t.en === s || t.zh.replace(/市$|省$/, '') === s)?.code ?? s;
};
const fen = (v: string) => (v.trim() === '' ? NaN : Math.round(Number(v.replace(/[,，\s]/g, '')) * 100));

/** One sheet row as contract terms (the seller is the importing organisation, filled in later). */
export function termsFromRow(cells: Record<string, string>, seller: ContractTerms['seller']) {
  const c = (k: (typeof contractColumns)[number]) => (cells[k] ?? '').trim();
  const category = code(contractCategories, c('合同类别'));
  const subTypes = contractSubTypes[category as keyof typeof contractSubTypes] ?? [];
  const exclusivity = c('许可方式');
  const input = {
    title: c('合同名称'),
    category,
    subType:
      subTypes.find((s) => s.code === c('合同子类') || s.zh === c('合同子类'))?.code ??
      (c('合同子类') || subTypes[0]?.code || ''),
    fieldCode: code(technicalFields, c('技术领域')),
    subject: c('标的技术内容'),
    seller,
    buyer: {
      name: c('买方名称'),
      creditCode: c('买方信用代码'),
      regionCode: code(regions, c('买方地区')),
      orgType: code(orgTypes, c('买方类型') || 'enterprise'),
    },
    amountFen: fen(c('合同成交额(元)')),
    techAmountFen: c('技术交易额(元)') ? fen(c('技术交易额(元)')) : fen(c('合同成交额(元)')),
    signedOn: c('签订日期') || null,
    startOn: c('开始日期') || c('签订日期'),
    endOn: c('结束日期'),
    exclusivity: exclusivity
      ? (({ 独占: 'exclusive', 排他: 'sole', 普通: 'ordinary' } as Record<string, string>)[
          exclusivity.replace(/许可$/, '')
        ] ?? exclusivity)
      : null,
    ip: c('知识产权')
      ? c('知识产权')
          .split(/[;；]/)
          .filter(Boolean)
          .map((part) => {
            const [type, number, ...title] = part.split(/[:：]/);
            return { type: code(ipTypes, type ?? ''), number: number ?? '', title: title.join(':') || c('合同名称') };
          })
      : [],
    broker: c('经纪人')
      ? { name: c('经纪人'), certNo: c('经纪人证书号'), commissionFen: fen(c('佣金(元)')) || 0 }
      : null,
  };
  const parsed = contractTermsSchema.safeParse(input);
  if (parsed.success) return { success: true as const, data: parsed.data };
  // A sentence per column, Chinese first with the English beside it (imports/row-messages.ts).
  const errors: ImportRowError[] = [];
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    const column = columnForPath(path);
    if (errors.some((e) => e.column === column)) continue;
    const value = valueAt(input, issue.path);
    const options = optionsOfPath[path];
    const message =
      issue.code === 'invalid_value' && options && typeof value === 'string' && value !== ''
        ? unknownLabel(columnName(column), value, options)
        : issueSentence(issue, columnName(column), value);
    errors.push({ path, column, message });
  }
  return { success: false as const, errors };
}

export interface ImportRowError {
  path: string;
  /** The sheet column (Chinese header) the error concerns. */
  column: string;
  /** Chinese first, the English in brackets when it differs. */
  message: string;
}

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
