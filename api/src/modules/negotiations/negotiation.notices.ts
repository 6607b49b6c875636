import type { NotifyEvent } from '../notifications/notify';
import type { NegotiationRecord, OfferRecord } from './negotiation.model';

const room = (n: Pick<NegotiationRecord, '_id'>) => `/negotiations/${n._id}`;
const yuan = (fen: number) => `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;

/** The other side's organisation of a party. */
export const otherOrg = (n: Pick<NegotiationRecord, 'buyerOrgId' | 'sellerOrgId'>, side: 'buyer' | 'seller') =>
  side === 'buyer' ? n.sellerOrgId : n.buyerOrgId;
export const ownOrg = (n: Pick<NegotiationRecord, 'buyerOrgId' | 'sellerOrgId'>, side: 'buyer' | 'seller') =>
  side === 'buyer' ? n.buyerOrgId : n.sellerOrgId;
export const acceptedBroker = (n: Pick<NegotiationRecord, 'brokers'>) =>
  n.brokers.find((b) => b.status === 'accepted')?.userId ?? null;

export function openedNotice(n: NegotiationRecord, byOrg: string): NotifyEvent {
  return {
    key: `negotiation:${n._id}:opened`,
    category: 'negotiation',
    type: 'negotiation_opened',
    title: {
      zh: `${byOrg} 发起了洽谈「${n.subject.title}」`,
      en: `${byOrg} opened a negotiation on "${n.subject.title}"`,
    },
    body: { zh: '请进入洽谈室回复。', en: 'Answer in the negotiation room.' },
    link: room(n),
  };
}

export function offerNotice(
  n: NegotiationRecord,
  o: OfferRecord,
  what: 'made' | 'countered' | 'accepted' | 'withdrawn',
): NotifyEvent {
  const text = {
    made: { zh: '对方提出了新的报价', en: 'A new offer from the other side' },
    countered: { zh: '对方提出了还价', en: 'A counter-offer from the other side' },
    accepted: { zh: '您的报价已被接受，合同草稿已生成', en: 'Your offer was accepted; the draft contract is ready' },
    withdrawn: { zh: '对方撤回了报价', en: 'The other side withdrew its offer' },
  }[what];
  return {
    key: `offer:${o._id}:${what}`,
    category: 'negotiation',
    type: `offer_${what}`,
    title: { zh: `${text.zh}：「${n.subject.title}」`, en: `${text.en}: "${n.subject.title}"` },
    body: { zh: `金额 ${yuan(o.terms.amountFen)}`, en: `Amount ${yuan(o.terms.amountFen)}` },
    link: room(n),
  };
}

export function brokerNotice(n: NegotiationRecord, what: 'invited' | 'accepted', brokerName: string): NotifyEvent {
  return what === 'invited'
    ? {
        key: `broker:${n._id}:${n.brokers.length}:invited`,
        category: 'broker',
        type: 'broker_invited',
        title: {
          zh: `您被邀请参与洽谈「${n.subject.title}」`,
          en: `You are invited to the negotiation "${n.subject.title}"`,
        },
        body: {
          zh: '请在洽谈室接受（并说明佣金）或谢绝。',
          en: 'Accept (with your commission) or decline in the room.',
        },
        link: room(n),
      }
    : {
        key: `broker:${n._id}:${brokerName}:accepted`,
        category: 'broker',
        type: 'broker_accepted',
        title: { zh: `技术经纪人 ${brokerName} 加入了洽谈`, en: `Broker ${brokerName} joined the negotiation` },
        body: { zh: `「${n.subject.title}」`, en: `"${n.subject.title}"` },
        link: room(n),
      };
}
