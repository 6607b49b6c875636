import {
  MATCH_POINTS,
  rankProducts,
  scoreProduct,
  type MatchableProduct,
  type MatchableRequest,
} from './financing.match';

const wan = (n: number) => n * 1_000_000;
const product = (p: Partial<MatchableProduct> & { name?: string } = {}) => ({
  name: p.name ?? '科技贷',
  instrument: p.instrument ?? 'loan',
  amountMinFen: p.amountMinFen ?? wan(100),
  amountMaxFen: p.amountMaxFen ?? wan(1_000),
  fields: p.fields ?? [],
  stages: p.stages ?? [],
  regions: p.regions ?? [],
});
const request: MatchableRequest = {
  amountFen: wan(500),
  fieldCode: 'MAT',
  stage: 'pilot',
  regionCode: '210100',
  instruments: [],
};

describe('scoreProduct', () => {
  test('when the tied achievement is evaluated, then the reason is given: an agency more than a self-assessment', () => {
    const plain = scoreProduct(product(), request);
    const agency = scoreProduct(product(), { ...request, evaluation: 'agency' });
    const self = scoreProduct(product(), { ...request, evaluation: 'self' });
    expect(agency.reasons.map((r) => r.code)).toContain('evaluated');
    expect(self.reasons.map((r) => r.code)).toContain('self_assessed');
    expect(agency.score).toBe(plain.score + MATCH_POINTS.evaluated);
    expect(self.score).toBe(plain.score + MATCH_POINTS.self_assessed);
    // An evaluation never makes a product fit that does not.
    expect(scoreProduct(product({ fields: ['BIO'] }), { ...request, evaluation: 'agency' }).fits).toBe(false);
  });

  test('when a product names the field, stage and city, then every reason is given with its points', () => {
    const fit = scoreProduct(product({ fields: ['MAT'], stages: ['pilot'], regions: ['210100'] }), request);
    expect(fit.fits).toBe(true);
    expect(fit.reasons.map((r) => r.code).sort()).toEqual(['amount', 'field', 'region', 'stage']);
    expect(fit.score).toBe(MATCH_POINTS.field + MATCH_POINTS.stage + MATCH_POINTS.region + MATCH_POINTS.amount);
  });

  test('when a product is open to every field, stage and city, then it fits with the weaker reasons', () => {
    const fit = scoreProduct(product(), request);
    expect(fit.fits).toBe(true);
    expect(fit.reasons.map((r) => r.code).sort()).toEqual(['amount', 'field_any', 'region_any', 'stage_any']);
    expect(fit.score).toBeLessThan(scoreProduct(product({ fields: ['MAT'] }), request).score);
  });

  test('when the amount is outside the range, then it does not fit, at either edge', () => {
    expect(scoreProduct(product({ amountMinFen: wan(600) }), request).fits).toBe(false);
    expect(scoreProduct(product({ amountMaxFen: wan(499) }), request).fits).toBe(false);
    // The range includes both ends.
    expect(scoreProduct(product({ amountMinFen: wan(500), amountMaxFen: wan(500) }), request).fits).toBe(true);
  });

  test('when the field, stage or city is named and differs, then it does not fit', () => {
    expect(scoreProduct(product({ fields: ['BIO'] }), request).fits).toBe(false);
    expect(scoreProduct(product({ stages: ['rd'] }), request).fits).toBe(false);
    expect(scoreProduct(product({ regions: ['210200'] }), request).fits).toBe(false);
  });

  test('when a product names the province, then every city of it fits as province-wide', () => {
    const fit = scoreProduct(product({ regions: ['210000'] }), request);
    expect(fit.reasons.map((r) => r.code)).toContain('region_any');
  });

  test('when the requester names instruments, then only those fit, and a fitting one is a reason', () => {
    const wants = { ...request, instruments: ['equity' as const] };
    expect(scoreProduct(product({ instrument: 'loan' }), wants).fits).toBe(false);
    const fit = scoreProduct(product({ instrument: 'equity' }), wants);
    expect(fit.reasons.map((r) => r.code)).toContain('instrument');
  });
});

describe('rankProducts', () => {
  test('when several fit, then the most specific comes first and the ones that do not fit are left out', () => {
    const ranked = rankProducts(
      [
        product({ name: 'A 通用' }),
        product({ name: 'B 新材料中试', fields: ['MAT'], stages: ['pilot'] }),
        product({ name: 'C 生物医药', fields: ['BIO'] }),
      ],
      request,
    );
    expect(ranked.map((m) => m.product.name)).toEqual(['B 新材料中试', 'A 通用']);
  });

  test('when two score the same, then the range centred nearest the amount wins, then the name', () => {
    const ranked = rankProducts(
      [
        product({ name: '宽', amountMinFen: wan(1), amountMaxFen: wan(600) }),
        product({ name: '近', amountMinFen: wan(100), amountMaxFen: wan(2_000) }),
        product({ name: '甲', amountMinFen: wan(100), amountMaxFen: wan(2_000) }),
      ],
      request,
    );
    expect(ranked[0]!.product.name).not.toBe('宽');
    expect(ranked[2]!.product.name).toBe('宽');
  });

  test('when a limit is given, then at most that many come back', () => {
    const many = Array.from({ length: 30 }, (_, i) => product({ name: `P${i}` }));
    expect(rankProducts(many, request, 5)).toHaveLength(5);
  });
});
