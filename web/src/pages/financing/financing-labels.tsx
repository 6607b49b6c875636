import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InterestStatus, MatchReason, ProductDto, RequestStatus } from '@shared/financing';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';

const requestColors: Record<RequestStatus, string> = {
  draft: 'default',
  open: 'processing',
  matched: 'success',
  closed: 'default',
};
const interestColors: Record<InterestStatus, string> = {
  expressed: 'processing',
  accepted: 'cyan',
  rejected: 'default',
  term_sheet: 'gold',
  signed: 'success',
  declined: 'red',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={requestColors[status]} data-testid="request-status">
      {t(`financing.requestStatus.${status}`)}
    </Tag>
  );
}

export function InterestStatusTag({ status }: { status: InterestStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={interestColors[status]} data-testid="interest-status">
      {t(`financing.interestStatus.${status}`)}
    </Tag>
  );
}

/** The reasons a product fits, as labelled tags naming the field, stage and city where they are specific. */
export function MatchReasons({
  reasons,
  fieldCode,
  stage,
  regionCode,
}: {
  reasons: MatchReason[];
  fieldCode?: string;
  stage?: string;
  regionCode?: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const detail = (code: MatchReason['code']) =>
    code === 'field'
      ? labels.field(fieldCode)
      : code === 'stage'
        ? labels.stage(stage)
        : code === 'region'
          ? labels.region(regionCode)
          : '';
  return (
    <Space size={[4, 4]} wrap data-testid="match-reasons">
      {reasons.map((r) => (
        <Tooltip key={r.code} title={`+${r.points}`}>
          <Tag color={r.code.endsWith('_any') ? 'default' : 'green'}>
            {t(`financing.reason.${r.code}`)}
            {detail(r.code) ? `${labels.en ? ': ' : '：'}${detail(r.code)}` : ''}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Formatting of a product's ranges in the UI language. */
export function useProductText() {
  const { t } = useTranslation();
  const money = useMoney();
  const labels = useLabels();
  const sep = labels.en ? ', ' : '、';
  const pct = (bp: number) => (bp / 100).toLocaleString('en', { maximumFractionDigits: 2 });
  return {
    sep,
    colon: labels.en ? ': ' : '：',
    instrument: (code: string) => t(`financing.instrument.${code}`),
    amount: (p: Pick<ProductDto, 'amountMinFen' | 'amountMaxFen'>) =>
      `${money.wan(p.amountMinFen)} – ${money.wan(p.amountMaxFen)}`,
    term: (p: Pick<ProductDto, 'termMonthsMin' | 'termMonthsMax'>) =>
      t('financing.unit.months', { min: p.termMonthsMin, max: p.termMonthsMax }),
    price: (p: ProductDto) =>
      p.instrument === 'equity'
        ? `${t('financing.col.equity')} ${t('financing.unit.pct', { min: pct(p.equityMinBp ?? 0), max: pct(p.equityMaxBp ?? 0) })}`
        : `${t('financing.col.rate')} ${t('financing.unit.pct', { min: pct(p.rateMinBp ?? 0), max: pct(p.rateMaxBp ?? 0) })}`,
    fields: (codes: string[]) =>
      codes.length ? codes.map((c) => labels.field(c)).join(sep) : t('financing.all.fields'),
    stages: (codes: string[]) =>
      codes.length ? codes.map((c) => labels.stage(c)).join(sep) : t('financing.all.stages'),
    regions: (codes: string[]) =>
      codes.length ? codes.map((c) => labels.region(c)).join(sep) : t('financing.all.regions'),
  };
}
