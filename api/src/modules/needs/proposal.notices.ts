import type { NotifyEvent } from '../notifications/notify';
import type { ListingRecord } from '../listings/listing.model';
import type { ProposalRecord } from './proposal.model';

const titleOf = (l: Pick<ListingRecord, 'content' | 'live'>) =>
  String((l.live as { title?: string } | null)?.title ?? (l.content as { title?: string }).title ?? '');

/** To the proposing organisation only: its answer to a challenge (揭榜挂帅) was shortlisted or won. */
export function proposalNotice(
  need: Pick<ListingRecord, '_id' | 'content' | 'live'>,
  p: Pick<ProposalRecord, '_id'>,
  event: 'shortlisted' | 'awarded',
): NotifyEvent {
  const title = titleOf(need);
  return {
    key: `proposal:${p._id}:${event}`,
    category: 'challenge',
    type: `challenge_${event}`,
    title:
      event === 'awarded'
        ? { zh: `揭榜成功：「${title}」选定了您的方案`, en: `You won the challenge "${title}"` }
        : { zh: `您的揭榜方案已入围：「${title}」`, en: `Your proposal was shortlisted: "${title}"` },
    body:
      event === 'awarded'
        ? { zh: '发榜方将与您联系洽谈合同。', en: 'The poster will contact you to negotiate the contract.' }
        : { zh: '发榜方将在入围方案中选定揭榜方。', en: 'The poster will choose the winner among the shortlist.' },
    link: `/needs/${need._id}`,
  };
}
