import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Empty, Space, Table, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PageDto } from '@shared/dto';
import type { EvaluationDto } from '@shared/evaluation';
import { attachmentUrl } from '../../api/attachments';
import { errorText } from '../../api/client';
import { useMoveEvaluation } from '../../api/evaluations';
import { formatDate } from '../../lib/format';
import { CompleteModal } from './complete-modal';
import { useRangeText } from './evaluation-badge';
import { EvaluationStatusTag } from './evaluation-status-tag';
import { ReasonModal } from './reason-modal';

interface Props {
  data: PageDto<EvaluationDto>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  refreshing: boolean;
}

type Open = { kind: 'complete' | 'decline' | 'cancel'; e: EvaluationDto } | null;

/** Evaluations with what the caller may do on each (the API's `can`), paginated with the total. */
export function EvaluationTable({ data, page, pageSize, onPage, refreshing }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const range = useRangeText();
  const move = useMoveEvaluation();
  const [open, setOpen] = useState<Open>(null);
  const accept = (e: EvaluationDto) =>
    modal.confirm({
      title: t('evaluation.actions.confirmAccept'),
      content: e.achievementTitle,
      okText: t('evaluation.actions.accept'),
      onOk: () =>
        move.mutateAsync({ id: e.id, action: 'accept' }).then(
          () => void message.success(t('evaluation.actions.done')),
          (err: unknown) => void message.error(errorText(err, i18n.language)),
        ),
    });
  const columns: TableProps<EvaluationDto>['columns'] = [
    {
      title: t('evaluation.page.achievement'),
      key: 'achievement',
      render: (_: unknown, e) => (
        <div>
          <Link to={`/achievements/${e.achievementId}`}>{e.achievementTitle}</Link>
          <div className="muted small">
            {e.requesterName}
            {e.evaluatorName ? ` → ${e.evaluatorName}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: t('evaluation.page.kind'),
      key: 'kind',
      width: 100,
      render: (_: unknown, e) => t(`evaluation.kind.${e.kind}`),
    },
    {
      title: t('evaluation.page.status'),
      key: 'status',
      width: 96,
      render: (_: unknown, e) => <EvaluationStatusTag status={e.status} />,
    },
    {
      title: t('evaluation.page.result'),
      key: 'result',
      width: 220,
      render: (_: unknown, e) => (
        <div className="small">
          {e.result && range(e.result)}
          {e.result?.method && <span className="muted"> · {t(`evaluation.method.${e.result.method}`)}</span>}
          {e.self && <div>{t('evaluation.badge.score', { score: e.self.score })}</div>}
          {e.reason && <div className="muted">{e.reason}</div>}
          {e.result?.reportId && (
            <div>
              <a href={attachmentUrl(e.result.reportId)} target="_blank" rel="noreferrer">
                <FilePdfOutlined /> {t('evaluation.card.report')}
              </a>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('evaluation.page.updated'),
      key: 'date',
      width: 110,
      render: (_: unknown, e) => formatDate(e.history.at(-1)?.at ?? e.createdAt),
    },
    {
      title: t('evaluation.page.actions'),
      key: 'act',
      width: 200,
      render: (_: unknown, e) => (
        <Space wrap size={4}>
          {e.can.accept && (
            <Button size="small" type="primary" onClick={() => accept(e)} data-testid="evaluation-accept">
              {t('evaluation.actions.accept')}
            </Button>
          )}
          {e.can.complete && (
            <Button
              size="small"
              type="primary"
              onClick={() => setOpen({ kind: 'complete', e })}
              data-testid="evaluation-complete"
            >
              {t('evaluation.actions.complete')}
            </Button>
          )}
          {e.can.decline && (
            <Button
              size="small"
              danger
              onClick={() => setOpen({ kind: 'decline', e })}
              data-testid="evaluation-decline"
            >
              {t('evaluation.actions.decline')}
            </Button>
          )}
          {e.can.cancel && (
            <Button size="small" onClick={() => setOpen({ kind: 'cancel', e })} data-testid="evaluation-cancel">
              {t('evaluation.actions.cancel')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<EvaluationDto>
        rowKey="id"
        size="small"
        data-testid="evaluation-table"
        className={refreshing ? 'is-refreshing' : undefined}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 860 }}
        locale={{ emptyText: <Empty description={t('evaluation.page.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data.total,
          showSizeChanger: true,
          showTotal: (total) => t('evaluation.page.total', { total }),
          onChange: onPage,
        }}
      />
      {open?.kind === 'complete' && (
        <CompleteModal id={open.e.id} title={open.e.achievementTitle} onClose={() => setOpen(null)} />
      )}
      {(open?.kind === 'decline' || open?.kind === 'cancel') && (
        <ReasonModal id={open.e.id} action={open.kind} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
