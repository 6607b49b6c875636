import type { DepositSubjectKind } from '../../shared/payment-schemas';

/**
 * When a deposit (保证金) is required, how much, and when it comes back: one table, so the rules can change
 * without touching the flow. Amounts in 分. The flow only runs these; finance can release early or forfeit.
 */
export interface DepositRule {
  code: string;
  kind: DepositSubjectKind;
  text: { zh: string; en: string };
  /** Basis points of the base amount, clamped to [min, max]. */
  bp: number;
  minFen: number;
  maxFen: number;
}

export const depositRules: Record<DepositSubjectKind, DepositRule> = {
  challenge: {
    code: 'challenge-2pct',
    kind: 'challenge',
    text: {
      zh: '揭榜挂帅：揭榜方缴纳榜单奖金的 2% 作为保证金（1,000–100,000 元）；揭榜截止且已定榜后，未中榜方的保证金自动退还，中榜方的保证金由平台财务在签约后退还。',
      en: "Challenge: a solver deposits 2% of the reward (1,000–100,000 yuan); after the challenge closes and is awarded, the deposits of solvers not chosen come back automatically; the winner's comes back once the contract is signed (finance).",
    },
    bp: 200,
    minFen: 100_000,
    maxFen: 10_000_000,
  },
  negotiation: {
    code: 'negotiation-1pct',
    kind: 'negotiation',
    text: {
      zh: '挂牌成果洽谈：需求方缴纳挂牌价的 1% 作为保证金（1,000–50,000 元，面议按 1,000 元）；洽谈结束（达成或关闭）后自动退还。',
      en: 'Negotiation on a listed achievement: the buyer deposits 1% of the asking price (1,000–50,000 yuan; 1,000 when negotiable); it comes back when the negotiation ends (agreed or closed).',
    },
    bp: 100,
    minFen: 100_000,
    maxFen: 5_000_000,
  },
};

export const depositAmount = (rule: DepositRule, baseFen: number | null) =>
  Math.min(
    rule.maxFen,
    Math.max(rule.minFen, baseFen ? Math.floor((baseFen * rule.bp + 5_000) / 10_000) : rule.minFen),
  );

/** Whether a held deposit comes back automatically now, given what happened to its subject. */
export function releasableByRule(
  kind: DepositSubjectKind,
  s: { closed: boolean; awardedOrgId: string | null; depositorOrgId: string },
): boolean {
  if (kind === 'negotiation') return s.closed;
  return s.closed && !!s.awardedOrgId && s.awardedOrgId !== s.depositorOrgId;
}
