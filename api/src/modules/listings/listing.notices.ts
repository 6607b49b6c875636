import type { NotifyEvent } from '../notifications/notify';
import type { ListingRecord } from './listing.model';

const noun = (entity: 'achievement' | 'need') =>
  entity === 'achievement'
    ? { zh: '成果', en: 'achievement', path: 'achievements' }
    : { zh: '需求', en: 'need', path: 'needs' };
const titleOf = (l: Pick<ListingRecord, 'content' | 'live'>) =>
  String((l.live as { title?: string } | null)?.title ?? (l.content as { title?: string }).title ?? '');

/**
 * A review decision as its owner hears it. The reason of a rejection goes to the owner organisation only
 * (the caller passes it as the only recipient): no other organisation ever learns it.
 */
export function reviewNotice(
  entity: 'achievement' | 'need',
  l: ListingRecord,
  decision: 'approve' | 'reject',
  revision: boolean,
  reason?: string,
): NotifyEvent {
  const n = noun(entity);
  const title = titleOf(l);
  const what = revision ? { zh: '的修改', en: ' revision' } : { zh: '', en: '' };
  const approve = decision === 'approve';
  return {
    key: `listing:${entity}:${l._id}:v${l.version}:${decision}`,
    category: 'listing',
    type: `listing_${revision ? 'revision_' : ''}${approve ? 'approved' : 'rejected'}`,
    title: approve
      ? { zh: `您的${n.zh}「${title}」${what.zh}已通过审核`, en: `Your ${n.en}${what.en} "${title}" was approved` }
      : { zh: `您的${n.zh}「${title}」${what.zh}未通过审核`, en: `Your ${n.en}${what.en} "${title}" was rejected` },
    body: approve
      ? {
          zh: revision ? '修改后的内容已公开。' : '已公开发布，可被检索和洽谈。',
          en: revision ? 'The revised content is public now.' : 'It is public now: searchable and open to negotiation.',
        }
      : { zh: `原因：${reason ?? '—'}`, en: `Reason: ${reason ?? '—'}` },
    link: `/${n.path}/${l._id}`,
  };
}

export function ndaNotice(entity: 'achievement' | 'need', l: ListingRecord, orgName: string): NotifyEvent {
  const n = noun(entity);
  const title = titleOf(l);
  return {
    key: `nda:${entity}:${l._id}:${orgName}`,
    category: 'listing',
    type: 'nda_accepted',
    title: { zh: `${orgName} 签署了「${title}」的保密协议`, en: `${orgName} accepted the NDA of "${title}"` },
    body: {
      zh: `对方现在可以查看该${n.zh}的保密信息。`,
      en: `They can now read the confidential part of this ${n.en}.`,
    },
    link: `/${n.path}/${l._id}`,
  };
}
