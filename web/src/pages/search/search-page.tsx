import { Col, Empty, Pagination, Row, Select, Skeleton, Space, Spin, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { searchSorts, type SearchSort } from '@shared/search-schemas';
import { useSearch } from '../../api/search';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { FacetPanels } from './facet-panels';
import { SaveSearchButton } from './save-search-button';
import { SearchBox } from './search-box';
import { SearchHitCard } from './search-hit-card';
import { useEvaluationBadges } from '../../api/evaluations';
import { MAX_PAGE, PAGE_SIZES, readSearchParams, writeSearchParams } from './search-params';
import './search.css';

type Patch = Record<string, string | undefined>;
const kindTabs = ['all', 'achievement', 'need'] as const;

/** /search: every piece of state (text, kind, facets, price, sort, page) is in the query string. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const params = useMemo(() => readSearchParams(sp), [sp]);
  const result = useSearch(params);
  const data = result.data;
  const badges = useEvaluationBadges((data?.hits ?? []).filter((h) => h.kind === 'achievement').map((h) => h.id));

  /** Any change but paging starts again at page 1; each change is a history entry (back undoes it). */
  const update = (patch: Patch) => setSp(writeSearchParams({ ...params, page: undefined, ...patch }));
  const page = Number(params.page ?? 1);
  const pageSize = Number(params.pageSize ?? 20);

  return (
    <div className="page search-page" data-testid="search-page">
      <PageTitle titleKey="search.title" subtitle={t('search.subtitle')} />
      <SearchBox
        value={params.q ?? ''}
        kind={params.kind as 'achievement' | 'need' | undefined}
        onSearch={(q) => update({ q, asTyped: undefined })}
      />
      <div className="search-toolbar">
        <Tabs
          activeKey={params.kind ?? 'all'}
          onChange={(k) => update({ kind: k === 'all' ? undefined : k })}
          items={kindTabs.map((k) => ({
            key: k,
            label: <span data-testid={`kind-tab-${k}`}>{t(`search.kindTabs.${k}`)}</span>,
          }))}
        />
        <Space wrap>
          <span className="muted">{t('search.sort.label')}</span>
          <Select<SearchSort>
            aria-label={t('search.sort.label')}
            value={(params.sort as SearchSort | undefined) ?? 'relevance'}
            onChange={(sort) => update({ sort })}
            options={searchSorts.map((s) => ({ value: s, label: t(`search.sort.${s}`) }))}
            style={{ width: 150 }}
            data-testid="search-sort"
          />
          <SaveSearchButton params={params} defaultName={params.q || t('search.title')} />
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8} lg={6}>
          <FacetPanels params={params} facets={data?.facets} onChange={update} />
        </Col>
        <Col xs={24} md={16} lg={18}>
          {result.isPending ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : result.isError ? (
            <ErrorResult error={result.error} onRetry={() => void result.refetch()} />
          ) : (
            <Spin spinning={result.isFetching && result.isPlaceholderData}>
              <Typography.Paragraph type="secondary" data-testid="search-summary" data-total={data!.total}>
                {params.q
                  ? t('search.summaryQuery', { q: data!.q ?? params.q, total: data!.total, ms: data!.tookMs })
                  : t('search.summary', { total: data!.total, ms: data!.tookMs })}
              </Typography.Paragraph>
              {data!.correctedFrom && (
                <Typography.Paragraph data-testid="search-corrected">
                  {t('search.correctedTo', { q: data!.q })}{' '}
                  <Typography.Link
                    data-testid="search-as-typed"
                    onClick={() => update({ q: data!.correctedFrom, asTyped: 'true' })}
                  >
                    {t('search.searchAsTyped', { q: data!.correctedFrom })}
                  </Typography.Link>
                </Typography.Paragraph>
              )}
              {data!.didYouMean && (
                <Typography.Paragraph data-testid="search-did-you-mean">
                  {t('search.didYouMean')}{' '}
                  <Typography.Link onClick={() => update({ q: data!.didYouMean!.q, asTyped: undefined })}>
                    {t('search.didYouMeanLink', { q: data!.didYouMean.q, total: data!.didYouMean.total })}
                  </Typography.Link>
                </Typography.Paragraph>
              )}
              {data!.hits.length === 0 ? (
                <Empty
                  data-testid="search-empty"
                  description={
                    <>
                      {t('search.empty')}
                      <div className="muted small">{t('search.emptyHint')}</div>
                    </>
                  }
                />
              ) : (
                <div className="search-hits" data-testid="search-hits">
                  {data!.hits.map((hit) => (
                    <SearchHitCard key={hit.id} hit={hit} evaluation={badges.data?.[hit.id]} />
                  ))}
                </div>
              )}
              {data!.total > pageSize && (
                <Pagination
                  className="search-pagination"
                  current={page}
                  pageSize={pageSize}
                  total={Math.min(data!.total, MAX_PAGE * pageSize)}
                  pageSizeOptions={PAGE_SIZES}
                  showSizeChanger
                  onChange={(p, size) =>
                    setSp(
                      writeSearchParams({
                        ...params,
                        page: size === pageSize ? String(p) : undefined,
                        pageSize: String(size),
                      }),
                    )
                  }
                />
              )}
            </Spin>
          )}
        </Col>
      </Row>
    </div>
  );
}
