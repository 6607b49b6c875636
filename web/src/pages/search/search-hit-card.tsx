import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EvaluationBadgeDto } from '@shared/evaluation';
import type { SearchHitDto } from '@shared/search-schemas';
import { EvaluationTag } from '../evaluations/evaluation-badge';
import { formatDate } from '../../lib/format';
import { useAmountText } from '../catalog/money-text';
import { useLabels } from '../../lib/use-labels';

export const hitPath = (hit: Pick<SearchHitDto, 'kind' | 'id'>) =>
  `/${hit.kind === 'achievement' ? 'achievements' : 'needs'}/${hit.id}`;

/** Price for achievements, budget ceiling for needs; 面议 when no amount is given. */
export function HitPrice({ hit }: { hit: Pick<SearchHitDto, 'kind' | 'priceFen' | 'negotiable'> }) {
  const { t } = useTranslation();
  const amount = useAmountText();
  const label = hit.kind === 'achievement' ? t('search.hit.price') : t('search.hit.budget');
  if (hit.priceFen === null) return <span className="money money--negotiable">{t('search.hit.negotiable')}</span>;
  return (
    <span className="money" data-testid="hit-price">
      {label} {t('catalog.money.wan', { amount: amount(hit.priceFen) })}
      {hit.negotiable && <span className="muted small"> · {t('search.hit.negotiable')}</span>}
    </span>
  );
}

/** The taxonomy tags of a hit (field, region, stage), labelled in the UI language. */
export function HitTags({ hit }: { hit: Omit<SearchHitDto, 'highlight'> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Space size={4} wrap>
      <Tag color={hit.kind === 'achievement' ? 'blue' : 'green'} data-testid="hit-kind">
        {t(`search.kind.${hit.kind}`)}
      </Tag>
      {hit.challenge && <Tag color="volcano">{t('search.hit.challenge')}</Tag>}
      <Tag>{labels.field(hit.fieldCode)}</Tag>
      <Tag>{labels.region(hit.regionCode)}</Tag>
      {hit.stage && <Tag>{labels.stage(hit.stage)}</Tag>}
    </Space>
  );
}

/** One search result. The two highlight fields are HTML the server escaped, with only <mark> added. */
export function SearchHitCard({ hit, evaluation }: { hit: SearchHitDto; evaluation?: EvaluationBadgeDto }) {
  const { t } = useTranslation();
  return (
    <article className="search-hit" data-testid="search-hit" data-id={hit.id} data-kind={hit.kind}>
      <HitTags hit={hit} />
      <EvaluationTag badge={evaluation} />
      <Link to={hitPath(hit)} className="search-hit__title" data-testid="hit-title">
        <span dangerouslySetInnerHTML={{ __html: hit.highlight.title }} />
      </Link>
      <p
        className="search-hit__summary"
        data-testid="hit-summary"
        dangerouslySetInnerHTML={{ __html: hit.highlight.summary }}
      />
      <div className="search-hit__foot">
        <span>
          {hit.org.name} · {t('search.hit.publishedAt', { date: formatDate(hit.publishedAt) })}
        </span>
        <HitPrice hit={hit} />
      </div>
    </article>
  );
}
