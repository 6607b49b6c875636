import { useTranslation } from 'react-i18next';
import type { Budget, Price } from '../../api/listing-types';
import { moneyFormat, wanText } from '../../lib/money';

/**
 * The number that goes into the catalogue's money texts: 万元 digits in Chinese (the text adds 万元), a whole
 * CNY amount in English (CNY 125,000 — 万 has no English word).
 */
export function useAmountText(): (fen: number) => string {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? moneyFormat('en').wan : wanText;
}

/** A price in 万元, or 面议 when negotiable (an amount given with 面议 is shown as a guide). */
export function PriceText({ price }: { price?: Price | null }) {
  const { t } = useTranslation();
  const amount = useAmountText();
  if (!price) return null;
  if (price.amountFen === undefined || (price.negotiable && !price.amountFen)) {
    return <span className="money money--negotiable">{t('catalog.money.negotiable')}</span>;
  }
  return (
    <span className="money" data-testid="price">
      {t('catalog.money.wan', { amount: amount(price.amountFen) })}
      {price.negotiable && <span className="muted small"> · {t('catalog.money.negotiable')}</span>}
    </span>
  );
}

export function BudgetText({ budget }: { budget?: Budget | null }) {
  const { t } = useTranslation();
  const amount = useAmountText();
  if (!budget) return null;
  const { minFen, maxFen } = budget;
  let text: string;
  if (minFen !== undefined && maxFen !== undefined && minFen !== maxFen) {
    text = t('catalog.money.range', { min: amount(minFen), max: amount(maxFen) });
  } else if (maxFen !== undefined) {
    text = t('catalog.money.upTo', { max: amount(maxFen) });
  } else if (minFen !== undefined) {
    text = t('catalog.money.from', { min: amount(minFen) });
  } else {
    return <span className="money money--negotiable">{t('catalog.money.negotiable')}</span>;
  }
  return (
    <span className="money" data-testid="budget">
      {text}
      {budget.negotiable && <span className="muted small"> · {t('catalog.money.negotiable')}</span>}
    </span>
  );
}

/** Plain amount in 万元 (rewards, quotes). */
export function WanText({ fen }: { fen?: number | null }) {
  const { t } = useTranslation();
  const amount = useAmountText();
  if (fen === undefined || fen === null) return <span className="muted">—</span>;
  return <span className="money">{t('catalog.money.wan', { amount: amount(fen) })}</span>;
}
