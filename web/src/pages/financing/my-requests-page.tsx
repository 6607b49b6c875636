import { Alert, App, Button, Card, Empty, Input, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDto } from '@shared/financing';
import { errorText } from '../../api/client';
import { useFinancingMe, useMyRequests, useRequestStatus } from '../../api/financing';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { useMoney } from '../../lib/money';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { RequestStatusTag } from './financing-labels';
import { ConfidentialBlock, RequestDetails } from './request-details';
import { RequestForm } from './request-form';
import './financing.css';
import { TiedEvaluation } from '../evaluations/tied-evaluation';

const NO_FILTERS: readonly string[] = [];

/** A requester's financing requests: write, open, close; each expands to proposals and interests. */
export default function MyRequestsPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useFinancingMe();
  const { page, set } = useUrlFilters(NO_FILTERS);
  const requests = useMyRequests(page, me.data?.role === 'requester');
  const setStatus = useRequestStatus();
  const money = useMoney();
  const labels = useLabels();
  const [editing, setEditing] = useState<RequestDto | null | 'new'>(null);

  if (me.isLoading) return <PageSkeleton />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  const requester = me.data?.role === 'requester';
  const onError = (err: unknown) => void message.error(errorText(err, i18n.language));

  const close = (r: RequestDto) => {
    let reason = '';
    modal.confirm({
      title: t('financing.request.close'),
      content: (
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('financing.request.closeReason')}
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      onOk: () =>
        setStatus.mutateAsync({ id: r.id, action: 'close', reason: reason.trim() || undefined }).catch(onError),
    });
  };

  const columns: TableProps<RequestDto>['columns'] = [
    {
      title: t('financing.col.request'),
      dataIndex: 'title',
      render: (_, r) => (
        <div className="fin-request-cell">
          <strong>{r.title}</strong>
          <div className="muted small">
            {labels.field(r.fieldCode)} · {labels.stage(r.stage)}
          </div>
          {r.tie && <div className="small">{t('financing.request.tie', { title: r.tie.title })}</div>}
          {r.tie?.kind === 'achievement' && <TiedEvaluation achievementId={r.tie.id} />}
        </div>
      ),
    },
    {
      title: t('financing.col.requestAmount'),
      dataIndex: 'amountFen',
      width: 130,
      render: (v: number) => money.wan(v),
    },
    {
      title: t('financing.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: RequestDto['status']) => <RequestStatusTag status={s} />,
    },
    {
      title: t('financing.col.actions'),
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Space size={4} wrap>
          {(r.status === 'draft' || r.status === 'open') && (
            <Button size="small" onClick={() => setEditing(r)}>
              {t('financing.request.edit')}
            </Button>
          )}
          {r.status === 'draft' && (
            <Button
              size="small"
              type="primary"
              disabled={!me.data?.verified}
              onClick={() => setStatus.mutate({ id: r.id, action: 'open' }, { onError })}
              data-testid="request-open"
            >
              {t('financing.request.open')}
            </Button>
          )}
          {r.status !== 'closed' && (
            <Button size="small" danger onClick={() => close(r)}>
              {t('financing.request.close')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle
        titleKey="financing.request.title"
        subtitle={t('financing.request.subtitle')}
        extra={
          requester && (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="request-new">
              {t('financing.request.new')}
            </Button>
          )
        }
      />
      {!requester ? (
        <Alert type="info" showIcon title={t('financing.request.notRequester')} />
      ) : (
        <Card>
          {!me.data?.verified && (
            <Alert type="warning" showIcon className="fin-kpis" title={t('financing.request.unverified')} />
          )}
          {requests.isError ? (
            <ErrorResult error={requests.error} onRetry={() => void requests.refetch()} />
          ) : (
            <Table<RequestDto>
              rowKey="id"
              columns={columns}
              dataSource={requests.data?.items}
              loading={requests.isFetching}
              data-testid="my-requests"
              locale={{ emptyText: <Empty description={t('financing.request.empty')} /> }}
              expandable={{
                expandedRowRender: (r) => (
                  <>
                    {r.summary && <p>{r.summary}</p>}
                    <ConfidentialBlock r={r} />
                    <div className="fin-kpis" />
                    <RequestDetails r={r} />
                  </>
                ),
              }}
              pagination={{
                current: page,
                pageSize: 20,
                total: requests.data?.total ?? 0,
                showTotal: (total) => t('common.total', { count: total }),
                onChange: (p) => set({ page: p }),
              }}
              scroll={{ x: 560 }}
            />
          )}
        </Card>
      )}
      <RequestForm
        open={editing !== null}
        request={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
