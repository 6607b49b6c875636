import { TrophyOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Challenge } from '../../../api/listing-types';
import { formatDateTime } from '../../../lib/format';
import { useAmountText } from '../money-text';

export const isChallengeOpen = (c: Challenge | null | undefined) => !!c && Date.parse(c.closesAt) > Date.now();

/** Reward, closing time and a live countdown of a 揭榜挂帅 challenge. */
export function ChallengeBox({
  challenge,
  award,
}: {
  challenge: Challenge;
  award?: { at: string; org: { id: string; name: string } } | null;
}) {
  const { t } = useTranslation();
  const amount = useAmountText();
  const closesAt = Date.parse(challenge.closesAt);
  const [open, setOpen] = useState(() => closesAt > Date.now());
  return (
    <Card className="section-card challenge-box" data-testid="challenge-box">
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Statistic
            title={t('catalog.challenge.reward')}
            value={t('catalog.money.wan', { amount: amount(challenge.rewardFen) })}
            prefix={<TrophyOutlined />}
            valueStyle={{ color: '#c2410c' }}
          />
        </Col>
        <Col xs={24} md={8}>
          <Statistic title={t('catalog.challenge.closesAt')} value={formatDateTime(challenge.closesAt)} />
        </Col>
        <Col xs={24} md={8}>
          {open ? (
            <Statistic.Timer
              type="countdown"
              title={t('catalog.challenge.countdown')}
              value={closesAt}
              format={t('catalog.challenge.countdownFormat')}
              onFinish={() => setOpen(false)}
            />
          ) : (
            <Statistic
              title={t('catalog.challenge.countdown')}
              value=" "
              prefix={<Tag color="default">{t('catalog.challenge.closed')}</Tag>}
            />
          )}
        </Col>
      </Row>
      {award && (
        <div className="challenge-box__award" data-testid="challenge-award" style={{ marginTop: 12 }}>
          <Tag color="gold" icon={<TrophyOutlined />}>
            {t('catalog.challenge.awarded')}
          </Tag>
          {t('catalog.challenge.awardedTo')}: <Link to={`/orgs/${award.org.id}`}>{award.org.name}</Link> ·{' '}
          {formatDateTime(award.at)}
        </div>
      )}
    </Card>
  );
}
