import { App, Button, Card, Col, InputNumber, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NegotiationDto } from '@shared/negotiation-events';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { negotiationKeys, useCommissions, useNegotiations, useRoomActions } from '../../api/negotiations';
import { PageTitle } from '../../components/page-title';
import { formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { yuanText } from '../payments/money';
import { roomSocket } from './room-socket';

function Invitation({ n }: { n: NegotiationDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(3);
  const { brokerDecision } = useRoomActions(n.id);
  const fail = (err: unknown) => void message.error(errorText(err, i18n.language));
  return (
    <List.Item data-testid="broker-invitation" data-id={n.id}>
      <List.Item.Meta
        title={<Link to={`/negotiations/${n.id}`}>{n.title}</Link>}
        description={`${n.buyer.name} ⇄ ${n.seller.name}`}
      />
      <Space>
        <InputNumber
          min={0.01}
          max={20}
          value={percent}
          onChange={setPercent}
          addonAfter="%"
          aria-label={t('negotiation.broker.commissionPercent')}
        />
        <Button
          type="primary"
          data-testid="broker-accept"
          disabled={!percent}
          onClick={() =>
            brokerDecision
              .mutateAsync({
                decision: 'accept',
                commission: { kind: 'percent', bp: Math.round((percent ?? 0) * 100) },
              })
              .catch(fail)
          }
        >
          {t('negotiation.broker.accept')}
        </Button>
        <Button onClick={() => brokerDecision.mutateAsync({ decision: 'decline' }).catch(fail)}>
          {t('negotiation.broker.decline')}
        </Button>
      </Space>
    </List.Item>
  );
}

/**
 * Invitations to answer, rooms the broker works in, and commissions earned on agreed deals. Live: an
 * invitation or assignment (`negotiation:joined`) and any event of a room the broker takes part in (an
 * accepted offer earns a commission) refresh the lists without a reload.
 */
export default function BrokerWorkspacePage() {
  const { t } = useTranslation();
  const money = useMoney();
  const qc = useQueryClient();
  const me = useMe();
  const rooms = useNegotiations({ role: 'broker' });
  const commissions = useCommissions();
  useEffect(() => {
    const socket = roomSocket();
    const refresh = () => {
      void qc.invalidateQueries({ queryKey: [...negotiationKeys.all, 'list'] });
      void qc.invalidateQueries({ queryKey: negotiationKeys.commissions() });
    };
    const onEvents = (events: Array<{ type: string }>) => {
      if (events.some((e) => e.type !== 'message')) refresh();
    };
    socket.on('negotiation:joined', refresh);
    socket.on('negotiation:events', onEvents);
    return () => {
      socket.off('negotiation:joined', refresh);
      socket.off('negotiation:events', onEvents);
    };
  }, [qc]);
  const items = rooms.data?.items ?? [];
  const mine = (n: NegotiationDto) => n.brokers.find((b) => b.id === me.data?.id && b.status !== 'declined');
  const invitations = items.filter(
    (n) => n.status === 'open' && ['invited', 'assigned'].includes(mine(n)?.status ?? ''),
  );
  const active = items.filter((n) => mine(n)?.status === 'accepted');
  return (
    <div className="page" data-testid="broker-workspace">
      <PageTitle titleKey="negotiation.broker.title" />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('negotiation.broker.invitations')} size="small" style={{ marginBottom: 16 }}>
            <List
              dataSource={invitations}
              locale={{ emptyText: t('negotiation.broker.none') }}
              renderItem={(n) => <Invitation n={n} />}
            />
          </Card>
          <Card title={t('negotiation.broker.active')} size="small">
            <List
              dataSource={active}
              locale={{ emptyText: t('negotiation.broker.none') }}
              renderItem={(n) => (
                <List.Item data-testid="broker-room" data-id={n.id}>
                  <Link to={`/negotiations/${n.id}`}>{n.title}</Link>
                  <Tag>{t(`negotiation.status.${n.status}`)}</Tag>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title={t('negotiation.broker.commissions')}
            size="small"
            extra={<Link to="/payments/commissions">{t('negotiation.broker.statement')}</Link>}
          >
            {/* Earned is the ledger's figure (the commission statement's); agreed is what the deals promise. */}
            <Space size="large" wrap>
              <Statistic
                value={yuanText(commissions.data?.totalFen ?? 0)}
                data-testid="commission-total"
                data-fen={String(commissions.data?.totalFen ?? 0)}
              />
              <Statistic
                title={t('negotiation.broker.agreedTotal')}
                value={yuanText(commissions.data?.agreedFen ?? 0)}
                data-testid="commission-agreed"
                data-fen={String(commissions.data?.agreedFen ?? 0)}
              />
            </Space>
            <Typography.Paragraph type="secondary" className="small">
              {t('negotiation.broker.fromLedger')}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={commissions.data?.items ?? []}
              data-testid="commission-table"
              columns={[
                { title: t('negotiation.broker.deal'), render: (_, d) => money.wan(d.terms.amountFen) },
                {
                  title: t('negotiation.broker.agreed'),
                  render: (_, d) => (
                    <span data-testid="commission-earned">{money.wan(d.broker?.commissionFen ?? 0)}</span>
                  ),
                },
                {
                  title: t('negotiation.broker.booked'),
                  render: (_, d) => (
                    <span data-testid="commission-booked" data-fen={String(d.earnedFen)}>
                      {yuanText(d.earnedFen)}
                    </span>
                  ),
                },
                {
                  title: '',
                  render: (_, d) => <Link to={`/negotiations/${d.negotiationId}`}>{formatDate(d.agreedAt)}</Link>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
