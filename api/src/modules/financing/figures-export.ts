import { instrumentLabels, type FiguresDto, type FiguresRow, type Instrument } from '../../shared/financing';
import { regions, technicalFields } from '../../shared/taxonomy';

const wan = (fen: number) => (Math.round(fen / 100) / 10_000).toFixed(2);
const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const regionName = (code: string) => regions.find((r) => r.code === code)?.zh ?? code;
const fieldName = (code: string) => technicalFields.find((f) => f.code === code)?.zh ?? code;

/**
 * The officials' financing table as CSV (UTF-8 with BOM so Excel opens the Chinese as text): the headline
 * figures, then the signed amount by instrument, city and field, amounts in 万元.
 */
export function figuresCsv(f: FiguresDto): string {
  const lines: Array<Array<string | number>> = [
    ['期间 Period', `${f.from ?? '…'} – ${f.to ?? '…'}`, ''],
    ['指标 Figure', '数量 Count', '金额（万元） Amount (10k CNY)'],
    ['对接需求数 Requests matched', f.matchedRequests, ''],
    ['对接机构数 Organisations matched', f.matchedOrgs, ''],
    ['签订协议数 Agreements signed', f.signed.count, wan(f.signed.amountFen)],
    ['签约机构数 Organisations signed', f.signed.orgs, ''],
    ['意向书（未签约） Term sheets outstanding', f.termSheets, ''],
  ];
  const section = (title: string, rows: FiguresRow[], name: (k: string) => string) => {
    lines.push([], [title, '签约数 Signed', '金额（万元） Amount (10k CNY)']);
    for (const r of rows) lines.push([`${name(r.key)} (${r.key})`, r.count, wan(r.amountFen)]);
  };
  section('按融资方式 By instrument', f.byInstrument, (k) => instrumentLabels[k as Instrument]?.zh ?? k);
  section('按地区 By city', f.byRegion, regionName);
  section('按技术领域 By field', f.byField, fieldName);
  return '\uFEFF' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}
