import { POINTS, withEvaluation, type ScoredMatch } from './match-score';

const match = (score: number): ScoredMatch => ({
  doc: {} as ScoredMatch['doc'],
  score,
  termPoints: 3,
  coverage: 1,
  terms: [],
  reasons: [{ code: 'shared_terms', zh: '共同关键词：镁合金', en: 'Shared terms: 镁合金' }],
});

describe('withEvaluation', () => {
  test('when the achievement was evaluated by an agency, then the score gains the boost and the reason', () => {
    const m = withEvaluation(match(5), 'agency');
    expect(m.score).toBe(5 + POINTS.evaluated);
    expect(m.reasons.map((r) => r.code)).toEqual(['shared_terms', 'evaluated']);
  });

  test('when it was self-assessed, then a smaller boost', () => {
    const m = withEvaluation(match(5), 'self');
    expect(m.score).toBe(5 + POINTS.selfAssessed);
    expect(m.reasons.at(-1)).toMatchObject({ code: 'self_assessed', zh: '成果已完成自评估' });
  });

  test('when it was not evaluated, then the match is unchanged', () => {
    const m = match(4.2);
    expect(withEvaluation(m, undefined)).toBe(m);
  });
});
