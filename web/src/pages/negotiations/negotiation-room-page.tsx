import { App, Badge, Button, Card, Col, List, Popconfirm, Row, Select, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { NegotiationDto } from '@shared/negotiation-events';
import { useMe } from '../../api/auth';
import { errorText } from '../../api/client';
import { useBrokers, useNegotiation, useParticipants, useRoomActions } from '../../api/negotiations';
import { PageTitle } from '../../components/page-title';
import { ErrorResult, PageSkeleton } from '../../components/query-state';
import { formatDateTime } from '../../lib/format';
import { moneyFormat } from '../../lib/money';
import { Conversation, eventText } from './conversation';
import { OfferPanel, TermsView } from './offer-panel';
import { DealContractButton } from '../contracts/deal-contract-button';
import { DepositCard } from '../payments/deposit-card';
import { useRoom } from './use-room';

export const statusColor: Record<NegotiationDto['status'], string> = {
  open: 'processing',
  agreed: 'success',
  closed: 'default',
};

function Participants({ negotiation }: { negotiation: NegotiationDto }) {
  const { t } = useTranslation();
  const participants = useParticipants(negotiation.id);
  return (
    <Card title={t('negotiation.room.participants')} size="small" data-testid="participants">
      <List
        size="small"
        dataSource={participants.data ?? []}
        renderItem={(p) => (
          <List.Item data-testid="participant" data-user-id={p.id} data-online={p.online}>
            <Space>
              <Badge status={p.online ? 'success' : 'default'} text={p.name} />
              <Tag>{t(`negotiation.side.${p.side}`)}</Tag>
            </Space>
            <small>{p.online ? t('negotiation.room.online') : t('negotiation.room.away')}</small>
          </List.Item>
        )}
      />
    </Card>
  );
}

function BrokerInvite({ negotiation }: { negotiation: NegotiationDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [brokerId, setBrokerId] = useState<string>();
  const brokers = useBrokers(true);
  const { inviteBroker } = useRoomActions(negotiation.id);
  return (
    <Space.Compact style={{ width: '100%' }} data-testid="broker-invite">
      <Select
        style={{ flex: 1 }}
        aria-label={t('negotiation.room.inviteBroker')}
        placeholder={t('negotiation.room.inviteBroker')}
        value={brokerId}
        onChange={setBrokerId}
        data-testid="broker-invite-select"
        options={(brokers.data ?? []).map((b) => ({
          value: b.id,
          label: `${b.name}${b.agency ? t('common.paren', { v: b.agency }) : ''}`,
        }))}
      />
      <Button
        disabled={!brokerId}
        loading={inviteBroker.isPending}
        data-testid="broker-invite-submit"
        onClick={() =>
          brokerId &&
          inviteBroker.mutateAsync(brokerId).catch((err) => void message.error(errorText(err, i18n.language)))
        }
      >
        {t('negotiation.room.invite')}
      </Button>
    </Space.Compact>
  );
}

/** The room: conversation, the offer chain, participants with presence, and the timeline. */
export default function NegotiationRoomPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useMe();
  const negotiation = useNegotiation(id);
  const n = negotiation.data;
  const inRoom =
    !!n &&
    n.mySide !== 'operator' &&
    !(n.mySide === 'broker' && !n.brokers.some((b) => b.id === me.data?.id && b.status === 'accepted'));
  const room = useRoom(id, inRoom);
  const actions = useRoomActions(id);
  if (negotiation.isLoading) return <PageSkeleton />;
  if (negotiation.error || !n)
    return <ErrorResult error={negotiation.error} onRetry={() => void negotiation.refetch()} />;
  const party = n.mySide === 'buyer' || n.mySide === 'seller';
  const activeBroker = n.brokers.some((b) => b.status !== 'declined');
  return (
    <div className="page negotiation-room" data-testid="negotiation-room" data-status={n.status}>
      <PageTitle
        titleKey="negotiation.list.title"
        subtitle={
          <Space wrap>
            <strong data-testid="room-title">{n.title}</strong>
            <Tag color={statusColor[n.status]} data-testid="room-status">
              {t(`negotiation.status.${n.status}`)}
              {n.closeReason ? ` · ${t(`negotiation.closeReason.${n.closeReason}`)}` : ''}
            </Tag>
            <span>
              {t('negotiation.side.buyer')}
              {t('common.colon')}
              {n.buyer.name}
            </span>
            <span>
              {t('negotiation.side.seller')}
              {t('common.colon')}
              {n.seller.name}
            </span>
          </Space>
        }
        extra={
          party &&
          n.status === 'open' && (
            <Popconfirm title={t('negotiation.room.withdrawConfirm')} onConfirm={() => actions.withdraw.mutateAsync()}>
              <Button danger>{t('negotiation.room.withdraw')}</Button>
            </Popconfirm>
          )
        }
      />
      {n.deal && (
        <Card size="small" title={t('negotiation.room.deal')} data-testid="deal" style={{ marginBottom: 16 }}>
          <TermsView terms={n.deal.terms} />
          <DealContractButton dealId={n.deal.id} contractId={n.deal.contractId} />
          {n.deal.broker && (
            <div>
              {t('negotiation.side.broker')}
              {t('common.colon')}
              {n.deal.broker.name} · {moneyFormat(i18n.language).wan(n.deal.broker.commissionFen)}
            </div>
          )}
        </Card>
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          {inRoom && <Conversation negotiation={n} room={room} meId={me.data?.id ?? ''} />}
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {/* A financing room (issue 16) is for questions: the institution records its outcome, no offers here. */}
            {inRoom && n.subject.kind !== 'financing' && <OfferPanel negotiation={n} />}
            {inRoom && <Participants negotiation={n} />}
            {party && n.status === 'open' && !activeBroker && <BrokerInvite negotiation={n} />}
            {/* 保证金: the buyer of a listed achievement deposits by rule (deposit.rules.ts); it comes back when the room ends. */}
            {n.mySide === 'buyer' && n.subject.kind === 'achievement' && (
              <DepositCard subjectKind="negotiation" subjectId={n.id} open={n.status === 'open'} />
            )}
            {inRoom && (
              <Card title={t('negotiation.room.timeline')} size="small" data-testid="timeline">
                <Timeline
                  items={room.events
                    .filter((e) => e.type !== 'message')
                    .map((e) => ({
                      key: e.seq,
                      children: (
                        <span>
                          {eventText(e, t)} <small>{formatDateTime(e.at)}</small>
                        </span>
                      ),
                    }))}
                />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </div>
  );
}
