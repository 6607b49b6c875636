import { creditCodeCheckChar, isValidCreditCode, withCheckChar } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  test.each([
    ['91350100M000100Y43'], // the worked example published with GB 32100-2015
  ])('when the code is %s, then it is valid', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  test('when any single character is changed, then the check fails', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 18; i++) {
      const replacement = code[i] === '1' ? '2' : '1';
      expect(isValidCreditCode(code.slice(0, i) + replacement + code.slice(i + 1))).toBe(false);
    }
  });

  test.each([
    [''],
    ['91350100M000100Y4'],
    ['91350100M000100Y433'],
    ['91350100I000100Y43'],
    ['X1350100M000100Y43'],
    ['91ABCDEFM000100Y43'],
  ])('when the shape is wrong (%s), then it is invalid', (code) => expect(isValidCreditCode(code)).toBe(false));

  test('when the weighted sum is a multiple of 31, then the check character is 0', () => {
    // Search a body whose check value wraps to 31 → '0'.
    let found = '';
    for (let n = 0; n < 10_000 && !found; n++) {
      const body = `91210100${String(n).padStart(9, '0')}`;
      if (creditCodeCheckChar(body) === '0') found = body;
    }
    expect(found).not.toBe('');
    expect(isValidCreditCode(withCheckChar(found))).toBe(true);
  });
});
