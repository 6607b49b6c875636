import { ApartmentOutlined, BankOutlined, ClusterOutlined, RiseOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgs } from '../../api/orgs';
import { useTaxonomy } from '../../api/taxonomy';

function Kpi({
  icon,
  title,
  value,
  suffix,
  note,
  testId,
}: {
  icon: ReactNode;
  title: string;
  value?: number | string;
  suffix?: string;
  note?: string;
  testId: string;
}) {
  return (
    <Card className="kpi-card" data-testid={testId}>
      <div className="kpi-card__icon">{icon}</div>
      <Statistic title={title} value={value ?? '–'} suffix={suffix} loading={value === undefined} />
      {note && <div className="kpi-card__note">{note}</div>}
    </Card>
  );
}

export function KpiCards() {
  const { t } = useTranslation();
  const orgs = useOrgs({ pageSize: 1 });
  const { data: tax } = useTaxonomy();
  return (
    <Row gutter={[16, 16]} className="kpi-row">
      <Col xs={12} lg={6}>
        <Kpi
          testId="kpi-orgs"
          icon={<BankOutlined />}
          title={t('home.kpiVerifiedOrgs')}
          value={orgs.isError ? 0 : orgs.data?.total}
        />
      </Col>
      <Col xs={12} lg={6}>
        <Kpi testId="kpi-fields" icon={<ApartmentOutlined />} title={t('home.kpiFields')} value={tax?.fields.length} />
      </Col>
      <Col xs={12} lg={6}>
        <Kpi
          testId="kpi-submarkets"
          icon={<ClusterOutlined />}
          title={t('home.kpiSubmarkets')}
          value={tax?.submarkets.length}
        />
      </Col>
      <Col xs={12} lg={6}>
        <Kpi
          testId="kpi-target"
          icon={<RiseOutlined />}
          title={t('home.kpiTarget')}
          value={t('home.kpiTargetValue')}
          suffix={t('home.kpiTargetUnit')}
          note={t('home.kpiTargetNote')}
        />
      </Col>
    </Row>
  );
}
