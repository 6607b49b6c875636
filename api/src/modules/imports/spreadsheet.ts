import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** Rows as header → text. The first row holds the headers; blank rows are skipped but keep their numbers. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export async function readRows(format: 'csv' | 'xlsx', bytes: Buffer): Promise<SheetRow[]> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = cellText(cell.value).trim()));
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const h = headers[col];
      if (!h) return;
      const text = cellText(cell.value);
      if (text.trim()) any = true;
      cells[h] = text;
    });
    if (any) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    return '';
  }
  return String(v);
}

/** Excel on Chinese Windows saves CSV as GB18030; everything else is UTF-8 (with or without BOM). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer): SheetRow[] {
  const records = parseCsv(decodeText(bytes), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  const [headers = [], ...data] = records;
  const rows: SheetRow[] = [];
  data.forEach((rec, i) => {
    if (rec.every((c) => !c.trim())) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, col) => (cells[h.trim()] = rec[col] ?? ''));
    rows.push({ row: i + 2, cells });
  });
  return rows;
}

/** True when the bytes look like text (no NULs), i.e. a CSV candidate. */
export function looksLikeText(bytes: Buffer): boolean {
  return bytes.subarray(0, 4096).indexOf(0) === -1;
}
