import type { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import type { EvaluationRecord, HistoryEntry } from '../modules/evaluations/evaluation.model';
import type { UserRecord } from '../modules/users/user.model';
import type { EvaluationStatus, ValuationMethod } from '../shared/evaluation';
import { selfAssessmentScore } from '../shared/evaluation-score';
import { submarketForRegion } from '../shared/taxonomy';

const wan = (n: number) => n * 1_000_000;
const day = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * 86_400_000);

type Plan =
  | {
      kind: 'agency';
      agency: 'eval-sy' | 'eval-dl';
      status: EvaluationStatus;
      range?: [number, number];
      method?: ValuationMethod;
    }
  | { kind: 'self'; trl: number; claims: number; years: number; family: number; legal: 'granted' | 'pending' };

/**
 * 20 evaluations over the demo suppliers' published achievements, in every state: 8 completed by an agency,
 * 3 in progress, 3 waiting for the agency, 1 declined, 1 cancelled, 4 self-assessments. 东北大学 (neu@) holds
 * the first ones, so its demo user sees badges, the agency's report and an open engagement; the agencies
 * (eval@, eval.dl@) have a queue. Stored once per seedKey; reports are uploaded as the agency's own PDFs.
 */
// prettier-ignore
const plans: Plan[] = [
  { kind: 'agency', agency: 'eval-sy', status: 'completed', range: [320, 460], method: 'income' },
  { kind: 'agency', agency: 'eval-sy', status: 'completed', range: [180, 240], method: 'market' },
  { kind: 'agency', agency: 'eval-sy', status: 'requested' },
  { kind: 'self', trl: 7, claims: 9, years: 16, family: 3, legal: 'granted' },
  { kind: 'agency', agency: 'eval-dl', status: 'completed', range: [850, 1200], method: 'income' },
  { kind: 'agency', agency: 'eval-dl', status: 'accepted' },
  { kind: 'agency', agency: 'eval-sy', status: 'completed', range: [95, 130], method: 'cost' },
  { kind: 'agency', agency: 'eval-dl', status: 'requested' },
  { kind: 'agency', agency: 'eval-sy', status: 'accepted' },
  { kind: 'self', trl: 5, claims: 4, years: 12, family: 1, legal: 'pending' },
  { kind: 'agency', agency: 'eval-dl', status: 'completed', range: [60, 90], method: 'market' },
  { kind: 'agency', agency: 'eval-sy', status: 'declined' },
  { kind: 'agency', agency: 'eval-dl', status: 'completed', range: [2400, 3100], method: 'income' },
  { kind: 'self', trl: 8, claims: 12, years: 18, family: 6, legal: 'granted' },
  { kind: 'agency', agency: 'eval-sy', status: 'cancelled' },
  { kind: 'agency', agency: 'eval-sy', status: 'completed', range: [420, 560], method: 'cost' },
  { kind: 'agency', agency: 'eval-dl', status: 'accepted' },
  { kind: 'agency', agency: 'eval-sy', status: 'requested' },
  { kind: 'self', trl: 4, claims: 3, years: 9, family: 1, legal: 'granted' },
  { kind: 'agency', agency: 'eval-dl', status: 'completed', range: [150, 210], method: 'market' },
];

const SUPPLIERS = ['neu', 'dicp', 'dlut', 'sia', 'imr'];

