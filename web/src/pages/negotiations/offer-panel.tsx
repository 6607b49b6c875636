import { OfferForm } from './offer-form';
import { App, Button, Card, Descriptions, Empty, Modal, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NegotiationDto, OfferDto, OfferTerms } from '@shared/negotiation-events';
import { errorText } from '../../api/client';
import { useOffers, useRoomActions } from '../../api/negotiations';
import { formatDateTime } from '../../lib/format';
import { wanText } from '../../lib/money';

const statusColor: Record<string, string> = {
  open: 'processing',
  accepted: 'success',
  countered: 'default',
  withdrawn: 'default',
  expired: 'warning',
  closed: 'default',
};

/** Every structured term of a payment plan, in words: 首期 30%（签约时）, 尾款 70%（6 个月后）… */
export function planDetail(plan: OfferDto['terms']['paymentPlan'], zh: boolean): string[] {
  switch (plan.kind) {
    case 'instalments':
      return plan.instalments.map((p, i) => {
        const when =
          p.dueMonths === 0
            ? zh
              ? '签约时'
              : 'on signing'
            : zh
              ? `${p.dueMonths} 个月后`
              : `after ${p.dueMonths} months`;
        const name =
          i === 0
            ? zh
              ? '首期'
              : 'First'
            : i === plan.instalments.length - 1
              ? zh
                ? '尾款'
                : 'Final'
              : zh
                ? `第${i + 1}期`
                : `Instalment ${i + 1}`;
        return zh ? `${name} ${p.percent}%（${when}）` : `${name} ${p.percent}% (${when})`;
      });
    case 'milestones':
      return plan.milestones.map((m) => `${m.name} ${m.percent}%`);
    case 'lump_sum':
      return [zh ? `签约后 ${plan.dueDays} 天内一次付清` : `In full within ${plan.dueDays} days of signing`];
    case 'royalty':
      return [
        zh
          ? `入门费另计；按净销售额 ${plan.royaltyBp / 100}% 提成，${plan.years} 年`
          : `Up-front fee plus ${plan.royaltyBp / 100}% of net sales for ${plan.years} years`,
      ];
    case 'use_first_pay_later':
      return [
        zh ? `先用后付：试用 ${plan.trialMonths} 个月后支付` : `Use first: pay after a ${plan.trialMonths}-month trial`,
      ];
  }
}

export function TermsView({ terms }: { terms: OfferDto['terms'] }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label={t('negotiation.offer.amount')}>
        <strong data-testid="offer-amount">{wanText(terms.amountFen)}</strong>
      </Descriptions.Item>
      <Descriptions.Item label={t('negotiation.offer.category')}>
        {t(`negotiation.offer.categories.${terms.category}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('negotiation.offer.plan')}>
        {t(`negotiation.offer.plans.${terms.paymentPlan.kind}`)}
        {planDetail(terms.paymentPlan, zh).map((line) => (
          <div key={line} className="muted" data-testid="offer-plan-line">
            {line}
          </div>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('negotiation.offer.termMonths')}>
        {terms.termMonths} {zh ? '个月' : 'months'}
      </Descriptions.Item>
      <Descriptions.Item label={t('negotiation.offer.exclusivity')}>
        {t(`negotiation.offer.exclusivities.${terms.exclusivity}`)}
      </Descriptions.Item>
      <Descriptions.Item label={zh ? '有效期至' : 'Valid until'}>{formatDateTime(terms.validUntil)}</Descriptions.Item>
      {terms.text && <Descriptions.Item label={t('negotiation.offer.text')}>{terms.text}</Descriptions.Item>}
    </Descriptions>
  );
}

/** The chain of offers and counter-offers, with the actions the viewer's side may take. */
export function OfferPanel({ negotiation }: { negotiation: NegotiationDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const offers = useOffers(negotiation.id);
  const actions = useRoomActions(negotiation.id);
  const [composing, setComposing] = useState<{ counterTo?: string; initial?: OfferTerms } | null>(null);
  const party = (negotiation.mySide === 'buyer' || negotiation.mySide === 'seller') && negotiation.status === 'open';
  const items = offers.data ?? [];
  const index = new Map(items.map((o, i) => [o.id, i + 1]));
  const mineOpen = items.some((o) => o.side === negotiation.mySide && o.status === 'open');
  const fail = (err: unknown) => void message.error(errorText(err, i18n.language));

  return (
    <Card
      title={t('negotiation.offer.chain')}
      size="small"
      data-testid="offer-panel"
      extra={
        party &&
        !mineOpen && (
          <Button size="small" type="primary" data-testid="offer-make" onClick={() => setComposing({})}>
            {t('negotiation.offer.make')}
          </Button>
        )
      }
    >
      {items.length === 0 && <Empty description={t('negotiation.offer.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((o) => (
          <Card
            key={o.id}
            size="small"
            type="inner"
            data-testid="offer-card"
            data-offer-id={o.id}
            data-status={o.status}
            title={
              <Space>
                #{index.get(o.id)} <Tag>{t(`negotiation.side.${o.side}`)}</Tag>
                {o.counterTo && <span>{t('negotiation.offer.counterTo', { n: index.get(o.counterTo) })}</span>}
              </Space>
            }
            extra={
              <Tag color={statusColor[o.status]} data-testid="offer-status">
                {t(`negotiation.offer.statuses.${o.status}`)}
              </Tag>
            }
          >
            <TermsView terms={o.terms} />
            <small>
              {o.createdBy.name} · {formatDateTime(o.createdAt)} ·{' '}
              {t('negotiation.offer.validUntil', { date: formatDateTime(o.terms.validUntil) })}
            </small>
            {party && o.status === 'open' && (
              <Space style={{ marginTop: 8, display: 'flex' }}>
                {o.side !== negotiation.mySide && (
                  <>
                    <Popconfirm
                      title={t('negotiation.offer.acceptConfirm')}
                      onConfirm={() => actions.accept.mutateAsync(o.id).catch(fail)}
                      okButtonProps={{ 'data-testid': 'offer-accept-confirm' } as never}
                    >
                      <Button type="primary" size="small" data-testid="offer-accept">
                        {t('negotiation.offer.accept')}
                      </Button>
                    </Popconfirm>
                    {!mineOpen && (
                      <Button
                        size="small"
                        data-testid="offer-counter"
                        onClick={() => setComposing({ counterTo: o.id, initial: o.terms })}
                      >
                        {t('negotiation.offer.counter')}
                      </Button>
                    )}
                  </>
                )}
                {o.side === negotiation.mySide && (
                  <Button size="small" onClick={() => actions.withdrawOffer.mutateAsync(o.id).catch(fail)}>
                    {t('negotiation.offer.withdraw')}
                  </Button>
                )}
              </Space>
            )}
          </Card>
        ))}
      </Space>
      <Modal
        open={!!composing}
        title={composing?.counterTo ? t('negotiation.offer.counter') : t('negotiation.offer.make')}
        footer={null}
        destroyOnHidden
        onCancel={() => setComposing(null)}
      >
        {composing && (
          <OfferForm
            initial={composing.initial}
            submitting={actions.offer.isPending}
            onSubmit={(terms) =>
              actions.offer.mutateAsync({ counterTo: composing.counterTo, terms }).then(() => setComposing(null), fail)
            }
          />
        )}
      </Modal>
    </Card>
  );
}
