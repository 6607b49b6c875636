import crypto from 'node:crypto';
import type { OrgDirectory } from '../orgs/org-directory';
import type { UserDirectory } from '../users/user-directory';
import type { ContractModels } from './contract.model';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import { LIAONING, liaoningRegionCodes, orgTypes, regions, submarketForRegion } from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ImportFormat, ImportJobRecord, ImportRowReport } from '../imports/import-job.model';
import type { ImportRunner } from '../imports/import.service';
import { readRows, type SheetRow } from '../imports/spreadsheet';
import type { StatsService } from '../stats/stats.service';
import { contractColumns, termsFromRow } from './contract-import';
import { contractNumber } from './contracts.service';
import { documentHash } from './contract-terms';

/** The member import's columns, preceded by the seller's (a historic contract names both parties). */
export const historicColumns = ['卖方名称', '卖方信用代码', '卖方地区', '卖方类型', ...contractColumns] as const;
const MAX_ROWS = 5_000;
const BATCH = 100;

/** Staff who may record historic contracts: registration officials and sub-market operators. */
export const importsHistoric = (u: Pick<AuthUser, 'roles'> | null) =>
  !!u && (u.roles.includes('official') || u.roles.includes('operator'));

/** Whether a seller region lies in the staff user's scope: an official's region, an operator's sub-markets. */
export function historicScope(
  u: Pick<AuthUser, 'roles' | 'officialRegion' | 'operatorSubmarkets'>,
  sellerRegion: string,
): boolean {
  if (!liaoningRegionCodes.includes(sellerRegion)) return false;
  if (
    u.roles.includes('official') &&
    u.officialRegion &&
    (u.officialRegion === LIAONING || u.officialRegion === sellerRegion)
  )
    return true;
  return (
    u.roles.includes('operator') &&
    (u.operatorSubmarkets.includes('HUB') || u.operatorSubmarkets.includes(submarketForRegion(sellerRegion)))
  );
}

export async function historicImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('历史技术合同');
  ws.columns = historicColumns.map((h) => ({ header: h, key: h, width: Math.max(12, h.length * 2 + 4) }));
  ws.addRow({
    卖方名称: '东北大学',
    卖方信用代码: '12100000400002123X',
    卖方地区: '沈阳',
    卖方类型: '高校',
    合同名称: '焊接机器人焊缝跟踪技术服务合同',
    合同类别: '技术服务',
    合同子类: '技术服务',
    技术领域: '高端装备制造',
    标的技术内容: '为买方解决焊接机器人焊缝跟踪精度不足的特定技术问题。',
    买方名称: '营口焊装有限公司',
    买方信用代码: '91210800MA0XXXXXXX',
    买方地区: '营口',
    买方类型: '企业',
    '合同成交额(元)': 300000,
    '技术交易额(元)': 280000,
    签订日期: '2019-02-10',
    开始日期: '2019-02-10',
    结束日期: '2019-08-10',
  });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const code = (list: Array<{ code: string; zh: string; en: string }>, v: string) => {
  const s = v.trim();
  return list.find((t) => t.code === s || t.zh === s || t.en === s || t.zh.replace(/市$|省$/, '') === s)?.code ?? s;
};

/**
 * Historic contracts (signed before the platform, or kept elsewhere) recorded in bulk by a registration
 * official or a sub-market operator: the staff-only path beside the members' import (issue 17, finding 1).
 * Each row names both parties. The contracts are records for the tally: signed, linked to no organisation
 * (so they are on no organisation's list, statement or payment plan and nobody can file or pay them), read
 * by officials of the seller's region and admins. Rows outside the importer's scope, or naming an
 * organisation the importer belongs to, are refused. Each stored contract is audited with the job.
 */
export class HistoricContractImport implements ImportRunner {
  readonly batchSize = BATCH;

  constructor(
    private readonly models: Pick<ContractModels, 'Contract'>,
    private readonly stats: StatsService,
    private readonly audit: AuditService,
    private readonly peers: { users: UserDirectory; orgs: OrgDirectory },
  ) {}

