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
