import { App, Button, Card, Empty, Space, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { errorText } from '../../../api/client';
import type { ProposalDto } from '../../../api/listing-types';
import { useDecideProposal, useProposals, type ProposalDecision } from '../../../api/proposals';
import { ErrorResult } from '../../../components/query-state';
import { StartNegotiationButton } from '../../negotiations/start-negotiation-button';
import { formatDateTime } from '../../../lib/format';
import { WanText } from '../money-text';
import { ProposalStatusTag } from './proposal-status-tag';

const PAGE_SIZE = 10;

/** Every proposal, for the poster (who decides, if an org admin) and for reviewers (read only). */
export function ProposalsCard({ needId, canDecide }: { needId: string; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const proposals = useProposals(needId);
  const decide = useDecideProposal(needId);
  const [page, setPage] = useState(1);
  const decider = canDecide && me?.orgRole === 'org_admin';
  const hasWinner = !!proposals.data?.some((p) => p.status === 'winner');

  const run = (p: ProposalDto, decision: ProposalDecision) =>
    decide.mutateAsync({ proposalId: p.id, decision }).then(
      () => void message.success(t('catalog.challenge.decided')),
      (err: unknown) => void message.error(errorText(err, i18n.language)),
    );
  const selectWinner = (p: ProposalDto) =>
    modal.confirm({
      title: t('catalog.challenge.selectWinner'),
      content: t('catalog.challenge.selectWinnerConfirm', { org: p.org.name ?? '' }),
      onOk: () => run(p, 'select_winner'),
    });
  const busy = (p: ProposalDto, d: ProposalDecision) =>
    decide.isPending && decide.variables?.proposalId === p.id && decide.variables.decision === d;

  const columns: TableProps<ProposalDto>['columns'] = [
    { title: t('catalog.challenge.col.org'), dataIndex: ['org', 'name'], width: 180 },
    { title: t('catalog.challenge.col.summary'), dataIndex: 'summary', ellipsis: true },
    {
      title: t('catalog.challenge.col.price'),
      dataIndex: 'priceFen',
      width: 130,
      render: (v: number | null) => <WanText fen={v} />,
    },
    {
      title: t('catalog.challenge.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: ProposalDto['status']) => <ProposalStatusTag status={s} />,
    },
    {
      title: t('catalog.challenge.col.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      responsive: ['xxl'],
      render: (v: string) => formatDateTime(v),
    },
    ...(decider
      ? [
          {
            title: t('catalog.challenge.col.actions'),
            key: 'actions',
            width: 250,
            fixed: 'right' as const,
            render: (_: unknown, p: ProposalDto) =>
              p.status === 'winner' ? (
                <StartNegotiationButton size="small" subject={{ kind: 'proposal', id: p.id }} />
              ) : p.status === 'declined' || hasWinner ? null : (
                <Space size={4} wrap>
                  {p.status === 'submitted' && (
                    <Button
                      size="small"
                      loading={busy(p, 'shortlist')}
                      onClick={() => void run(p, 'shortlist')}
                      data-testid="proposal-shortlist"
                      data-id={p.id}
                    >
                      {t('catalog.challenge.shortlist')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    danger
                    loading={busy(p, 'decline')}
                    onClick={() => void run(p, 'decline')}
                    data-testid="proposal-decline"
                    data-id={p.id}
                  >
                    {t('catalog.challenge.decline')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => selectWinner(p)}
                    data-testid="proposal-winner"
                    data-id={p.id}
                  >
                    {t('catalog.challenge.selectWinner')}
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('catalog.challenge.proposals')}
      extra={<span className="muted small">{t('catalog.challenge.proposalsHint')}</span>}
      className="section-card"
    >
      {proposals.isError ? (
        <ErrorResult error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <Table<ProposalDto>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={proposals.data}
          loading={proposals.isFetching}
          data-testid="proposals-table"
          expandable={{
            expandedRowRender: (p) => (
              <>
                <Typography.Paragraph className="listing-body">{p.summary}</Typography.Paragraph>
                {p.plan && <Typography.Paragraph className="listing-body muted">{p.plan}</Typography.Paragraph>}
              </>
            ),
          }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.challenge.noProposals')} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            onChange: setPage,
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
          scroll={{ x: 720 }}
        />
      )}
    </Card>
  );
}
