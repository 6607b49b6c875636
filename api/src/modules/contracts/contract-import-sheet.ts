import ExcelJS from 'exceljs';
import { contractSubTypes, contractTermsSchema, type ContractTerms } from '../../shared/contract-schemas';
import { contractCategories, ipTypes, orgTypes, regions, technicalFields } from '../../shared/taxonomy';
import { issueSentence, unknownLabel, valueAt, type ColumnName } from '../imports/row-messages';

/** The contract import's sheet: its columns, template and how a row becomes contract terms. */
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
export const MAX_ROWS = 5_000;
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
