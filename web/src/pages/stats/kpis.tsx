import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SummaryDto } from '@shared/contract-schemas';
import { useMoney } from '../../lib/money';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Headline figures: registered turnover this year, progress to target, YoY, local conversion. */
export function StatsKpis({ s, official }: { s: SummaryDto; official: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  // 亿元 (CNY billion/million) once a figure reaches 1 亿元, else 万元: a reader of either language gets few digits.
  const amount = (fen: number) => (fen >= 10_000_000_000 ? money.yi(fen) : money.wan(fen));
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-registered">
          <Statistic title={t('contracts.dash.registered')} value={amount(s.registered.amountFen)} />
          <div className="muted small">
            {t('contracts.dash.registeredN')} <span data-testid="kpi-registered-n">{s.registered.n}</span> ·{' '}
            {t('contracts.dash.tech')} {amount(s.registered.techFen)}
          </div>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-target">
          <Statistic
            title={t('contracts.dash.progress')}
            value={s.target ? pct(s.target.progress) : t('contracts.dash.noTarget')}
          />
          {s.target && (
            <Progress
              aria-label={t('contracts.dash.progress')}
              percent={Math.min(100, Math.round(s.target.progress * 100))}
              showInfo={false}
            />
          )}
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-yoy">
          <Statistic
            title={t('contracts.dash.yoy')}
            value={pct(s.yoy)}
            valueStyle={{ color: (s.yoy ?? 0) >= 0 ? '#cf1322' : '#3f8600' }}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-local">
          <Statistic title={t('contracts.dash.local')} value={pct(s.localConversionRate)} />
          {official && (
            <div className="muted small">
              {t('contracts.dash.pending')} {s.pending}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
