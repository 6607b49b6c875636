/**
 * A labelled set for need ↔ achievement match alerts: 20 needs and 48 achievements over 14 fields, and 64
 * need–achievement pairs judged relevant (the achievement answers the need) or not (same field, region or
 * a shared word, but not an answer — 抗除草剂谷子新品种 for a cold-water fish farm; an ADC drug for an
 * ADC chip). Judged from what each listing is about, before the alert threshold was set.
 */
import { doc } from '../../api/src/modules/search/search-engine.contract';
import type { SearchDoc } from '../../api/src/modules/search/search-engine';
import type { Row } from './match-pairs/row';
import { needRows } from './match-pairs/needs';
import { achievementRows } from './match-pairs/achievements';

const toDoc = (kind: 'need' | 'achievement') => (r: Row, i: number) => {
  const [id, fieldCode, subfieldCode, regionCode, title, keywords, summary, wan] = r;
  return doc(id, {
    kind,
    fieldCode,
    subfieldCode,
    regionCode,
    title,
    keywords: keywords.split(','),
    summary,
    priceFen: wan * 1_000_000,
    orgId: `${kind}-org-${i}`,
    stage: kind === 'need' ? null : 'pilot',
    trl: kind === 'need' ? null : 6,
    ipTypes: kind === 'need' ? [] : ['invention'],
  });
};

export const matchNeeds: SearchDoc[] = needRows.map(toDoc('need'));
export const matchAchievements: SearchDoc[] = achievementRows.map(toDoc('achievement'));

/** [need, achievement, relevant] */
export const matchPairs: Array<[string, string, boolean]> = [
  ['N01', 'A01', true],
  ['N01', 'A03', false],
  ['N01', 'A04', false],
  ['N02', 'A05', true],
  ['N02', 'A06', true],
  ['N02', 'A01', false],
  ['N02', 'A03', false],
  ['N03', 'A07', true],
  ['N03', 'A08', true],
  ['N03', 'A09', false],
  ['N03', 'A10', false],
  ['N04', 'A09', true],
  ['N04', 'A07', false],
  ['N04', 'A11', false],
  ['N05', 'A12', true],
  ['N05', 'A13', true],
  ['N05', 'A14', false],
  ['N05', 'A15', false],
  ['N06', 'A16', true],
  ['N06', 'A13', false],
  ['N06', 'A14', false],
  ['N07', 'A17', true],
  ['N07', 'A18', true],
  ['N07', 'A19', false],
  ['N07', 'A20', false],
  ['N08', 'A21', true],
  ['N08', 'A17', false],
  ['N08', 'A19', false],
  ['N09', 'A22', true],
  ['N09', 'A23', true],
  ['N09', 'A24', false],
  ['N09', 'A25', false],
  ['N10', 'A26', true],
  ['N10', 'A22', false],
  ['N10', 'A24', false],
  ['N11', 'A27', true],
  ['N11', 'A28', false],
  ['N11', 'A29', false],
  ['N12', 'A28', true],
  ['N12', 'A27', false],
  ['N12', 'A30', false],
  ['N13', 'A31', true],
  ['N13', 'A32', false],
  ['N13', 'A33', false],
  ['N14', 'A34', true],
  ['N14', 'A35', false],
  ['N14', 'A06', false],
  ['N15', 'A36', true],
  ['N15', 'A37', false],
  ['N15', 'A02', false],
  ['N16', 'A38', true],
  ['N16', 'A39', false],
  ['N16', 'A40', false],
  ['N17', 'A41', true],
  ['N17', 'A15', false],
  ['N17', 'A42', false],
  ['N18', 'A43', true],
  ['N18', 'A23', false],
  ['N18', 'A44', false],
  ['N19', 'A45', true],
  ['N19', 'A46', false],
  ['N19', 'A07', false],
  ['N20', 'A47', true],
  ['N20', 'A48', false],
];
