import { quantile, selfAssessmentScore } from './evaluation-score';

const strongIp = { claims: 12, remainingYears: 18, familySize: 6, legalStatus: 'granted' as const };

describe('selfAssessmentScore', () => {
  it('when TRL is 9 with a strong granted patent and 10 comparables, then the score is near the top', () => {
    const amounts = Array.from({ length: 10 }, (_, i) => (i + 1) * 10_000_000);
    const s = selfAssessmentScore({ trl: 9, ip: strongIp, comparableAmountsFen: amounts });
    expect(s.parts).toEqual({ trl: 40, ip: 33.6, market: 25 });
    expect(s.score).toBe(99);
    // IQR of 10万…100万 is 32.5万…77.5万, scaled by 1.49.
    expect(s.valueMinFen).toBe(48_000_000);
    expect(s.valueMaxFen).toBe(115_000_000);
  });

  it('when the patent has lapsed, then IP strength counts nothing whatever its claims', () => {
    const s = selfAssessmentScore({ trl: 1, ip: { ...strongIp, legalStatus: 'lapsed' }, comparableAmountsFen: [] });
    expect(s.parts).toEqual({ trl: 0, ip: 0, market: 0 });
    expect(s.score).toBe(0);
  });

  it('when the patent is pending, then it weighs 0.6 of a granted one', () => {
    const granted = selfAssessmentScore({ trl: 5, ip: strongIp, comparableAmountsFen: [] });
    const pending = selfAssessmentScore({
      trl: 5,
      ip: { ...strongIp, legalStatus: 'pending' },
      comparableAmountsFen: [],
    });
    expect(pending.parts.ip).toBeCloseTo(granted.parts.ip * 0.6, 0);
  });

  it('when there is no comparable contract, then no value range is given', () => {
    const s = selfAssessmentScore({ trl: 6, ip: strongIp, comparableAmountsFen: [] });
    expect(s.valueMinFen).toBeNull();
    expect(s.valueMaxFen).toBeNull();
  });

  it('when the comparables are tiny, then the range is at least 1万元 and low ≤ high', () => {
    const s = selfAssessmentScore({ trl: 2, ip: strongIp, comparableAmountsFen: [100, 200, 0] });
    expect(s.valueMinFen).toBe(1_000_000);
    expect(s.valueMaxFen).toBeGreaterThanOrEqual(s.valueMinFen!);
  });

  it('quantile interpolates between sorted values', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantile([], 0.5)).toBe(0);
  });
});
