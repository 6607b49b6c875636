import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Segmented,
  Space,
  Table,
  Tag,
  message,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../api/client';
import { contractCategories, liaoningRegionCodes } from '@shared/taxonomy';
import {
  useDecideRegistration,
  useRegistrations,
  type RegistrationDto,
  type RegistrationQueueQuery,
} from '../../api/contracts';
import { ErrorResult } from '../../components/query-state';
import { PageTitle } from '../../components/page-title';
import { fenToWan, useMoney, wanToFen } from '../../lib/money';
import { labels } from './labels';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/use-url-filters';

function Review({ r, onClose }: { r: RegistrationDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const decide = useDecideRegistration();
  const [assessed, setAssessed] = useState<number | null>(fenToWan(r.claimedTechAmountFen));
  const [reason, setReason] = useState('');
  const zh = i18n.language.startsWith('zh');
  // A decision is final for this filing: it asks first, and says what it did.
  const run = (body: Parameters<typeof decide.mutate>[0]['body']) =>
    Modal.confirm({
      title: t(body.decision === 'approve' ? 'contracts.queue.approveConfirm' : 'contracts.queue.rejectConfirm'),
      content:
        body.decision === 'approve'
          ? t('contracts.queue.approveConfirmText', { title: r.title, amount: money.wan(body.assessedTechAmountFen) })
          : t('contracts.queue.rejectConfirmText', { title: r.title, reason: body.reason }),
      okButtonProps: { danger: body.decision === 'reject', 'data-testid': 'decision-ok' } as never,
      onOk: () =>
        decide
          .mutateAsync({ id: r.id, body })
          .then(() => {
            void message.success(
              t(body.decision === 'approve' ? 'contracts.queue.approved' : 'contracts.queue.rejected'),
            );
            onClose();
          })
          .catch((e) => void message.error(errorText(e, i18n.language))),
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="review">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('contracts.list.contractNo')}>
          <Link to={`/contracts/${r.contractId}`}>{r.contractNo}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.list.name')}>{r.title}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.list.parties')}>
          {r.sellerName} → {r.buyerName}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.detail.category')}>
          {labels.category(r.category, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('contracts.detail.amount')}>{money.wan(r.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('contracts.detail.techAmount')}>
          {money.wan(r.claimedTechAmountFen)}
        </Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={`${t('contracts.queue.checks')} · ${t('contracts.queue.rules', { v: r.rulesVersion })}`}
      >
        <List
          size="small"
          dataSource={r.checks}
          renderItem={(c) => (
            <List.Item>
              <Tag color={c.ok ? 'green' : c.blocking ? 'red' : 'orange'}>{c.ok ? '✓' : '✗'}</Tag>
              {zh ? c.text.zh : c.text.en}
            </List.Item>
          )}
        />
      </Card>
      <Space wrap>
        <span>{t('contracts.queue.assessed')}</span>
        <InputNumber
          data-testid="assessed"
          min={0}
          max={fenToWan(r.amountFen)}
          value={assessed}
          onChange={(v) => setAssessed(v)}
        />
        <Button
          type="primary"
          data-testid="approve"
          loading={decide.isPending}
          disabled={assessed === null}
          onClick={() => run({ decision: 'approve', assessedTechAmountFen: wanToFen(assessed ?? 0) })}
        >
          {t('contracts.queue.approve')}
        </Button>
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          data-testid="reject-reason"
          placeholder={t('contracts.queue.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
        />
        <Button
          danger
          data-testid="reject"
          disabled={reason.trim().length < 2}
          onClick={() => run({ decision: 'reject', reason })}
        >
          {t('contracts.queue.reject')}
        </Button>
      </Space.Compact>
    </Space>
  );
}

const QUEUE_FILTERS = ['status', 'region', 'category', 'minWan', 'maxWan', 'filedBefore', 'sort'] as const;

/** Registration officials: the filings of their region, oldest first, and the review drawer. */
export default function RegistrationQueuePage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const [open, setOpen] = useState<RegistrationDto | null>(null);
  // Every filter, the sort and the page are kept in the address (a reload or Back shows the same queue).
  const url = useUrlFilters(QUEUE_FILTERS);
  const status = (url.filters.status ?? 'pending') as 'pending' | 'approved' | 'rejected';
  const wan = (v?: string) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  const filters: RegistrationQueueQuery = {
    page: url.page,
    pageSize: url.pageSize,
    sort: (url.filters.sort ?? 'waiting') as RegistrationQueueQuery['sort'],
    region: url.filters.region,
    category: url.filters.category,
    minAmountFen: wan(url.filters.minWan) === undefined ? undefined : wanToFen(wan(url.filters.minWan)!),
    maxAmountFen: wan(url.filters.maxWan) === undefined ? undefined : wanToFen(wan(url.filters.maxWan)!),
    filedBefore: url.filters.filedBefore,
  };
  const set = url.set;
  const { data, error, isFetching, isPlaceholderData, refetch } = useRegistrations({ status, ...filters });
  const lang = i18n.language;
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />;
  return (
    <div className="page">
      <PageTitle titleKey="contracts.queue.title" extra={<Link to="/officials">{t('contracts.dash.title')}</Link>} />
      <Segmented
        style={{ marginBottom: 16 }}
        value={status}
        onChange={(v) => set({ status: v === 'pending' ? undefined : String(v) })}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
          value: s,
          label: t(`contracts.status.${s}`),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }} data-testid="queue-filters">
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('contracts.dash.region')}
          data-testid="queue-region"
          aria-label={t('contracts.dash.region')}
          value={filters.region}
          onChange={(v) => set({ region: v })}
          options={liaoningRegionCodes.map((c) => ({ value: c, label: labels.region(c, lang) }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('contracts.detail.category')}
          data-testid="queue-category"
          aria-label={t('contracts.detail.category')}
          value={filters.category}
          onChange={(v) => set({ category: v })}
          options={contractCategories.map((c) => ({ value: c.code, label: labels.category(c.code, lang) }))}
        />
        <InputNumber
          min={0}
          style={{ width: 150 }}
          placeholder={t('contracts.queue.minWan')}
          data-testid="queue-min"
          aria-label={t('contracts.queue.minWan')}
          defaultValue={wan(url.filters.minWan)}
          onChange={(v) => set({ minWan: v === null ? undefined : v })}
        />
        <InputNumber
          min={0}
          style={{ width: 150 }}
          placeholder={t('contracts.queue.maxWan')}
          data-testid="queue-max"
          aria-label={t('contracts.queue.maxWan')}
          defaultValue={wan(url.filters.maxWan)}
          onChange={(v) => set({ maxWan: v === null ? undefined : v })}
        />
        <Input
          style={{ width: 170 }}
          placeholder={t('contracts.queue.waitingSince')}
          maxLength={10}
          data-testid="queue-filed-before"
          aria-label={t('contracts.queue.waitingSince')}
          defaultValue={url.filters.filedBefore}
          onChange={(e) =>
            set({ filedBefore: /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : undefined })
          }
        />
        <Select
          style={{ width: 170 }}
          data-testid="queue-sort"
          aria-label={t('contracts.queue.sortLabel')}
          value={filters.sort}
          onChange={(v) => set({ sort: v })}
          options={(['waiting', 'newest', 'amount_desc', 'amount_asc'] as const).map((s) => ({
            value: s,
            label: t(`contracts.queue.sort.${s}`),
          }))}
        />
      </Space>
      <Table<RegistrationDto>
        rowKey="id"
        data-testid="registration-queue"
        className="contract-table"
        // On a phone the columns keep their width and the table scrolls sideways instead of one character a line.
        scroll={{ x: 960 }}
        loading={isFetching && (isPlaceholderData || !data)}
        data-state={isFetching ? 'loading' : 'ready'}
        dataSource={data?.items}
        locale={{ emptyText: t('contracts.queue.empty') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (n) => <span data-testid="queue-total">{t('contracts.queue.total', { n })}</span>,
          onChange: (page, pageSize) => set({ page, pageSize }),
        }}
        columns={[
          { title: t('contracts.list.contractNo'), dataIndex: 'contractNo' },
          { title: t('contracts.list.name'), dataIndex: 'title', className: 'contract-table__title' },
          { title: t('contracts.list.parties'), render: (_: unknown, r) => `${r.sellerName} → ${r.buyerName}` },
          {
            title: t('contracts.dash.region'),
            dataIndex: 'sellerRegion',
            render: (v: string) => labels.region(v, i18n.language),
          },
          {
            title: t('contracts.list.amount'),
            dataIndex: 'amountFen',
            align: 'right',
            className: 'nowrap',
            render: (v: number) => money.wan(v),
          },
          {
            title: t('contracts.queue.filedAt'),
            className: 'nowrap',
            dataIndex: 'filedAt',
            render: (v: string) => formatDateTime(v),
          },
          {
            title: '',
            render: (_: unknown, r) => (
              <Button size="small" data-testid={`review-${r.contractNo}`} onClick={() => setOpen(r)}>
                {t('contracts.queue.review')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        width={640}
        open={!!open}
        onClose={() => setOpen(null)}
        title={t('contracts.queue.review')}
        destroyOnHidden
      >
        {open && <Review r={open} onClose={() => setOpen(null)} />}
      </Drawer>
    </div>
  );
}
