import type { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { FOLLOWUP_PERIODS, type FollowupStage } from '../shared/followup';
import type { ReportRecord } from '../modules/followup/followup.model';
import { dueAt, nextOf, opensAt } from '../modules/followup/followup.schedule';

const DAY_MS = 86_400_000;

/** A small deterministic generator per contract (the plan's id), so a reseed tells the same story. */
function rng(text: string) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

/**
 * Follow-up reports on the demo's registered contracts, as of the seed's clock: most buyers report every
 * half-year on time (some already for the period under way), a quarter miss the last one (overdue) and a few
 * never report; about a third of the contracts registered more than a year ago reached volume sales
 * (industrialised). Plans are opened through the module (the registered contracts it learns of from the
 * contracts port), reports written once per plan (seedKey). Overdue periods older than the demo company's
 * are marked reminded, as an hourly worker would have done, so starting the demo sends no flood of notices;
 * the demo buyer 沈阳瑞科 (company@demo.nekj.cn) keeps its reminder and an open period to report.
 */
export async function seedFollowup(ctx: AppContext, orgIds: Map<string, Types.ObjectId>, now = new Date()) {
  const { service, repo } = ctx.services.followup;
  await service.catchUp();
  const demoBuyer = String(orgIds.get('ent-robot'));
  let seeded = 0;
  for (;;) {
    const plans = await repo.unseeded(500);
    if (!plans.length) break;
    for (const p of plans) {
      const r = rng(String(p._id));
      const ours = String(p.buyerOrgId) === demoBuyer;
      const due = Array.from({ length: FOLLOWUP_PERIODS }, (_, i) => i + 1).filter(
        (n) => dueAt(p.registeredAt, n).getTime() < now.getTime(),
      );
      const open = Array.from({ length: FOLLOWUP_PERIODS }, (_, i) => i + 1).filter(
        (n) => !due.includes(n) && opensAt(p.registeredAt, n).getTime() <= now.getTime(),
      );
      const profile = r();
      let reported = profile < 0.6 ? due.length : profile < 0.87 ? Math.max(0, due.length - 1) : 0;
      // Diligent buyers sometimes report the half-year under way too (not the demo buyer: it is left to try).
      if (profile < 0.3 && !ours && open.length) reported += 1;
      const ageDays = (now.getTime() - p.registeredAt.getTime()) / DAY_MS;
      const industrialiseAt = ageDays > 365 && r() < 0.35 ? 2 + Math.floor(r() * 2) : 99;
      const reports: ReportRecord[] = [];
      let sales = 0;
      let jobs = 0;
      let invest = 0;
      for (let n = 1; n <= reported; n++) {
        const stage: FollowupStage =
          n >= industrialiseAt ? 'industrialised' : n >= industrialiseAt - 1 || n >= 3 ? 'first_product' : 'pilot';
        if (stage !== 'pilot') sales += Math.round((p.amountFen * (0.5 + r() * 3)) / 10_000) * 10_000;
        jobs += Math.floor(r() * (stage === 'industrialised' ? 25 : 6));
        if (r() < 0.3) invest += Math.round((p.amountFen * (0.5 + r() * 4)) / 1_000_000) * 1_000_000;
        const late = r() < 0.15;
        const at = new Date(
          Math.min(
            now.getTime() - DAY_MS,
            dueAt(p.registeredAt, n).getTime() - (late ? -5 : 10 + Math.floor(r() * 20)) * DAY_MS,
          ),
        );
        reports.push({
          period: n,
          stage,
          salesFen: sales,
          jobs,
          investmentFen: invest,
          note: stage === 'industrialised' ? '已实现批量生产和销售。' : stage === 'pilot' ? '中试进行中。' : '',
          byUserId: '000000000000000000000001',
          byName: `${p.buyerName}（演示）`,
          at,
        });
      }
      const last = reports.at(-1);
      const next = nextOf(
        p.registeredAt,
        reports.map((x) => x.period),
      );
      const overdue = next.nextDueAt && next.nextDueAt.getTime() < now.getTime();
      seeded += Number(
        await repo.seedReports(p._id, 'followup:demo', {
          reports,
          stage: last?.stage ?? 'not_started',
          industrialisedAt: reports.find((x) => x.stage === 'industrialised')?.at ?? null,
          ...next,
          remindedPeriods: overdue && !ours ? [next.nextPeriod] : [],
        }),
      );
    }
  }
  return seeded;
}
