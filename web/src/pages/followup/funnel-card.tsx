import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFollowupFunnel, type FunnelParams } from '../../api/followup';
import { ErrorResult } from '../../components/query-state';
import { LinkButton } from '../../components/link-button';
import { Chart } from '../stats/chart';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The conversion funnel (挂牌 → 洽谈 → 签约 → 登记 → 产业化) with 本地转化率 (by count) and 产业化率 for a region,
 * field and year: on the officials' dashboard and the follow-up board.
 */
export function FunnelCard({ params, boardLink }: { params: FunnelParams; boardLink?: boolean }) {
  const { t } = useTranslation();
  const funnel = useFollowupFunnel(params);
  if (funnel.isError) return <ErrorResult error={funnel.error} onRetry={() => void funnel.refetch()} />;
  const f = funnel.data;
  const stages = (f?.stages ?? []).map((s) => ({ name: t(`followup.funnel.${s.stage}`), value: s.n }));
  return (
    <Card
      size="small"
      loading={funnel.isLoading}
      title={t('followup.funnel.title')}
      data-testid="followup-funnel"
      data-state={funnel.isFetching ? 'loading' : 'ready'}
      extra={
        boardLink && (
          <LinkButton
            size="small"
            to={`/followups/board${params.region ? `?region=${params.region}` : ''}`}
            data-testid="to-followup-board"
          >
            {t('followup.funnel.board')}
          </LinkButton>
        )
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <div data-testid="kpi-local-count">
            <Statistic title={t('followup.funnel.local')} value={pct(f?.localConversionRate ?? null)} />
            <div className="muted small">{t('followup.funnel.localHint')}</div>
          </div>
          <div data-testid="kpi-industrialised" style={{ marginTop: 12 }}>
            <Statistic title={t('followup.funnel.rate')} value={pct(f?.industrialisationRate ?? null)} />
            <div className="muted small">{t('followup.funnel.rateHint')}</div>
          </div>
          <div data-testid="kpi-overdue" style={{ marginTop: 12 }}>
            <Statistic title={t('followup.funnel.overdue')} value={f?.overdue ?? 0} />
          </div>
        </Col>
        <Col xs={24} md={16}>
          <Chart
            testId="chart-funnel"
            height={260}
            option={{
              tooltip: { trigger: 'item' },
              series: [
                {
                  type: 'funnel',
                  left: 8,
                  right: 8,
                  top: 8,
                  bottom: 8,
                  minSize: '8%',
                  sort: 'none',
                  label: { show: true, position: 'inside', formatter: '{b} {c}' },
                  data: stages,
                },
              ],
            }}
          />
        </Col>
      </Row>
    </Card>
  );
}
