import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SummaryDto } from '@shared/contract-schemas';
import { wanText } from '../../lib/money';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Headline figures: registered turnover this year, progress to target, YoY, local conversion. */
export function StatsKpis({ s, official }: { s: SummaryDto; official: boolean }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-registered">
          <Statistic title={t('contracts.dash.registered')} value={wanText(s.registered.amountFen)} />
          <div className="muted small">
            {t('contracts.dash.registeredN')} <span data-testid="kpi-registered-n">{s.registered.n}</span> ·{' '}
            {t('contracts.dash.tech')} {wanText(s.registered.techFen)}
          </div>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card data-testid="kpi-target">
          <Statistic
            title={t('contracts.dash.progress')}
            value={s.target ? pct(s.target.progress) : t('contracts.dash.noTarget')}
          />
          {s.target && <Progress percent={Math.min(100, Math.round(s.target.progress * 100))} showInfo={false} />}
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
