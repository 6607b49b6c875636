import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrgPublicDto } from '@shared/dto';
import { errorText } from '../../api/client';
import { useOrgs, useVerifyOrg } from '../../api/orgs';
import { PageTitle } from '../../components/page-title';
import { ErrorResult } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-labels';
import { useUrlFilters } from '../../lib/use-url-filters';
import { RejectModal } from './reject-modal';
import { ReviewDetail } from './review-detail';

const NO_FILTERS = [] as const;

export default function VerificationPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  // The queue's page is kept in the address (a reload or Back comes back to the same applications).
  const url = useUrlFilters(NO_FILTERS);
  const page = { page: url.page, pageSize: url.pageSize };
  const [rejecting, setRejecting] = useState<OrgPublicDto | null>(null);
  // Every application opens with its document and details beside it; the reviewer may fold one away.
  const [folded, setFolded] = useState<Set<string>>(new Set());
  const queue = useOrgs({ status: 'pending', ...page });
  const verify = useVerifyOrg();
  const { orgType, region, submarket } = useLabels();

  const approve = (org: OrgPublicDto) =>
    verify.mutate(
      { id: org.id, decision: 'approve' },
      {
        onSuccess: () => void message.success(t('verification.approved', { name: org.name })),
        onError: (err) => void message.error(errorText(err, i18n.language)),
      },
    );

  const columns: TableProps<OrgPublicDto>['columns'] = [
    {
      title: t('orgs.col.name'),
      dataIndex: 'name',
      // A verified organisation in this queue asks to change its name, code, type or region (shown on its page).
      render: (_, o) => (
        <>
          <Link to={`/orgs/${o.id}`}>{o.name}</Link>
          {o.verificationStatus === 'verified' && (
            <Tag color="gold" className="queue-reverify-tag" data-testid="queue-reverification">
              {t('orgs.detail.reverifyTitle')}
            </Tag>
          )}
        </>
      ),
    },
    { title: t('orgs.col.type'), dataIndex: 'type', render: (v: string) => orgType(v) },
    { title: t('orgs.col.region'), dataIndex: 'regionCode', render: (v: string) => region(v), responsive: ['md'] },
    {
      title: t('orgs.col.submarket'),
      dataIndex: 'submarketCode',
      render: (v: string) => submarket(v),
      responsive: ['lg'],
    },
    {
      title: t('orgs.col.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v),
      responsive: ['md'],
    },
    {
      title: t('orgs.col.actions'),
      key: 'actions',
      width: 190,
      render: (_, o) => (
        <Space>
          <Button
            type="primary"
            size="small"
            icon={<CheckOutlined />}
            loading={verify.isPending && verify.variables?.id === o.id && verify.variables.decision === 'approve'}
            onClick={() => approve(o)}
            data-testid="verify-approve"
            data-org-id={o.id}
          >
            {t('verification.approve')}
          </Button>
          <Button
            danger
            size="small"
            icon={<CloseOutlined />}
            onClick={() => setRejecting(o)}
            data-testid="verify-reject"
            data-org-id={o.id}
          >
            {t('verification.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="page">
      <PageTitle titleKey="verification.title" subtitle={t('verification.subtitle')} />
      <Card>
        {queue.isError ? (
          <ErrorResult error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <Table<OrgPublicDto>
            rowKey="id"
            columns={columns}
            dataSource={queue.data?.items}
            loading={queue.isFetching}
            data-testid="verification-table"
            expandable={{
              expandedRowRender: (o) => <ReviewDetail id={o.id} />,
              expandedRowKeys: (queue.data?.items ?? []).map((o) => o.id).filter((id) => !folded.has(id)),
              onExpand: (open, o) =>
                setFolded((prev) => {
                  const next = new Set(prev);
                  if (open) next.delete(o.id);
                  else next.add(o.id);
                  return next;
                }),
            }}
            locale={{ emptyText: <Empty description={t('verification.empty')} /> }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: queue.data?.total ?? 0,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, pageSize) => url.set({ page: p, pageSize }),
            }}
            scroll={{ x: 720 }}
          />
        )}
      </Card>
      <RejectModal org={rejecting} onClose={() => setRejecting(null)} />
    </div>
  );
}