export async function seedEvaluations(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { repo, service } = ctx.services.evaluations;
  const owners = SUPPLIERS.map((k) => orgIds.get(k)!).filter(Boolean);
  // Read through the listings and users modules' directories, never their collections.
  const { listingDirectory, userDirectory } = ctx.services;
  const listings = (await Promise.all(owners.map((org) => listingDirectory.ofOrg('achievement', String(org), 500))))
    .flat()
    .filter((l) => l.status === 'published')
    .sort((a, b) => a.originKey.localeCompare(b.originKey));
  // Four per supplier in turn, so every supplier has some and 东北大学's come first.
  const picked = SUPPLIERS.flatMap((k) =>
    listings.filter((l) => String(l.ownerOrgId) === String(orgIds.get(k))).slice(0, 4),
  );
  const ordered = [0, 1, 2, 3].flatMap((i) => SUPPLIERS.map((_, s) => picked[s * 4 + i]).filter(Boolean));
  const names = await ctx.services.orgDirectory.names([...orgIds.values()].map(String));
  const admins = new Map<string, Omit<UserRecord, 'passwordHash'>>();
  for (const key of ['eval-sy', 'eval-dl', ...SUPPLIERS]) {
    const org = orgIds.get(key);
    if (!org) continue;
    for (const id of await userDirectory.memberIds([String(org)])) {
      const u = await userDirectory.record(id);
      if (u?.orgRole === 'org_admin') {
        admins.set(key, u);
        break;
      }
    }
  }
  const keyOf = new Map([...orgIds].map(([k, id]) => [String(id), k]));
  let created = 0;
  for (const [i, plan] of plans.entries()) {
    const l = ordered[i];
    if (!l) break;
    const seedKey = `eval:${i + 1}`;
    if (await repo.findBySeedKey(seedKey)) continue;
    const live = l.live as { title: string; fieldCode: string; regionCode: string };
    const ownerKey = keyOf.get(String(l.ownerOrgId))!;
    const ownerUser = admins.get(ownerKey);
    const at = (
      n: number,
      status: EvaluationStatus,
      by: { _id: unknown; name: string } | undefined,
      note = '',
    ): HistoryEntry => ({
      status,
      at: day(i * 3 + n),
      byUserId: String(by?._id ?? ''),
      byName: by?.name ?? '',
      note,
    });
    const base = {
      achievementId: l._id,
      achievementTitle: live.title,
      fieldCode: live.fieldCode,
      submarketCode: l.submarketCode ?? submarketForRegion(live.regionCode),
      requesterOrgId: l.ownerOrgId,
      requesterName: names.get(String(l.ownerOrgId)) ?? '',
      note: '',
      reason: null,
      seedKey,
    };
    let doc: Omit<EvaluationRecord, '_id' | 'createdAt' | 'updatedAt'>;
    if (plan.kind === 'self') {
      const comparables = await service.comparables(live.fieldCode);
      const ip = { claims: plan.claims, remainingYears: plan.years, familySize: plan.family, legalStatus: plan.legal };
      const s = selfAssessmentScore({ trl: plan.trl, ip, comparableAmountsFen: comparables.map((c) => c.amountFen) });
      const notes = '下游企业需求明确，已有两家企业洽谈中试合作。';
      doc = {
        ...base,
        kind: 'self',
        status: 'completed',
        evaluatorOrgId: null,
        evaluatorName: null,
        result: {
          valueMinFen: s.valueMinFen,
          valueMaxFen: s.valueMaxFen,
          method: null,
          effectiveDate: null,
          summary: notes,
          reportId: null,
        },
        self: { trl: plan.trl, ip, marketNotes: notes, score: s.score, parts: s.parts, comparables },
        history: [at(0, 'completed', ownerUser)],
        completedAt: day(i * 3),
        openKey: seedKey,
      };
    } else {
      const agency = admins.get(plan.agency);
      const history = [at(0, 'requested', ownerUser, '用于技术许可定价与融资申请')];
      if (['accepted', 'completed'].includes(plan.status)) history.push(at(1, 'accepted', agency));
      let result: EvaluationRecord['result'] = null;
      let reason: string | null = null;
      if (plan.status === 'completed' && agency) {
        const pdf = Buffer.from(
          `%PDF-1.4\n% 科技成果评估报告（演示）${live.title}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`,
        );
        const file = await ctx.services.attachments.upload(toAuthUser(agency as UserRecord), {
          originalname: `评估报告-${live.title.slice(0, 20)}.pdf`,
          buffer: pdf,
        });
        const effective = day(i * 3 + 20)
          .toISOString()
          .slice(0, 10);
        result = {
          valueMinFen: wan(plan.range![0]),
          valueMaxFen: wan(plan.range![1]),
          method: plan.method!,
          effectiveDate: effective,
          summary: `以 ${effective} 为评估基准日，综合技术成熟度、专利保护与同领域登记合同成交情况评定价值区间。`,
          reportId: file._id,
        };
        history.push(at(20, 'completed', agency));
      }
      if (plan.status === 'declined')
        history.push(at(2, 'declined', agency, (reason = '与委托方存在利益关联，依规回避')));
      if (plan.status === 'cancelled') history.push(at(2, 'cancelled', ownerUser, (reason = '改为先行自评估')));
      const open = plan.status === 'requested' || plan.status === 'accepted';
      doc = {
        ...base,
        kind: 'agency',
        status: plan.status,
        evaluatorOrgId: orgIds.get(plan.agency)!,
        evaluatorName: names.get(String(orgIds.get(plan.agency))) ?? '',
        note: '用于技术许可定价与融资申请',
        reason,
        result,
        self: null,
        history,
        completedAt: result ? history.at(-1)!.at : null,
        openKey: open ? `open:${l._id}:${orgIds.get(plan.agency)}` : seedKey,
      };
    }
    created += Number(await repo.seedOnce(seedKey, doc));
  }
  return created + (await seedTiedRequests(ctx, orgIds));
}

/**
 * Two financing requests of 东北大学 tied to its achievements an agency evaluated, so the request and the
 * institutions' matching show the evaluation (issue 16: evaluation feeds financing).
 */
async function seedTiedRequests(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { repo } = ctx.services.financing;
  const neu = orgIds.get('neu');
  if (!neu) return 0;
  const evaluated = (
    await ctx.services.evaluations.repo.page({ requesterOrgId: neu, kind: 'agency', status: 'completed' }, 1, 2)
  ).items;
  let created = 0;
  for (const [i, e] of evaluated.entries()) {
    created += Number(
      await repo.seedOnce('Request', `fin:eval-${i + 1}`, {
        orgId: neu,
        orgType: 'university',
        regionCode: '210100',
        submarketCode: submarketForRegion('210100'),
        title: `「${e.achievementTitle.slice(0, 30)}」中试放大融资`,
        amountFen: wan(i === 0 ? 300 : 150),
        instruments: [],
        termMonths: 36,
        fieldCode: e.fieldCode,
        stage: 'pilot',
        summary: '成果已经评估机构评估，拟以专利质押与股权结合方式融资，用于中试线建设。',
        useOfFunds: '中试线设备与工艺验证。',
        collateral: '发明专利质押',
        ipOffered: [],
        attachmentIds: [],
        tie: { kind: 'achievement', id: e.achievementId, title: e.achievementTitle },
        status: 'open',
        closeReason: null,
        openedAt: day(150 + i),
        matchedAt: null,
        closedAt: null,
        createdBy: neu,
      }),
    );
  }
  return created;
}