  async admit(user: AuthUser, format: ImportFormat, bytes: Buffer): Promise<void> {
    if (!importsHistoric(user))
      throw new AppError('FORBIDDEN', {
        reason: 'historic contracts are recorded by registration officials and operators',
      });
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
    const staff = await this.peers.users.record(job.createdBy);
    if (!staff) throw new Error('the importing user no longer exists');
    const ownCode = staff.orgId ? (await this.peers.orgs.record(staff.orgId))?.creditCode : undefined;
    const fileKey = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const actor = { id: String(staff._id), name: staff.name };
    return async (rows: SheetRow[]) => {
      const report: ImportRowReport[] = [];
      const docs: Array<Record<string, unknown>> = [];
      for (const r of rows) {
        const c = (k: string) => (r.cells[k] ?? '').trim();
        const title = c('合同名称').slice(0, 200);
        const seller = {
          name: c('卖方名称'),
          creditCode: c('卖方信用代码'),
          regionCode: code(regions, c('卖方地区')),
          orgType: code(orgTypes, c('卖方类型') || 'enterprise'),
        };
        const parsed = termsFromRow(r.cells, seller as never);
        if (!parsed.success) {
          report.push({
            row: r.row,
            status: 'error',
            title,
            errors: parsed.errors.map((e) => ({ ...e, column: e.path.startsWith('seller') ? '卖方' : e.column })),
          });
          continue;
        }
        const terms = parsed.data;
        const refusal = !terms.signedOn
          ? '须填写签订日期（a historic contract needs its signing date）'
          : !historicScope({ ...staff, officialRegion: staff.officialRegion ?? undefined }, terms.seller.regionCode)
            ? '卖方地区不在您的管辖范围（the seller is outside your scope）'
            : ownCode && [terms.seller.creditCode, terms.buyer.creditCode].includes(ownCode)
              ? '不能录入本人所属机构的合同（separation of duties）'
              : null;
        if (refusal) {
          report.push({
            row: r.row,
            status: 'error',
            title,
            errors: [{ column: refusal.startsWith('须') ? '签订日期' : '卖方地区', message: refusal }],
          });
          continue;
        }
        const _id = new Types.ObjectId();
        const contractNo = contractNumber(_id);
        docs.push({
          _id,
          contractNo,
          originKey: `historic:${actor.id}:${fileKey}:${r.row}`,
          importJobId: job._id,
          source: 'historic',
          signing: 'paper',
          sellerOrgId: null,
          buyerOrgId: null,
          sellerRegion: terms.seller.regionCode,
          submarketCode: submarketForRegion(terms.seller.regionCode),
          terms,
          docHash: documentHash(contractNo, terms),
          status: 'signed',
          signatures: [],
          confirmation: null,
          version: 1,
          statsDirty: true,
          stats: { v: 0, c: null },
          createdBy: staff._id,
        });
        report.push({ row: r.row, status: 'created', title, id: String(_id) });
      }
      const created = await this.insert(job, docs, report);
      await this.stats.applyMany(report.filter((l) => l.id).map((l) => new Types.ObjectId(l.id)));
      return { report, created };
    };
  }

  /** Inserts under unique origin keys (a resumed job or the same file again stores nothing twice) and audits what this job stored. */
  private async insert(
    job: ImportJobRecord,
    docs: Array<Record<string, unknown>>,
    report: ImportRowReport[],
  ): Promise<number> {
    if (docs.length === 0) return 0;
    await this.models.Contract.insertMany(docs, { ordered: false }).catch((err) => {
      if (!(err as { writeErrors?: unknown[] }).writeErrors && (err as { code?: number }).code !== 11000) throw err;
    });
    const stored = await this.models.Contract.find(
      { originKey: { $in: docs.map((d) => d.originKey) } },
      { originKey: 1, importJobId: 1 },
    ).lean<Array<{ _id: Types.ObjectId; originKey: string; importJobId?: Types.ObjectId }>>();
    const byKey = new Map(stored.map((s) => [s.originKey, s]));
    const mine: string[] = [];
    for (const d of docs) {
      const line = report.find((l) => l.id === String(d._id))!;
      const s = byKey.get(d.originKey as string);
      line.id = s ? String(s._id) : undefined;
      if (s && String(s.importJobId) === String(job._id)) mine.push(String(s._id));
      if (!s)
        Object.assign(line, {
          status: 'error',
          errors: [{ column: '', message: '未能保存，请重新导入（could not be stored; import again）' }],
        });
    }
    await this.audit.recordMany(
      { id: String(job.createdBy), name: job.createdByName ?? '' },
      mine.map((id) => ({
        entity: 'contract',
        entityId: id,
        action: 'create_historic',
        to: 'signed',
        reason: `import ${String(job._id)}`,
      })),
    );
    return mine.length;
  }
}
