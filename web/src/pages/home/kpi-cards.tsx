import { ApartmentOutlined, BankOutlined, ClusterOutlined, RiseOutlined } from '@ant-design/icons';
import { Card, Col, Progress, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrgs } from '../../api/orgs';
import { useStatsSummary } from '../../api/stats';
import { useTaxonomy } from '../../api/taxonomy';
import { useMoney } from '../../lib/money';

function Kpi({
  icon,
  title,
  value,
  suffix,
  note,
  testId,
  loading,
}: {
  icon: ReactNode;
  title: string;
  value?: number | string;
  suffix?: string;
  note?: ReactNode;
  testId: string;
  loading?: boolean;
}) {
  return (
    <Card className="kpi-card" data-testid={testId}>
      <div className="kpi-card__icon">{icon}</div>
      <Statistic title={title} value={value ?? '–'} suffix={suffix} loading={loading ?? value === undefined} />
      {note && <div className="kpi-card__note">{note}</div>}
    </Card>
  );
}

/**
 * The home page's headline figures. The tally is the same query as /stats (this year's registered
 * technology-contract turnover against this year's target); the 2015 figure is the planning documents'
 * baseline and is labelled as such, never shown as a current number.
 */
export function KpiCards() {
  const { t } = useTranslation();
  const orgs = useOrgs({ pageSize: 1 });
  const { data: tax } = useTaxonomy();
  const summary = useStatsSummary();
  const money = useMoney();
  const s = summary.data;
  const target = s?.target;
  return (
    <Row gutter={[16, 16]} className="kpi-row">
      <Col xs={24} lg={12}>
        <Card className="kpi-card kpi-card--tally" data-testid="kpi-tally">
          <div className="kpi-card__icon">
            <RiseOutlined />
          </div>
          <Statistic
            title={t('home.tallyTitle', { year: s?.year ?? new Date().getFullYear() })}
            value={s ? money.yi(s.registered.amountFen) : '–'}
            loading={summary.isPending}
          />
          {s && (
            <div className="kpi-card__note" data-testid="kpi-tally-target">
              {target
                ? t('home.tallyTarget', { target: money.yi(target.amountFen), pct: (target.progress * 100).toFixed(1) })
                : t('home.tallyNoTarget')}
              {target && (
                <Progress
                  aria-label={t('contracts.dash.progress')}
                  percent={Math.min(100, Math.round(target.progress * 100))}
                  showInfo={false}
                />
              )}
            </div>
          )}
          {summary.isError && <div className="kpi-card__note">{t('home.tallyUnavailable')}</div>}
          <div className="kpi-card__note" data-testid="kpi-baseline">
            {t('home.tallyBaseline')} · <Link to="/stats">{t('home.tallyMore')}</Link>
          </div>
        </Card>
      </Col>
      <Col xs={8} lg={4}>
        <Kpi
          testId="kpi-orgs"
          icon={<BankOutlined />}
          title={t('home.kpiVerifiedOrgs')}
          value={orgs.isError ? 0 : orgs.data?.total}
        />
      </Col>
      <Col xs={8} lg={4}>
        <Kpi testId="kpi-fields" icon={<ApartmentOutlined />} title={t('home.kpiFields')} value={tax?.fields.length} />
      </Col>
      <Col xs={8} lg={4}>
        <Kpi
          testId="kpi-submarkets"
          icon={<ClusterOutlined />}
          title={t('home.kpiSubmarkets')}
          value={tax?.submarkets.length}
        />
      </Col>
    </Row>
  );
}
