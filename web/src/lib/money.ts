import { useTranslation } from 'react-i18next';
/**
 * Money crosses the wire as integer 分 (fen); people read and type 万元. 1 万元 = 10,000 元 = 1,000,000 分.
 * Prices are computed on the server only; these helpers just convert for display and input.
 */
export const FEN_PER_WAN = 1_000_000;

/** 万元 typed into an input → 分, rounded to whole 分 (floating-point input like 12.3 is not exact). */
export const wanToFen = (wan: number): number => Math.round(wan * FEN_PER_WAN);

export const fenToWan = (fen: number): number => fen / FEN_PER_WAN;

/** The number in 万元 as Chinese-style digits, at most 2 decimals (1 万元 = 100 元 steps are enough to read). */
export const wanText = (fen: number): string => fenToWan(fen).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

const FEN_PER_YI = 10_000 * FEN_PER_WAN;

/**
 * Amounts as a reader of the UI language expects them: 万元 / 亿元 in Chinese; CNY with thousand, million or
 * billion in English (万 and 亿 have no English words: 1 万元 = CNY 10,000, 1 亿元 = CNY 100 million).
 */
export function moneyFormat(lang: string) {
  const en = lang === 'en';
  const num = (v: number, digits: number) =>
    v.toLocaleString(en ? 'en-GB' : 'zh-CN', { maximumFractionDigits: digits });
  const enLarge = (fen: number) => {
    const yuan = fen / 100;
    if (Math.abs(yuan) >= 1e9) return `CNY ${num(yuan / 1e9, 2)} billion`;
    if (Math.abs(yuan) >= 1e6) return `CNY ${num(yuan / 1e6, 2)} million`;
    return `CNY ${num(yuan, 0)}`;
  };
  return {
    /** Large tallies: 27.4 亿元 / CNY 2.74 billion. */
    yi: (fen: number) => (en ? enLarge(fen) : `${num(fen / FEN_PER_YI, 1)} 亿元`),
    /** Prices and contract amounts: 12.5 万元 / CNY 125,000. */
    wan: (fen: number) => (en ? `CNY ${num(fen / 100, 0)}` : `${num(fenToWan(fen), 2)} 万元`),
  };
}

export function useMoney() {
  const { i18n } = useTranslation();
  return moneyFormat(i18n.language);
}
