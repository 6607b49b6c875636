/**
 * Payment amounts are shown to the 分 in 元 (what a bank receipt says), unlike listing prices in 万元: a
 * payable split by fee and commission rarely lands on a round 万.
 */
export const yuanText = (fen: number): string =>
  `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 元 typed into an input → 分 (12.3 is not exact in binary floating point, so round). */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);
export const fenToYuan = (fen: number): number => fen / 100;

/** Today as YYYY-MM-DD in the viewer's time zone (due dates are calendar days). */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
