import { Card, List, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MatchReasonDto, SearchKind } from '@shared/search-schemas';
import { useMatches } from '../../api/search';
import { ErrorResult } from '../../components/query-state';
import { HitPrice, HitTags, hitPath } from './search-hit-card';
import './search.css';

const reasonColor: Record<MatchReasonDto['code'], string> = {
  shared_terms: 'gold',
  same_field: 'blue',
  same_subfield: 'geekblue',
  same_region: 'green',
  in_province: 'cyan',
  maturity_fit: 'purple',
  price_in_budget: 'orange',
  evaluated: 'green',
  self_assessed: 'cyan',
};

/** Ranked counterparts of a published listing (needs for an achievement and the reverse), with why. */
export function MatchesPanel({ kind, id }: { kind: SearchKind; id: string }) {
  const { t, i18n } = useTranslation();
  const matches = useMatches(kind, id);
  const en = i18n.language === 'en';
  return (
    <Card
      className="section-card"
      title={t('search.matches.title')}
      extra={
        <span className="muted small">
          {kind === 'achievement' ? t('search.matches.subtitleAchievement') : t('search.matches.subtitleNeed')}
        </span>
      }
      data-testid="matches-panel"
    >
      {matches.isError ? (
        <ErrorResult error={matches.error} onRetry={() => void matches.refetch()} />
      ) : (
        <List
          loading={matches.isPending}
          dataSource={matches.data ?? []}
          locale={{ emptyText: t('search.matches.empty') }}
          renderItem={(m) => (
            <List.Item data-testid="match" data-id={m.hit.id}>
              <div className="match-item">
                <div className="match-item__head">
                  <Link to={hitPath(m.hit)} className="search-hit__title">
                    {m.hit.title}
                  </Link>
                  <span className="muted small">
                    {t('search.matches.score', { score: Math.round(m.score * 100) / 100 })}
                  </span>
                </div>
                <HitTags hit={m.hit} />
                <div className="search-hit__foot">
                  <span>{m.hit.org.name}</span>
                  <HitPrice hit={m.hit} />
                </div>
                <div>
                  {m.reasons.map((r) => (
                    <Tooltip key={r.code} title={r.terms?.join('、')}>
                      <Tag color={reasonColor[r.code]} data-testid="match-reason" data-code={r.code}>
                        {en ? r.en : r.zh}
                      </Tag>
                    </Tooltip>
                  ))}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
