/**
 * Relevance set B, written for issue 15 against its own corpus (not the demo seed, not set A): 160
 * listings over the 18 fields — Chinese, and some English — and graded queries of the classes the issue
 * names: Chinese terms, English single words and multi-word terms, abbreviations, chemical formulas,
 * synonyms and near terms, aboutness (a listing about a topic against one that only mentions it),
 * near misses (机器人 / 机器, 石墨烯 / 石墨) and same-sound typos. Written before the ranking was tuned;
 * labels come from what each listing is about, not from any engine's output.
 * Grade 2: the listing is about what was asked. Grade 1: relevant, but secondary (mentions it, or is a
 * broader/narrower fit). `notTop3`: near misses that must not reach the first three.
 */
import { doc } from '../../api/src/modules/search/search-engine.contract';
import type { SearchDoc } from '../../api/src/modules/search/search-engine';
import { technicalFields } from '../../api/src/shared/taxonomy';
import type { Row } from './relevance-b/row';
import { equipmentTransportEnergyRows } from './relevance-b/rows-equipment-transport-energy';
import { ictChipsMaterialsChemicalsRows } from './relevance-b/rows-ict-chips-materials-chemicals';
import { metalsLifeEnvironmentServicesRows } from './relevance-b/rows-metals-life-environment-services';
import { aboutnessDistractorRows } from './relevance-b/rows-aboutness-distractors';
import type { Judgment } from './relevance-b/judgment';
import { termJudgments } from './relevance-b/judgments-terms';
import { meaningJudgments } from './relevance-b/judgments-meaning';

export type { Judgment, QueryClass } from './relevance-b/judgment';

const fieldText = (code: string) => {
  const f = technicalFields.find((x) => x.code === code)!;
  return `${f.zh} ${f.en}`;
};

const rows: Row[] = [
  ...equipmentTransportEnergyRows,
  ...ictChipsMaterialsChemicalsRows,
  ...metalsLifeEnvironmentServicesRows,
  ...aboutnessDistractorRows,
];

export const corpusB: SearchDoc[] = rows.map(([id, k, fieldCode, title, keywords, summary], i) =>
  doc(id, {
    kind: k === 'a' ? 'achievement' : 'need',
    fieldCode,
    fieldText: fieldText(fieldCode),
    title,
    keywords: keywords.split(','),
    summary,
    // Spread over a year, in an order unrelated to the topics, so recency cannot stand in for relevance.
    publishedAt: Date.UTC(2025, 6, 1) + ((i * 37) % 160) * 2 * 86_400_000,
    stage: k === 'n' ? null : 'pilot',
    ipTypes: k === 'n' ? [] : ['invention'],
  }),
);

export const judgmentsB: Judgment[] = [...termJudgments, ...meaningJudgments];
