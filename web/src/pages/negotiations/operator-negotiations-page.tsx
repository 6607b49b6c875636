import { App, Button, Card, Empty, InputNumber, Select, Space, Table, Tag, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  brokerFilters,
  negotiationStatuses,
  type BrokerFilter,
  type NegotiationStatus,
  type OperatorNegotiationDto,
} from '@shared/negotiation-events';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useAssignBroker, useBrokers, useOperatorNegotiations } from '../../api/negotiations';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { statusColor } from './negotiation-room-page';

const PAGE_SIZE = 20;

/** Filters live in the URL (shareable, back-button friendly); unknown values are dropped. */
function readFilters(sp: URLSearchParams) {
  const oneOf = <T extends string>(k: string, allowed: readonly T[]) => {
    const v = sp.get(k) as T | null;
    return v && allowed.includes(v) ? v : undefined;
  };
  const stale = Number.parseInt(sp.get('staleDays') ?? '', 10);
  return {
    status: oneOf<NegotiationStatus>('status', negotiationStatuses),
    submarket: sp.get('submarket')?.slice(0, 32) || undefined,
    broker: oneOf<BrokerFilter>('broker', brokerFilters),
    staleDays: stale >= 1 && stale <= 365 ? stale : undefined,
    page: Math.max(1, Number.parseInt(sp.get('page') ?? '', 10) || 1),
  };
}
type Filters = ReturnType<typeof readFilters>;

