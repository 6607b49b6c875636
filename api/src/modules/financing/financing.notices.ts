import type { NotifyEvent } from '../notifications/notify';
import type { InterestRecord, RequestRecord } from './financing.model';

const wan = (fen: number) => `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
const wanEn = (fen: number) => `CNY ${(fen / 100).toLocaleString('en', { maximumFractionDigits: 0 })}`;

/** To the requester: an institution would finance its request. */
export function interestNotice(r: RequestRecord, i: InterestRecord, institution: string): NotifyEvent {
  return {
    key: `financing:${i._id}:interest`,
    category: 'financing',
    type: 'financing_interest',
    title: {
      zh: `${institution} 对融资需求「${r.title}」表达了意向`,
      en: `${institution} is interested in your financing request "${r.title}"`,
    },
    body: {
      zh: '接受后对方可查看资金用途、抵质押与知识产权等详情，并可在洽谈室中沟通。',
      en: 'Accepting shows them the use of funds, collateral and IP, and opens a room to talk in.',
    },
    link: '/financing/requests/mine',
  };
}

/** To the institution: the requester accepted (details disclosed, room open) or declined its interest. */
export function decisionNotice(r: RequestRecord, i: InterestRecord, accepted: boolean): NotifyEvent {
  return {
    key: `financing:${i._id}:${accepted ? 'accepted' : 'rejected'}`,
    category: 'financing',
    type: accepted ? 'financing_accepted' : 'financing_rejected',
    title: accepted
      ? { zh: `融资需求「${r.title}」已接受贵机构的意向`, en: `Your interest in "${r.title}" was accepted` }
      : { zh: `融资需求「${r.title}」未接受贵机构的意向`, en: `Your interest in "${r.title}" was declined` },
    body: accepted
      ? {
          zh: '现在可以查看需求详情，并在洽谈室中与需求方沟通。',
          en: 'You can now read the details and talk to the requester in the room.',
        }
      : { zh: '感谢关注。', en: 'Thank you for your interest.' },
    link: accepted && i.negotiationId ? `/negotiations/${i.negotiationId}` : '/financing/requests/matching',
  };
}

/** To the requester: the institution recorded a term sheet, a signed agreement or a decline. */
export function outcomeNotice(r: RequestRecord, i: InterestRecord, institution: string): NotifyEvent {
  const o = i.outcome!;
  const text = {
    term_sheet: {
      zh: `${institution} 就「${r.title}」出具了投资/授信意向书${o.amountFen ? `（${wan(o.amountFen)}）` : ''}`,
      en: `${institution} issued a term sheet for "${r.title}"${o.amountFen ? ` (${wanEn(o.amountFen)})` : ''}`,
    },
    signed: {
      zh: `${institution} 已与贵机构就「${r.title}」签约${o.amountFen ? `（${wan(o.amountFen)}）` : ''}`,
      en: `${institution} recorded a signed agreement for "${r.title}"${o.amountFen ? ` (${wanEn(o.amountFen)})` : ''}`,
    },
    declined: {
      zh: `${institution} 未能为「${r.title}」提供融资`,
      en: `${institution} declined to finance "${r.title}"`,
    },
  }[o.kind];
  return {
    key: `financing:${i._id}:outcome:${o.kind}`,
    category: 'financing',
    type: `financing_${o.kind}`,
    title: text,
    body: o.reason ? { zh: `原因：${o.reason}`, en: `Reason: ${o.reason}` } : { zh: '', en: '' },
    link: '/financing/requests/mine',
  };
}

/**
 * To an institution whose published products fit a request that just opened: once per request (the key), so
 * a retried open tells nobody twice; members who switched `financing` off are skipped by the notify service.
 */
export function fittingRequestNotice(r: RequestRecord, products: string[]): NotifyEvent {
  return {
    key: `financing:${r._id}:fits`,
    category: 'financing',
    type: 'financing_fitting_request',
    title: {
      zh: `新的融资需求「${r.title}」（${wan(r.amountFen)}）符合贵机构的产品`,
      en: `A new financing request "${r.title}" (${wanEn(r.amountFen)}) fits your products`,
    },
    body: {
      zh: `符合的产品：${products.join('、')}。可在「匹配的融资需求」中查看并表达意向。`,
      en: `Fitting products: ${products.join(', ')}. See it under matching requests and express interest.`,
    },
    link: `/financing/requests/matching`,
  };
}
