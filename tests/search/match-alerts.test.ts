/**
 * Match alerts on the labelled need–achievement set: which pairs would be alerted (from the need's side
 * when it is published and from the achievement's side when it is), the precision of those alerts — an
 * alerted pair the set does not label relevant counts as a wrong alert — and the recall of the relevant
 * pairs. Precision must stay ≥ 0.9.
 */
import { EmbeddedSearchEngine } from '../../api/src/modules/search/embedded-engine';
import { MatchService } from '../../api/src/modules/search/match.service';
import type { ScoredMatch } from '../../api/src/modules/search/match-score';
import { matchAchievements, matchNeeds, matchPairs } from './match-pairs.fixture';

const FLOOR = { precision: 0.9, recall: 0.8 };

let alerts: Map<string, ScoredMatch>;

beforeAll(async () => {
  const engine = new EmbeddedSearchEngine();
  await engine.upsert([...matchNeeds, ...matchAchievements]);
  const matches = new MatchService(engine, {} as never);
  alerts = new Map();
  for (const need of matchNeeds) for (const m of await matches.alertsFor(need)) alerts.set(`${need.id}:${m.doc.id}`, m);
  for (const a of matchAchievements)
    for (const m of await matches.alertsFor(a))
      if (!alerts.has(`${m.doc.id}:${a.id}`)) alerts.set(`${m.doc.id}:${a.id}`, m);
});

test('when every listing of the labelled set is published, then ≥ 90% of the alerts sent are relevant pairs', () => {
  expect(matchPairs.length).toBeGreaterThanOrEqual(60);
  const relevant = new Set(matchPairs.filter((p) => p[2]).map(([n, a]) => `${n}:${a}`));
  const sent = [...alerts.keys()];
  const right = sent.filter((k) => relevant.has(k));
  const precision = right.length / Math.max(1, sent.length);
  const recall = right.length / relevant.size;
  const wrong = sent.filter((k) => !relevant.has(k));
  const missed = [...relevant].filter((k) => !alerts.has(k));
  console.log(
    `match alerts over ${matchPairs.length} labelled pairs (${relevant.size} relevant): ${sent.length} sent, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n` +
      `  wrong: ${
        wrong
          .map(
            (k) =>
              `${k} (${alerts.get(k)!.score}: ${alerts
                .get(k)!
                .reasons.map((r) => r.zh)
                .join('；')})`,
          )
          .join(', ') || 'none'
      }\n` +
      `  missed: ${missed.join(', ') || 'none'}`,
  );
  expect(precision).toBeGreaterThanOrEqual(FLOOR.precision);
  expect(recall).toBeGreaterThanOrEqual(FLOOR.recall);
});

test('when a pair shares a field and a region but no meaning (谷子 / 冷水鱼, ADC drug / ADC chip), then no alert is sent', () => {
  for (const k of ['N03:A09', 'N04:A07', 'N11:A28', 'N12:A27', 'N10:A22', 'N10:A24'])
    expect([k, alerts.has(k)]).toEqual([k, false]);
});

test('when an alert is sent, then it says why: the shared terms (with the other wording when it differs) and the field', () => {
  const m = alerts.get('N05:A12')!;
  expect(m).toBeDefined();
  const shared = m.reasons.find((r) => r.code === 'shared_terms')!;
  expect(shared.terms!.length).toBeGreaterThan(0);
  expect(m.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['shared_terms', 'same_subfield']));
  for (const a of alerts.values()) expect(a.reasons.some((r) => r.code === 'shared_terms')).toBe(true);
});
