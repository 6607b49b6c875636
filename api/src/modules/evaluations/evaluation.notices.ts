import type { NotifyEvent } from '../notifications/notify';
import type { EvaluationRecord } from './evaluation.model';

const link = '/evaluations';

/** To the evaluation agency: an achievement's owner asks it for an evaluation. */
export const requestedNotice = (e: EvaluationRecord): NotifyEvent => ({
  key: `evaluation:${e._id}:requested`,
  category: 'evaluation',
  type: 'evaluation_requested',
  title: {
    zh: `${e.requesterName} 申请评估科技成果「${e.achievementTitle}」`,
    en: `${e.requesterName} asks for an evaluation of "${e.achievementTitle}"`,
  },
  body: { zh: '请在「成果评估」页面受理或谢绝。', en: 'Accept or decline it on the Evaluations page.' },
  link,
});

const outcome = {
  accepted: { zh: '已受理', en: 'accepted' },
  declined: { zh: '已谢绝', en: 'declined' },
  completed: { zh: '已完成评估', en: 'completed' },
  cancelled: { zh: '已撤回', en: 'cancelled' },
} as const;

/** To the other side: the engagement moved (accepted, declined, completed by the agency; cancelled by the owner). */
export function movedNotice(e: EvaluationRecord, to: keyof typeof outcome): NotifyEvent {
  const who = to === 'cancelled' ? e.requesterName : (e.evaluatorName ?? '');
  const reason = e.reason ? { zh: `原因：${e.reason}`, en: `Reason: ${e.reason}` } : null;
  return {
    key: `evaluation:${e._id}:${to}`,
    category: 'evaluation',
    type: `evaluation_${to}`,
    title: {
      zh: `${who}${outcome[to].zh}「${e.achievementTitle}」的评估`,
      en: `${who} ${outcome[to].en} the evaluation of "${e.achievementTitle}"`,
    },
    body: reason ?? { zh: '详情见「成果评估」页面。', en: 'See the Evaluations page.' },
    link,
  };
}
