import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabels } from '../../lib/use-labels';

export function SubmarketList() {
  const { t } = useTranslation();
  const { tax, pick, region } = useLabels();
  return (
    <section className="home-section">
      <div className="home-section__head">
        <Typography.Title level={3}>{t('home.submarketsTitle')}</Typography.Title>
        <Typography.Text type="secondary">{t('home.submarketsSubtitle')}</Typography.Text>
      </div>
      <Row gutter={[12, 12]} data-testid="submarket-list">
        {tax.submarkets.map((s) => (
          <Col key={s.code} xs={24} sm={12} md={8} lg={6}>
            <Link to={s.kind === 'hub' ? '/orgs' : `/orgs?regionCode=${s.regionCode}`}>
              <Card size="small" hoverable className={`submarket-card submarket-card--${s.kind}`}>
                <div className="submarket-card__name">
                  <EnvironmentOutlined /> {pick(s)}
                </div>
                <div className="submarket-card__meta">
                  <Tag color={s.kind === 'hub' ? 'blue' : 'default'}>{t(`home.submarketKind.${s.kind}`)}</Tag>
                  <span>{region(s.regionCode)}</span>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}
