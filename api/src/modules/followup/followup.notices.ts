import { followupStageLabels } from '../../shared/followup';
import type { NotifyEvent } from '../notifications/notify';
import type { PlanRecord, ReportRecord } from './followup.model';

const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** To the buyer (asked to report) or the seller (told the buyer is late): a period's report is overdue. */
export function overdueNotice(p: PlanRecord, period: number, toBuyer: boolean): NotifyEvent {
  const due = p.nextDueAt ? day(p.nextDueAt) : '';
  return {
    key: `followup:${p._id}:overdue:${period}:${toBuyer ? 'buyer' : 'seller'}`,
    category: 'followup',
    type: 'followup_overdue',
    title: toBuyer
      ? {
          zh: `合同「${p.title}」第 ${period} 期产业化进展报告已逾期`,
          en: `The industrialisation report ${period} of "${p.title}" is overdue`,
        }
      : {
          zh: `${p.buyerName} 未按期报送合同「${p.title}」第 ${period} 期产业化进展`,
          en: `${p.buyerName} has not reported period ${period} of "${p.title}" on time`,
        },
    body: toBuyer
      ? {
          zh: `应于 ${due} 前报送（中试、首批产品、销售、就业、融资情况）。请在合同页面填报。`,
          en: `It was due by ${due} (pilot, first product, sales, jobs, investment). Report it on the contract page.`,
        }
      : {
          zh: `报送期限为 ${due}。平台已提醒买方。`,
          en: `It was due by ${due}. The platform reminded the buyer.`,
        },
    link: `/contracts/${p._id}`,
  };
}

/** To the seller: the buyer reported a period (the technology's progress in its hands). */
export function reportedNotice(p: PlanRecord, r: ReportRecord): NotifyEvent {
  const stage = followupStageLabels[r.stage];
  return {
    key: `followup:${p._id}:reported:${r.period}`,
    category: 'followup',
    type: 'followup_reported',
    title: {
      zh: `${p.buyerName} 报送了合同「${p.title}」第 ${r.period} 期产业化进展`,
      en: `${p.buyerName} reported period ${r.period} of "${p.title}"`,
    },
    body: { zh: `当前阶段：${stage.zh}`, en: `Stage: ${stage.en}` },
    link: `/contracts/${p._id}`,
  };
}
