/**
 * The achievement spreadsheet: Chinese column headers (as in the national 科技成果登记表 and institutes'
 * patent lists), each mapped to the API field; values may be the Chinese label or the code.
 */
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
import { required, unknownLabel, type ColumnName } from './row-messages';

export interface Column {
  header: string;
  en: string;
  required: boolean;
  example: string;
}

export const achievementColumns: Column[] = [
  { header: '成果名称', en: 'title', required: true, example: '面向复杂曲面的机器人自适应打磨技术' },
  { header: '关键词', en: 'keywords', required: true, example: '工业机器人；力控打磨；视觉定位' },
  { header: '成果体现形式', en: 'form', required: true, example: '新技术' },
  { header: '成果属性', en: 'innovationType', required: true, example: '原始性创新' },
  { header: '成果所处阶段', en: 'stage', required: true, example: '中试' },
  { header: '技术成熟度(TRL)', en: 'trl', required: true, example: '6' },
  { header: '成果水平', en: 'level', required: true, example: '国内领先' },
  {
    header: '成果简介',
    en: 'summary',
    required: true,
    example:
      '针对航空发动机叶片等复杂曲面零件人工打磨效率低、一致性差的问题，研发了基于力位混合控制的机器人自适应打磨系统……',
  },
  { header: '技术领域', en: 'fieldCode', required: true, example: '高端装备制造' },
  { header: '技术子领域', en: 'subfieldCode', required: false, example: '工业机器人' },
  { header: '所在地区', en: 'regionCode', required: true, example: '沈阳市' },
  { header: '发明人', en: 'inventors', required: false, example: '张伟；李娜' },
  { header: '知识产权类型', en: 'ipType', required: false, example: '发明专利' },
  { header: '专利号', en: 'ipNumber', required: false, example: 'ZL202310123456.7' },
  { header: '法律状态', en: 'legalStatus', required: false, example: '授权' },
  { header: '转化方式', en: 'transferModes', required: true, example: '许可；转让' },
  { header: '交易方式', en: 'tradingMode', required: true, example: '协议定价' },
  { header: '价格(万元)', en: 'price', required: true, example: '120' },
  { header: '联系人', en: 'contactName', required: false, example: '王老师' },
  { header: '联系电话', en: 'contactPhone', required: false, example: '024-83687000' },
];

/** Each column's English name and unit, for the row errors' sentences. */
const columnEn: Record<string, string> = {
  成果名称: 'Title',
  关键词: 'Keywords',
  成果体现形式: 'Form',
  成果属性: 'Innovation type',
  成果所处阶段: 'Stage',
  '技术成熟度(TRL)': 'Maturity (TRL)',
  成果水平: 'Level',
  成果简介: 'Summary',
  技术领域: 'Technical field',
  技术子领域: 'Sub-field',
  所在地区: 'Region',
  发明人: 'Inventors',
  知识产权类型: 'IP type',
  专利号: 'Patent number',
  法律状态: 'Legal status',
  转化方式: 'Transfer modes',
  交易方式: 'Trading mode',
  '价格(万元)': 'Price (CNY 10,000)',
  联系人: 'Contact person',
  联系电话: 'Contact phone',
};
export const columnName = (header: string): ColumnName => ({
  zh: header,
  en: columnEn[header] ?? header,
  ...(header === '价格(万元)' ? { unit: 'wan' as const } : {}),
});

const byLabel = (terms: Term[]) => {
  const map = new Map<string, string>();
  for (const t of terms) {
    map.set(t.code.toLowerCase(), t.code);
    map.set(t.zh, t.code);
    map.set(t.en.toLowerCase(), t.code);
  }
  return (v: string) => map.get(v.trim()) ?? map.get(v.trim().toLowerCase());
};

/** Each lookup with the labels it accepts (the row error lists them). */
const lookup = (terms: Term[], options: Term[] = terms) => Object.assign(byLabel(terms), { options });
const lookups = {
  form: lookup(achievementForms),
  innovationType: lookup(innovationTypes),
  stage: lookup(maturityStages),
  level: lookup(achievementLevels),
  fieldCode: lookup(technicalFields),
  subfieldCode: lookup(technicalFields.flatMap((f) => f.children)),
  regionCode: lookup(
    [...regions, ...regions.map((r) => ({ ...r, zh: r.zh.replace(/(市|省)$/, '') }))],
    regions.filter((r) => r.parent === '210000'),
  ),
  ipType: lookup(ipTypes),
  transferMode: lookup(transferModes),
  tradingMode: lookup(tradingModes),
};
const legalStatus: Record<string, string> = {
  授权: 'granted',
  有效: 'granted',
  审中: 'pending',
  实审: 'pending',
  失效: 'expired',
  无效: 'invalidated',
  granted: 'granted',
  pending: 'pending',
  expired: 'expired',
  invalidated: 'invalidated',
};

