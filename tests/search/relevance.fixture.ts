/**
 * A fixed, hand-labelled corpus for search relevance: 64 listings across the technical fields (Chinese,
 * some English) and 44 queries with graded judgments (2 = what the user is after, 1 = also relevant).
 * Labels were written from the listings' meaning, not from any engine's output.
 */
import { doc } from '../../api/src/modules/search/search-engine.contract';
import type { SearchDoc } from '../../api/src/modules/search/search-engine';
import { technicalFields } from '../../api/src/shared/taxonomy';
import type { Row } from './relevance-a/row';
import { achievementRows } from './relevance-a/achievements';
import { needRows } from './relevance-a/needs';

/** The field's labels, as search-document.ts puts them into every indexed listing. */
const fieldText = (code: string) => {
  const f = technicalFields.find((x) => x.code === code)!;
  return `${f.zh} ${f.en}`;
};

const rows: Row[] = [...achievementRows, ...needRows];

export const relevanceCorpus: SearchDoc[] = rows.map(([id, kind, fieldCode, title, keywords, summary], i) =>
  doc(id, {
    kind,
    fieldCode,
    fieldText: fieldText(fieldCode),
    title,
    keywords: keywords.split(','),
    summary,
    publishedAt: Date.UTC(2026, 0, 1) + i * 3_600_000,
    stage: kind === 'need' ? null : 'pilot',
    ipTypes: kind === 'need' ? [] : ['invention'],
  }),
);

/** query → { id: grade }. Grade 2: the answer; 1: also relevant. */
export const judgments: Array<{ q: string; rel: Record<string, 1 | 2> }> = [
  { q: '机器人', rel: { r01: 2, r02: 2, r03: 2, r04: 2, r51: 2, r52: 1 } },
  { q: '工业机器人', rel: { r01: 2, r02: 1, r03: 1, r04: 1 } },
  { q: '焊接机器人', rel: { r03: 2, r52: 2 } },
  { q: '焊缝跟踪', rel: { r03: 2, r52: 2 } },
  { q: '减速器', rel: { r01: 2 } },
  { q: '数控机床', rel: { r05: 2 } },
  { q: '激光', rel: { r06: 2, r03: 1, r04: 1 } },
  { q: '增材制造', rel: { r07: 2, r15: 1 } },
  { q: '3D打印', rel: { r07: 2, r15: 2 } },
  { q: '铝合金', rel: { r09: 2, r53: 2, r47: 1 } },
  { q: '高强铝合金', rel: { r09: 2 } },
  { q: '镁合金', rel: { r10: 2, r54: 2 } },
  { q: '钛合金', rel: { r11: 2, r07: 2, r15: 2 } },
  { q: '轻量化', rel: { r10: 2, r54: 2, r47: 2 } },
  { q: '石墨烯', rel: { r13: 2, r12: 1 } },
  { q: 'graphene', rel: { r12: 2 } },
  { q: 'graphen', rel: { r12: 2 } },
  { q: 'grapheen ink', rel: { r12: 2 } },
  { q: '碳纤维', rel: { r14: 2 } },
  { q: '储能', rel: { r16: 2, r61: 2 } },
  { q: '液流电池', rel: { r16: 2, r61: 2 } },
  { q: '催化剂', rel: { r17: 2 } },
  { q: '单克隆抗体', rel: { r19: 2 } },
  { q: '中药', rel: { r20: 2, r58: 2 } },
  { q: '干细胞', rel: { r21: 2 } },
  { q: '医学影像', rel: { r22: 2, r62: 2 } },
  { q: 'CT', rel: { r22: 2, r62: 2 } },
  { q: '缺陷检测', rel: { r25: 2, r56: 2 } },
  { q: '人工智能 缺陷', rel: { r25: 2 } },
  { q: '大数据', rel: { r26: 2 } },
  { q: '5G', rel: { r27: 2 } },
  { q: 'cybersecurity', rel: { r28: 2 } },
  { q: 'predictive maintenance', rel: { r63: 2 } },
  { q: '预测性维护', rel: { r08: 2 } },
  { q: '芯片设计', rel: { r29: 2 } },
  { q: '风电', rel: { r31: 2, r60: 2 } },
  { q: '燃气轮机', rel: { r32: 2 } },
  { q: '光伏', rel: { r33: 2 } },
  { q: '燃料电池', rel: { r34: 2 } },
  { q: '动力电池', rel: { r36: 2, r57: 2 } },
  { q: '废水处理', rel: { r39: 2, r55: 2 } },
  { q: '余热', rel: { r40: 2, r48: 2 } },
  { q: '秸秆', rel: { r59: 2, r35: 1 } },
  { q: '海水淡化', rel: { r44: 2 } },
  { q: '北斗', rel: { r46: 2 } },
  { q: '食品安全', rel: { r50: 2 } },
];
