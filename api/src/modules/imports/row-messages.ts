/**
 * Import row errors as sentences a clerk understands: which column, what is wrong with what was typed and
 * what to type instead — Chinese first, the English beside it in brackets ("「成果简介」至少需要 50 个字，现在只有
 * 2 个字（Summary needs at least 50 characters; it has 2）"). Never the validator's own text ("Too small:
 * expected string to have >=50 characters", "unknown value"): those name types and operators, not cells.
 */
import type { z } from 'zod';

/** A sheet column as people call it, and how its amounts are typed (the schema counts 分). */
export interface ColumnName {
  zh: string;
  en: string;
  /** Amounts typed in 元 or 万元 while the schema's limits are in 分. */
  unit?: 'yuan' | 'wan';
}

type Issue = z.core.$ZodIssue;

const both = (zh: string, en: string) => `${zh}（${en}）`;

/** 分 → what the column is typed in. */
function amount(fen: number, unit: ColumnName['unit']): { zh: string; en: string } {
  if (unit === 'wan') {
    const v = Math.round(fen / 100) / 10_000;
    return { zh: `${v} 万元`, en: `CNY ${(fen / 100).toLocaleString('en-GB')}` };
  }
  if (unit === 'yuan') {
    const v = fen / 100;
    return { zh: `${v.toLocaleString('zh-CN')} 元`, en: `CNY ${v.toLocaleString('en-GB')}` };
  }
  return { zh: String(fen), en: String(fen) };
}

/** The schema's own refinements, worded for the sheet. */
const refinements: Record<string, [string, string]> = {
  'the sub-type must belong to the category': [
    '合同子类与合同类别不符',
    'the sub-type does not belong to the category',
  ],
  'the technology-transaction amount cannot exceed the contract amount': [
    '技术交易额不能大于合同成交额',
    'the technology amount cannot exceed the contract amount',
  ],
  'the term ends before it starts': ['结束日期早于开始日期', 'the end date is before the start date'],
  'a price is required unless negotiable (面议)': ['请填写价格，或填写“面议”', 'type a price or 面议 (negotiable)'],
  'the sub-field must belong to the field': ['技术子领域不属于所填的技术领域', 'the sub-field is not in that field'],
};

const isDateColumn = (c: ColumnName) => /日期/.test(c.zh);

/**
 * One validation issue of a row as a sentence. `value` is what the row held at the issue's path (for
 * "now it has 2 characters"); `col` names the sheet column.
 */
export function issueSentence(issue: Issue, col: ColumnName, value?: unknown): string {
  const name = `「${col.zh}」`;
  const en = col.en;
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined || value === null || value === '') return required(col);
      if (issue.expected === 'number')
        return typeof value === 'number'
          ? both(
              `${name}应填写数字，如 ${col.unit === 'wan' ? '120' : col.unit === 'yuan' ? '300000' : '6'}`,
              `${en} must be a number`,
            )
          : both(`${name}应填写数字，不能是「${String(value)}」`, `${en} must be a number, not "${String(value)}"`);
      return both(`${name}的内容无法识别`, `${en} could not be read`);
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        if (min <= 1 || typeof value !== 'string' || value.length === 0) return required(col);
        return both(
          `${name}至少需要 ${min} 个字，现在只有 ${value.length} 个字`,
          `${en} needs at least ${min} characters; it has ${value.length}`,
        );
      }
      if (issue.origin === 'array')
        return min <= 1
          ? both(`${name}至少要填写一项`, `${en} needs at least one entry`)
          : both(`${name}至少要填写 ${min} 项`, `${en} needs at least ${min} entries`);
      if (issue.origin === 'number') {
        const a = amount(min, col.unit);
        return both(`${name}不能小于 ${a.zh}`, `${en} must be at least ${a.en}`);
      }
      return both(`${name}太短或太小`, `${en} is too short or too small`);
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string')
        return both(
          `${name}最多 ${max} 个字${typeof value === 'string' ? `，现在有 ${value.length} 个字` : ''}`,
          `${en} takes at most ${max} characters${typeof value === 'string' ? `; it has ${value.length}` : ''}`,
        );
      if (issue.origin === 'array') return both(`${name}最多填写 ${max} 项`, `${en} takes at most ${max} entries`);
      if (issue.origin === 'number') {
        const a = amount(max, col.unit);
        return both(`${name}不能大于 ${a.zh}`, `${en} must be at most ${a.en}`);
      }
      return both(`${name}太长或太大`, `${en} is too long or too large`);
    }
    case 'invalid_value':
      return both(
        `${name}填写的「${String(value ?? '')}」不是可选的值`,
        `"${String(value ?? '')}" is not one of the values ${en} takes`,
      );
    case 'invalid_format':
      if (isDateColumn(col))
        return both(
          `${name}应写作 2026-03-01 这样的日期，不能是「${String(value ?? '')}」`,
          `${en} must be a date such as 2026-03-01, not "${String(value ?? '')}"`,
        );
      return both(`${name}的格式不正确：「${String(value ?? '')}」`, `${en} is not in the expected format`);
    case 'custom': {
      const known = refinements[issue.message];
      return known ? both(known[0], known[1]) : both(`${name}填写有误`, `${en}: ${issue.message}`);
    }
    default:
      return both(`${name}填写有误`, `${en} is not valid`);
  }
}

export const required = (col: ColumnName) => both(`「${col.zh}」必须填写`, `${col.en} is required`);

/** A cell whose text matches none of a list's labels, with what may be typed instead (at most 8 shown). */
export function unknownLabel(col: ColumnName, raw: string, options: Array<{ zh: string; en: string }>): string {
  const shown = options.slice(0, 8);
  const more = options.length > shown.length;
  return both(
    `${`「${col.zh}」`}填写的「${raw}」不是可选项，可填：${shown.map((o) => o.zh).join('、')}${more ? ' 等' : ''}`,
    `"${raw}" is not an option for ${col.en}; use one of: ${shown.map((o) => o.en).join(', ')}${more ? ', …' : ''}`,
  );
}

/** The value a row held at a zod path (for the sentence's "now it has …"). */
export function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = body;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