const split = (v: string) =>
  v
    .split(/[;；,，、\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface MappedRow {
  body: Record<string, unknown>;
  errors: Array<{ column: string; message: string }>;
}

/** Turns one spreadsheet row (header → cell text) into a create-achievement body, or column errors. */
export function mapAchievementRow(cells: Record<string, string>): MappedRow {
  const errors: MappedRow['errors'] = [];
  const get = (h: string) => (cells[h] ?? '').trim();
  const code = (h: string, find: ReturnType<typeof lookup>, isRequired = true) => {
    const raw = get(h);
    if (!raw) {
      if (isRequired) errors.push({ column: h, message: required(columnName(h)) });
      return undefined;
    }
    const c = find(raw);
    if (!c) errors.push({ column: h, message: unknownLabel(columnName(h), raw, find.options) });
    return c;
  };

  const priceText = get('价格(万元)');
  let price: Record<string, unknown> | undefined;
  if (!priceText) errors.push({ column: '价格(万元)', message: required(columnName('价格(万元)')) });
  else if (/^面议|negotiable$/i.test(priceText)) price = { negotiable: true };
  else if (/^\d+(\.\d{1,4})?$/.test(priceText))
    price = { negotiable: false, amountFen: Math.round(Number(priceText) * 1_000_000) };
  else
    errors.push({
      column: '价格(万元)',
      message: `「价格(万元)」应填写数字（如 120）或“面议”，不能是「${priceText}」（Price must be a number in CNY 10,000, such as 120, or 面议 (negotiable), not "${priceText}"）`,
    });

  const ipType = code('知识产权类型', lookups.ipType, false);
  const ipNumber = get('专利号');
  const ipRights =
    ipType && ipNumber
      ? [{ type: ipType, number: ipNumber, legalStatus: legalStatus[get('法律状态')] ?? 'granted' }]
      : [];
  if (ipNumber && !ipType)
    errors.push({
      column: '知识产权类型',
      message:
        '填写了专利号时，「知识产权类型」必须填写，如“发明专利”（IP type is required with a patent number, e.g. 发明专利）',
    });

  const transfer = split(get('转化方式')).map((v) => {
    const c = lookups.transferMode(v);
    if (!c)
      errors.push({
        column: '转化方式',
        message: unknownLabel(columnName('转化方式'), v, lookups.transferMode.options),
      });
    return c;
  });
  if (transfer.length === 0) errors.push({ column: '转化方式', message: required(columnName('转化方式')) });

  const contactName = get('联系人');
  const contactPhone = get('联系电话');
  const trlText = get('技术成熟度(TRL)');
  const body: Record<string, unknown> = {
    title: get('成果名称'),
    keywords: split(get('关键词')),
    form: code('成果体现形式', lookups.form),
    innovationType: code('成果属性', lookups.innovationType),
    stage: code('成果所处阶段', lookups.stage),
    trl: /^\d$/.test(trlText) ? Number(trlText) : trlText === '' ? undefined : NaN,
    level: code('成果水平', lookups.level),
    summary: get('成果简介'),
    fieldCode: code('技术领域', lookups.fieldCode),
    subfieldCode: code('技术子领域', lookups.subfieldCode, false),
    regionCode: code('所在地区', lookups.regionCode),
    inventors: split(get('发明人')),
    ipRights,
    transferModes: transfer.filter(Boolean),
    tradingMode: code('交易方式', lookups.tradingMode),
    price,
    ...(contactName
      ? {
          confidential: {
            details: '',
            attachmentIds: [],
            contact: { name: contactName, ...(contactPhone ? { phone: contactPhone } : {}) },
          },
        }
      : {}),
  };
  return { body, errors };
}

/** zod paths → the spreadsheet column a person would fix. */
export function columnForPath(path: string): string {
  const top = path.split('.')[0];
  const map: Record<string, string> = {
    title: '成果名称',
    keywords: '关键词',
    form: '成果体现形式',
    innovationType: '成果属性',
    stage: '成果所处阶段',
    trl: '技术成熟度(TRL)',
    level: '成果水平',
    summary: '成果简介',
    fieldCode: '技术领域',
    subfieldCode: '技术子领域',
    regionCode: '所在地区',
    inventors: '发明人',
    ipRights: '专利号',
    transferModes: '转化方式',
    tradingMode: '交易方式',
    price: '价格(万元)',
    confidential: '联系电话',
  };
  return map[top] ?? path;
}
