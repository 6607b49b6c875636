import ExcelJS from 'exceljs';
import {
  achievementForms,
  achievementLevels,
  innovationTypes,
  ipTypes,
  maturityStages,
  regions,
  technicalFields,
  tradingModes,
  transferModes,
  type Term,
} from '../../shared/taxonomy';
import type { ListingRecord } from '../listings/listing.model';
import { achievementColumns } from './achievement-columns';

const zh = (terms: Term[]) => {
  const m = new Map(terms.map((t) => [t.code, t.zh]));
  return (code: unknown) => (code ? (m.get(String(code)) ?? String(code)) : '');
};
const label = {
  form: zh(achievementForms),
  innovationType: zh(innovationTypes),
  stage: zh(maturityStages),
  level: zh(achievementLevels),
  field: zh(technicalFields),
  subfield: zh(technicalFields.flatMap((f) => f.children)),
  region: zh(regions),
  ip: zh(ipTypes),
  transfer: zh(transferModes),
  trading: zh(tradingModes),
};
const statusZh: Record<string, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  rejected: '已退回',
  archived: '已归档',
};
const legalZh: Record<string, string> = { granted: '授权', pending: '审中', expired: '失效', invalidated: '无效' };

/** The import template: the same headers the importer reads, one example row, frozen header. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成果清单');
  ws.columns = achievementColumns.map((c) => ({
    header: c.header,
    key: c.en,
    width: Math.max(12, c.header.length * 2 + 4),
  }));
  ws.addRow(Object.fromEntries(achievementColumns.map((c) => [c.en, c.example])));
  styleHeader(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Own listings, in the import layout plus status columns, so an export can be edited and re-imported. */
export async function exportAchievements(listings: ListingRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '东北科技大市场';
  const ws = wb.addWorksheet('我的成果');
  ws.columns = [
    ...achievementColumns.map((c) => ({ header: c.header, key: c.en, width: Math.max(12, c.header.length * 2 + 4) })),
    { header: '状态', key: 'status', width: 10 },
    { header: '编号', key: 'id', width: 28 },
    { header: '更新时间', key: 'updatedAt', width: 20 },
  ];
  for (const l of listings) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored content was validated by the zod schema on write
    const c = l.content as Record<string, any>;
    const ip = (c.ipRights ?? [])[0];
    ws.addRow({
      title: c.title,
      keywords: (c.keywords ?? []).join('；'),
      form: label.form(c.form),
      innovationType: label.innovationType(c.innovationType),
      stage: label.stage(c.stage),
      trl: c.trl,
      level: label.level(c.level),
      summary: c.summary,
      fieldCode: label.field(c.fieldCode),
      subfieldCode: label.subfield(c.subfieldCode),
      regionCode: label.region(c.regionCode),
      inventors: (c.inventors ?? []).join('；'),
      ipType: ip ? label.ip(ip.type) : '',
      ipNumber: ip?.number ?? '',
      legalStatus: ip ? (legalZh[ip.legalStatus] ?? '') : '',
      transferModes: (c.transferModes ?? []).map(label.transfer).join('；'),
      tradingMode: label.trading(c.tradingMode),
      price: c.price?.negotiable ? '面议' : c.price?.amountFen / 1_000_000,
      contactName: c.confidential?.contact?.name ?? '',
      contactPhone: c.confidential?.contact?.phone ?? '',
      status: statusZh[l.status] ?? l.status,
      id: String(l._id),
      updatedAt: new Date(l.updatedAt).toISOString().slice(0, 19).replace('T', ' '),
    });
  }
  styleHeader(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function styleHeader(ws: ExcelJS.Worksheet) {
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F2' } };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}
