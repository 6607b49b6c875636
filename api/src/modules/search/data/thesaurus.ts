import { industryRows } from './thesaurus/industry';
import { materialsLifeRows } from './thesaurus/materials-life';
import { environmentSocietyRows } from './thesaurus/environment-society';

/**
 * The field-aware thesaurus: wordings of one concept that needs and achievements use for the same thing
 * (污水处理 / 废水处理 / 污水治理), and near terms a need's wording should also find, weighted lower (尾水 for
 * wastewater treatment; a component for the technology built from it). Query-time only (lexicon.ts); an
 * exact term always weighs more than its synonym, a synonym more than a near term.
 *
 * Row: [field, equivalent terms, near terms] — alternatives separated by `|`. Equivalents are mutual
 * (each finds the others); a near term and the row's terms find each other at the lower weight. Near terms
 * never chain: 尾水 → 污水处理 does not go on to 污水处理's other near terms. Reviewed against the usage in
 * 科技成果登记 listings: a pair is here only when a listing worded one way is a fair answer to a need worded
 * the other way. Distinct concepts that merely share characters (石墨 / 石墨烯, 机器 / 机器人) are never
 * paired; `distinctLonger` below tells the ranking they are different things.
 */
export type ThesaurusRow = [field: string, terms: string, near?: string];
export const thesaurusRows: ThesaurusRow[] = [...industryRows, ...materialsLifeRows, ...environmentSocietyRows];

/**
 * Terms that contain a shorter term without being a kind of it: a query for the shorter one (石墨,
 * graphite) should not count a listing's 石墨烯 (graphene) as an occurrence. Chinese compounds are head-
 * final, so 工业机器人 is a 机器人, but 石墨烯 is not a 石墨 and 机器人 is not a 机器.
 */
export const distinctLonger: Record<string, string[]> = {
  石墨: ['石墨烯', '石墨炔'],
  机器: ['机器人', '机器视觉', '机器学习'],
  电池: ['电池管理系统'],
  纤维: ['纤维素'],
  硅: ['硅烷', '硅藻'],
  碳: ['碳化硅', '碳纤维', '碳纳米管'],
  光刻: ['光刻胶'],
  钢: ['钢渣'],
};
