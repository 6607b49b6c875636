import { Card, Col, Empty, Input, Pagination, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MakerDto } from '@shared/makers';
import { useMe } from '../../api/auth';
import { useMakers } from '../../api/makers';
import { LinkButton } from '../../components/link-button';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { isStaff } from '../../lib/roles';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import './makers.css';

const FILTERS = ['kind', 'fieldCode', 'regionCode', 'q'] as const;

/** 创客名录: verified makers, filtered by kind, field and region (kept in the address), with the total. */
export default function MakerListPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: me } = useMe();
  const { filters, page, pageSize, set } = useUrlFilters(FILTERS, 12);
  const makers = useMakers({ ...filters, page, pageSize });
  const canRegister = !!me && !me.orgId && !isStaff(me);

  const card = (m: MakerDto) => (
    <Col xs={24} md={12} xl={8} key={m.id}>
      <Card
        size="small"
        className="maker-card"
        data-testid="maker-card"
        title={<Link to={`/makers/${m.id}`}>{m.name}</Link>}
        extra={<Tag color={m.kind === 'team' ? 'purple' : 'cyan'}>{t(`makers.kind.${m.kind}`)}</Tag>}
      >
        <div className="muted small">
          {labels.region(m.regionCode)}
          {m.leaderName ? ` · ${t('makers.profile.leader')} ${m.leaderName}` : ''}
        </div>
        <Typography.Paragraph ellipsis={{ rows: 2 }} className="maker-tags">
          {m.bio || t('common.none')}
        </Typography.Paragraph>
        <div>
          {m.fields.map((f) => (
            <Tag key={f}>{labels.field(f)}</Tag>
          ))}
          {m.skills.slice(0, 4).map((s) => (
            <Tag key={s} color="blue">
              {s}
            </Tag>
          ))}
        </div>
      </Card>
    </Col>
  );

  return (
    <div className="page" data-testid="maker-list">
      <PageTitle
        titleKey="makers.list.title"
        subtitle={t('makers.list.subtitle')}
        extra={
          canRegister ? (
            <LinkButton to="/makers/new" type="primary" data-testid="become-maker">
              {t('makers.nav.become')}
            </LinkButton>
          ) : null
        }
      />
      <Space wrap className="maker-filters">
        <Select
          allowClear
          aria-label={t('makers.form.kind')}
          placeholder={t('makers.form.kind')}
          value={filters.kind}
          onChange={(v?: string) => set({ kind: v })}
          options={[
            { value: 'individual', label: t('makers.kind.individual') },
            { value: 'team', label: t('makers.kind.team') },
          ]}
        />
        <Select
          allowClear
          aria-label={t('makers.form.fields')}
          placeholder={t('makers.form.fields')}
          value={filters.fieldCode}
          onChange={(v?: string) => set({ fieldCode: v })}
          options={labels.tax.fields.map((f) => ({ value: f.code, label: labels.pick(f) }))}
          data-testid="maker-filter-field"
        />
        <Select
          allowClear
          aria-label={t('makers.form.region')}
          placeholder={t('makers.form.region')}
          value={filters.regionCode}
          onChange={(v?: string) => set({ regionCode: v })}
          options={labels.tax.regions.map((r) => ({ value: r.code, label: labels.pick(r) }))}
        />
        <Input.Search
          allowClear
          aria-label={t('makers.list.search')}
          placeholder={t('makers.list.search')}
          defaultValue={filters.q}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
      </Space>
      {makers.isLoading ? (
        <PageSkeleton />
      ) : makers.isError ? (
        <ErrorResult error={makers.error} onRetry={() => void makers.refetch()} />
      ) : (
        <Spin spinning={makers.isFetching}>
          <Typography.Paragraph className="list-total" data-testid="maker-total">
            {t('makers.list.total', { count: makers.data!.total })}
          </Typography.Paragraph>
          {makers.data!.items.length === 0 ? (
            <Empty description={t('makers.list.empty')} />
          ) : (
            <Row gutter={[12, 12]}>{makers.data!.items.map(card)}</Row>
          )}
          <Pagination
            className="list-pagination"
            current={page}
            pageSize={pageSize}
            total={makers.data!.total}
            hideOnSinglePage
            showSizeChanger={false}
            onChange={(p) => set({ page: p })}
          />
        </Spin>
      )}
    </div>
  );
}
