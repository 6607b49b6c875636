import { useTranslation } from 'react-i18next';
import type { Budget, Price } from '../../api/listing-types';
import { wanText } from '../../lib/money';

/** A price in 万元, or 面议 when negotiable (an amount given with 面议 is shown as a guide). */
export function PriceText({ price }: { price?: Price | null }) {
  const { t } = useTranslation();
  if (!price) return null;
  if (price.amountFen === undefined || (price.negotiable && !price.amountFen)) {
    return <span className="money money--negotiable">{t('catalog.money.negotiable')}</span>;
  }
  return (
    <span className="money" data-testid="price">
      {t('catalog.money.wan', { amount: wanText(price.amountFen) })}
      {price.negotiable && <span className="muted small"> · {t('catalog.money.negotiable')}</span>}
    </span>
  );
}

export function BudgetText({ budget }: { budget?: Budget | null }) {
  const { t } = useTranslation();
  if (!budget) return null;
  const { minFen, maxFen } = budget;
  let text: string;
  if (minFen !== undefined && maxFen !== undefined && minFen !== maxFen) {
    text = t('catalog.money.range', { min: wanText(minFen), max: wanText(maxFen) });
  } else if (maxFen !== undefined) {
    text = t('catalog.money.upTo', { max: wanText(maxFen) });
  } else if (minFen !== undefined) {
    text = t('catalog.money.from', { min: wanText(minFen) });
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
  if (fen === undefined || fen === null) return <span className="muted">—</span>;
  return <span className="money">{t('catalog.money.wan', { amount: wanText(fen) })}</span>;
}
