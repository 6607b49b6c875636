import crypto from 'node:crypto';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import { contractSubTypes, contractTermsSchema, type ContractTerms } from '../../shared/contract-schemas';
import { contractCategories, ipTypes, orgTypes, regions, technicalFields } from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { readRows, type SheetRow } from '../imports/spreadsheet';
import type { OrgRecord } from '../orgs/org.model';
import type { StatsService } from '../stats/stats.service';
import type { ContractsService } from './contracts.service';

/** The columns of the contract import (Chinese headers; codes or Chinese labels are both accepted). */
export const contractColumns = [
  '合同名称', '合同类别', '合同子类', '技术领域', '标的技术内容', '买方名称', '买方信用代码', '买方地区', '买方类型',
  '合同成交额(元)', '技术交易额(元)', '签订日期', '开始日期', '结束日期', '许可方式', '知识产权', '经纪人', '经纪人证书号', '佣金(元)',
] as const;
const MAX_ROWS = 5_000;

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
  return contractTermsSchema.safeParse({
    title: c('合同名称'),
    category,
    subType: subTypes.find((s) => s.code === c('合同子类') || s.zh === c('合同子类'))?.code ?? (c('合同子类') || subTypes[0]?.code || ''),
    fieldCode: code(technicalFields, c('技术领域')),
    subject: c('标的技术内容'),
    seller,
    buyer: { name: c('买方名称'), creditCode: c('买方信用代码'), regionCode: code(regions, c('买方地区')), orgType: code(orgTypes, c('买方类型') || 'enterprise') },
    amountFen: fen(c('合同成交额(元)')),
    techAmountFen: c('技术交易额(元)') ? fen(c('技术交易额(元)')) : fen(c('合同成交额(元)')),
    signedOn: c('签订日期') || null,
    startOn: c('开始日期') || c('签订日期'),
    endOn: c('结束日期'),
    exclusivity: exclusivity ? ({ 独占: 'exclusive', 排他: 'sole', 普通: 'ordinary' } as Record<string, string>)[exclusivity.replace(/许可$/, '')] ?? exclusivity : null,
    ip: c('知识产权')
      ? c('知识产权').split(/[;；]/).filter(Boolean).map((part) => {
          const [type, number, ...title] = part.split(/[:：]/);
          return { type: code(ipTypes, type ?? ''), number: number ?? '', title: title.join(':') || c('合同名称') };
        })
      : [],
    broker: c('经纪人') ? { name: c('经纪人'), certNo: c('经纪人证书号'), commissionFen: fen(c('佣金(元)')) || 0 } : null,
  });
}

export interface ImportReportRow {
  row: number;
  ok: boolean;
  contractId?: string;
  errors?: Array<{ path: string; message: string }>;
}

/**
 * Imports paper contracts from CSV/XLSX with a per-row report. Rows are keyed `import:<file hash>:<row>`,
 * so uploading the same file again stores nothing twice; valid rows go in with insertMany in batches.
 */
export class ContractImport {
  constructor(
    private readonly models: Models,
    private readonly contracts: ContractsService,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
  ) {}

  async run(user: AuthUser, file: { originalname: string; buffer: Buffer }) {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.models.Org.findById(user.orgId).lean<OrgRecord>();
    if (!org || org.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    const format = /\.xlsx$/i.test(file.originalname) ? 'xlsx' : /\.csv$/i.test(file.originalname) ? 'csv' : null;
    if (!format) throw new AppError('UNSUPPORTED_FILE_TYPE');
    let rows: SheetRow[];
    try {
      rows = await readRows(format, file.buffer);
    } catch {
      throw new AppError('VALIDATION_FAILED', [{ in: 'file', path: 'file', message: 'not a readable CSV or XLSX file' }]);
    }
    if (rows.length > MAX_ROWS) throw new AppError('VALIDATION_FAILED', [{ in: 'file', path: 'file', message: `at most ${MAX_ROWS} rows` }]);
    const fileKey = crypto.createHash('sha256').update(file.buffer).digest('hex').slice(0, 16);
    const report: ImportReportRow[] = [];
    const docs: Array<Record<string, unknown>> = [];
    const seller = { name: org.name, creditCode: org.creditCode, regionCode: org.regionCode, orgType: org.type };
    for (const r of rows) {
      const parsed = termsFromRow(r.cells, seller);
      if (!parsed.success) {
        report.push({ row: r.row, ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
        continue;
      }
      try {
        const doc = await this.contracts.paperContract(user, org, parsed.data, `import:${fileKey}:${r.row}`, 'import');
        docs.push(doc);
        report.push({ row: r.row, ok: true, contractId: String(doc._id) });
      } catch (err) {
        report.push({ row: r.row, ok: false, errors: [{ path: 'signedOn', message: (err as Error).message }] });
      }
    }
    let created = 0;
    for (let i = 0; i < docs.length; i += 500) {
      const batch = docs.slice(i, i + 500);
      try {
        created += (await this.models.Contract.insertMany(batch, { ordered: false })).length;
      } catch (err) {
        // Rows already imported from this file keep their first contract.
        const inserted = (err as { insertedDocs?: unknown[] }).insertedDocs?.length ?? 0;
        created += inserted;
        const keys = batch.map((d) => d.originKey as string);
        const existing = await this.models.Contract.find({ originKey: { $in: keys } }, { originKey: 1 }).lean<Array<{ _id: unknown; originKey: string }>>();
        const byKey = new Map(existing.map((e) => [e.originKey, String(e._id)]));
        for (const row of report) {
          const key = `import:${fileKey}:${row.row}`;
          if (row.ok && byKey.has(key)) row.contractId = byKey.get(key);
        }
      }
    }
    await this.stats.applyMany(docs.map((d) => d._id));
    await this.audit.record(user, { entity: 'contract_import', entityId: fileKey, action: 'import', to: `${created}/${rows.length}` });
    return { filename: file.originalname, total: rows.length, created, failed: report.filter((r) => !r.ok).length, report };
  }
}
