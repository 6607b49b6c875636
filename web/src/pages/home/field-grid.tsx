import { Card, Col, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLabels } from '../../lib/use-labels';

/** How many second-level directions a field card shows before "and N more". */
const SHOWN_CHILDREN = 4;

export function FieldGrid() {
  const { t } = useTranslation();
  const { tax, pick, en } = useLabels();
  return (
    <section className="home-section">
      <div className="home-section__head">
        <Typography.Title level={3}>{t('home.fieldsTitle')}</Typography.Title>
        <Typography.Text type="secondary">{t('home.fieldsSubtitle')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]} data-testid="field-grid">
        {tax.fields.map((f) => (
          <Col key={f.code} xs={24} sm={12} md={8} xl={6}>
            <Link to={`/achievements?fieldCode=${f.code}`} className="field-card-link" data-testid={`field-${f.code}`}>
              <Card className="field-card" size="small" hoverable>
                {/* The code as a decoration (drawn by CSS from data-code): it is in the card's link name already. */}
                <div className="field-card__code" data-code={f.code} aria-hidden="true" />
                <div className="field-card__name">{pick(f)}</div>
                <div className="field-card__alt">{en ? f.zh : f.en}</div>
                <div className="field-card__tags">
                  {f.children.slice(0, SHOWN_CHILDREN).map((c) => (
                    <Tag key={c.code} variant="filled">
                      {pick(c)}
                    </Tag>
                  ))}
                  {f.children.length > SHOWN_CHILDREN && (
                    <span className="field-card__more">
                      {t('home.fieldMore', { count: f.children.length - SHOWN_CHILDREN })}
                    </span>
                  )}
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}