function AssignBroker({ room }: { room: OperatorNegotiationDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [brokerId, setBrokerId] = useState<string>();
  const brokers = useBrokers(true);
  const assign = useAssignBroker();
  const submit = () =>
    brokerId &&
    assign
      .mutateAsync({ negotiationId: room.id, brokerId })
      .then(() => void message.success(t('negotiation.operator.assigned')))
      .catch((err) => void message.error(errorText(err, i18n.language)));
  return (
    <Space.Compact data-testid="assign-broker">
      <Select
        style={{ width: 190 }}
        size="small"
        aria-label={t('negotiation.operator.chooseBroker')}
        placeholder={t('negotiation.operator.chooseBroker')}
        value={brokerId}
        onChange={setBrokerId}
        data-testid="assign-broker-select"
        options={(brokers.data ?? []).map((b) => ({
          value: b.id,
          label: `${b.name}${b.agency ? t('common.paren', { v: b.agency }) : ''}`,
        }))}
      />
      <Button
        size="small"
        type="primary"
        disabled={!brokerId}
        loading={assign.isPending}
        onClick={submit}
        data-testid="assign-broker-submit"
      >
        {t('negotiation.operator.assign')}
      </Button>
    </Space.Compact>
  );
}

/**
 * Operators' list of the rooms in the sub-markets they run (hub operators and admins: all): state,
 * parties, last activity and broker, filtered and paged on the server; assign a broker where none is
 * invited or taking part. Metadata only: the API sends no message or term to this page.
 */
export default function OperatorNegotiationsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const rooms = useOperatorNegotiations({ ...filters, pageSize: PAGE_SIZE });
  const set = (next: Partial<Filters>) => {
    // From the address as it is now, not from this render's filters: a navigation is committed in a
    // transition, so two changes in quick succession (status, then broker) would otherwise drop the first.
    const merged: Filters = { ...readFilters(new URLSearchParams(window.location.search)), page: 1, ...next };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(merged))
      if (v !== undefined && !(k === 'page' && v === 1)) out.set(k, String(v));
    setSp(out);
  };
  const everywhere = !!me.data && (me.data.roles.includes('admin') || me.data.operatorSubmarkets.includes('HUB'));
  const submarkets = everywhere ? labels.tax.submarkets.map((s) => s.code) : (me.data?.operatorSubmarkets ?? []);

  const columns: TableProps<OperatorNegotiationDto>['columns'] = [
    {
      title: t('negotiation.operator.room'),
      key: 'title',
      render: (_, n) => <Link to={`/negotiations/${n.id}`}>{n.title}</Link>,
    },
    {
      title: t('negotiation.operator.submarket'),
      key: 'submarket',
      width: 130,
      render: (_, n) => labels.submarket(n.submarketCode),
    },
    {
      title: t('negotiation.operator.status'),
      key: 'status',
      width: 120,
      render: (_, n) => (
        <Tag color={statusColor[n.status]} data-testid="room-state">
          {t(`negotiation.status.${n.status}`)}
          {n.closeReason ? ` · ${t(`negotiation.closeReason.${n.closeReason}`)}` : ''}
        </Tag>
      ),
    },
    {
      title: t('negotiation.operator.participants'),
      key: 'parties',
      render: (_, n) => (
        <Space direction="vertical" size={0}>
          <span>
            {t('negotiation.side.buyer')}
            {t('common.colon')}
            {n.buyer.name}
          </span>
          <span>
            {t('negotiation.side.seller')}
            {t('common.colon')}
            {n.seller.name}
          </span>
        </Space>
      ),
    },
    {
      title: t('negotiation.operator.broker'),
      key: 'broker',
      width: 150,
      render: (_, n) => {
        const b = n.brokers.find((x) => x.status !== 'declined');
        return b ? (
          <Space size={4} wrap data-testid="room-broker">
            <span>{b.name}</span>
            <Tag>{t(`negotiation.operator.brokerStatus.${b.status}`)}</Tag>
          </Space>
        ) : (
          <span data-testid="room-broker">{t('negotiation.operator.noBroker')}</span>
        );
      },
    },
    {
      title: t('negotiation.operator.lastActivity'),
      key: 'lastEventAt',
      width: 150,
      render: (_, n) => {
        const idle = dayjs().diff(dayjs(n.lastEventAt), 'day');
        return (
          <Space direction="vertical" size={0}>
            <span>{formatDateTime(n.lastEventAt)}</span>
            {idle >= 1 && <small className="muted">{t('negotiation.operator.idleDays', { count: idle })}</small>}
          </Space>
        );
      },
    },
    {
      title: t('negotiation.operator.actions'),
      key: 'actions',
      width: 260,
      render: (_, n) =>
        n.status === 'open' && !n.brokers.some((b) => b.status !== 'declined') ? <AssignBroker room={n} /> : null,
    },
  ];

  return (
    <div className="page" data-testid="operator-negotiations">
      <PageTitle titleKey="negotiation.operator.title" subtitle={t('negotiation.operator.subtitle')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('negotiation.operator.allStatuses')}
            placeholder={t('negotiation.operator.allStatuses')}
            value={filters.status}
            onChange={(v) => set({ status: v })}
            data-testid="filter-status"
            options={negotiationStatuses.map((s) => ({ value: s, label: t(`negotiation.status.${s}`) }))}
          />
          <Select
            allowClear
            style={{ width: 180 }}
            aria-label={t('negotiation.operator.allSubmarkets')}
            placeholder={t('negotiation.operator.allSubmarkets')}
            value={filters.submarket}
            onChange={(v) => set({ submarket: v })}
            data-testid="filter-submarket"
            options={submarkets.map((code) => ({ value: code, label: labels.submarket(code) }))}
          />
          <Select
            allowClear
            style={{ width: 170 }}
            aria-label={t('negotiation.operator.anyBroker')}
            placeholder={t('negotiation.operator.anyBroker')}
            value={filters.broker}
            onChange={(v) => set({ broker: v })}
            data-testid="filter-broker"
            options={brokerFilters.map((b) => ({ value: b, label: t(`negotiation.operator.brokerFilter.${b}`) }))}
          />
          <InputNumber
            aria-label={t('negotiation.operator.stale')}
            min={1}
            max={365}
            precision={0}
            style={{ width: 200 }}
            addonBefore={t('negotiation.operator.stale')}
            addonAfter={t('negotiation.operator.days')}
            value={filters.staleDays ?? null}
            onChange={(v) => set({ staleDays: v ?? undefined })}
            data-testid="filter-stale"
          />
          <Button onClick={() => setSp(new URLSearchParams())}>{t('negotiation.operator.reset')}</Button>
        </Space>
        {rooms.isError ? (
          <ErrorResult error={rooms.error} onRetry={() => void rooms.refetch()} />
        ) : (
          <Table<OperatorNegotiationDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rooms.data?.items}
            loading={rooms.isFetching}
            data-testid="operator-negotiation-table"
            locale={{ emptyText: <Empty description={t('negotiation.operator.empty')} /> }}
            pagination={{
              current: filters.page,
              pageSize: PAGE_SIZE,
              total: rooms.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (page) => set({ page }),
            }}
            scroll={{ x: 1000 }}
          />
        )}
      </Card>
    </div>
  );
}
