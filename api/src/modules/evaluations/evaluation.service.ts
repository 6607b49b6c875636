import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import {
  MAX_VALUE_FEN,
  MIN_VALUE_FEN,
  type CompleteBody,
  type EngagementBody,
  type EvaluationBadgeDto,
  type EvaluationDto,
  type EvaluatorDto,
  type MineQuery,
  type SelfAssessmentBody,
  type StaffQuery,
} from '../../shared/evaluation';
import { selfAssessmentScore } from '../../shared/evaluation-score';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { EvaluationRecord, HistoryEntry } from './evaluation.model';
import { movedNotice, requestedNotice } from './evaluation.notices';
import {
  allowed,
  canRead,
  sideOf,
  staffFor,
  staffScope,
  transitions,
  type EvaluationAction,
} from './evaluation.policy';
import { presentBadge, presentEvaluation } from './evaluation.presenter';
import { EVALUATOR_ORG_TYPE, type AchievementRef, type EvaluationPorts } from './evaluation.ports';
import type { EvaluationRepository } from './evaluation.repository';

type Meta = { ip?: string };

const COMPARABLES = 20;

/**
 * Achievement evaluation (科技成果评估): the owner engages an accredited agency (requested → accepted →
 * completed with a report, value range and method; or declined / cancelled) or assesses the achievement
 * itself (TRL, IP strength, market, with comparable registered contracts of the field). The latest completed
 * one is the achievement's badge.
 */
export class EvaluationService {
  notify: Notifier = nullNotifier;
  clock: () => Date = () => new Date();

  constructor(
    private readonly repo: EvaluationRepository,
    private readonly ports: EvaluationPorts,
    private readonly audit: AuditService,
  ) {}

  /** Registered contracts of a field, newest first: a self-assessment's comparables (the demo seed too). */
  comparables(fieldCode: string) {
    return this.ports.comparables(fieldCode, COMPARABLES);
  }

  evaluators(): Promise<EvaluatorDto[]> {
    return this.ports.evaluators();
  }

  private async own(user: AuthUser, achievementId: string): Promise<AchievementRef> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const a = await this.ports.ownAchievement(user, achievementId);
    if (!a) throw new AppError('EVALUATION_NOT_OWN_ACHIEVEMENT');
    return a;
  }

  private entry(user: AuthUser, status: HistoryEntry['status'], note = ''): HistoryEntry {
    return { status, at: this.clock(), byUserId: user.id, byName: user.name, note };
  }

  /** The owner names an accredited (verified) evaluation agency; one open engagement per agency and achievement. */
  async request(user: AuthUser, body: EngagementBody, meta: Meta): Promise<EvaluationDto> {
    const a = await this.own(user, body.achievementId);
    const evaluator = await this.ports.org(body.evaluatorOrgId);
    if (!evaluator || evaluator.type !== EVALUATOR_ORG_TYPE || !evaluator.verified)
      throw new AppError('NOT_AN_EVALUATOR', { evaluatorOrgId: body.evaluatorOrgId });
    if (evaluator.id === user.orgId) throw new AppError('NOT_AN_EVALUATOR', { reason: 'own organisation' });
    const openKey = `open:${a.id}:${evaluator.id}`;
    let saved: EvaluationRecord;
    try {
      saved = await this.repo.create({
        kind: 'agency',
        status: 'requested',
        achievementId: new Types.ObjectId(a.id),
        achievementTitle: a.title,
        fieldCode: a.fieldCode,
        submarketCode: a.submarketCode,
        requesterOrgId: new Types.ObjectId(a.ownerOrgId),
        requesterName: a.ownerOrgName,
        evaluatorOrgId: new Types.ObjectId(evaluator.id),
        evaluatorName: evaluator.name,
        note: body.note,
        reason: null,
        result: null,
        self: null,
        history: [this.entry(user, 'requested', body.note)],
        completedAt: null,
        openKey,
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) throw new AppError('EVALUATION_ALREADY_OPEN');
      throw err;
    }
    await this.audit.record(user, {
      entity: 'evaluation',
      entityId: String(saved._id),
      action: 'request',
      ip: meta.ip,
    });
    await this.notify.notify(requestedNotice(saved), { orgIds: [saved.evaluatorOrgId], except: [user.id] });
    return presentEvaluation(saved, user);
  }

  /** The owner's structured self-assessment, scored against registered contracts of the same field. */
  async selfAssess(user: AuthUser, body: SelfAssessmentBody, meta: Meta): Promise<EvaluationDto> {
    const a = await this.own(user, body.achievementId);
    const comparables = await this.comparables(a.fieldCode);
    const s = selfAssessmentScore({
      trl: body.trl,
      ip: body.ip,
      comparableAmountsFen: comparables.map((c) => c.amountFen),
    });
    const id = new Types.ObjectId();
    const now = this.clock();
    const saved = await this.repo.create({
      _id: id,
      kind: 'self',
      status: 'completed',
      achievementId: new Types.ObjectId(a.id),
      achievementTitle: a.title,
      fieldCode: a.fieldCode,
      submarketCode: a.submarketCode,
      requesterOrgId: new Types.ObjectId(a.ownerOrgId),
      requesterName: a.ownerOrgName,
      evaluatorOrgId: null,
      evaluatorName: null,
      note: '',
      reason: null,
      result: {
        valueMinFen: s.valueMinFen,
        valueMaxFen: s.valueMaxFen,
        method: null,
        effectiveDate: null,
        summary: body.marketNotes,
        reportId: null,
      },
      self: { trl: body.trl, ip: body.ip, marketNotes: body.marketNotes, score: s.score, parts: s.parts, comparables },
      history: [this.entry(user, 'completed')],
      completedAt: now,
      openKey: String(id),
    });
    await this.audit.record(user, { entity: 'evaluation', entityId: String(id), action: 'self_assess', ip: meta.ip });
    return presentEvaluation(saved, user);
  }

  async get(user: AuthUser, id: string): Promise<EvaluationDto> {
    return presentEvaluation(await this.load(user, id), user);
  }

  private async load(user: AuthUser | null, id: string): Promise<EvaluationRecord> {
    const e = await this.repo.find(id);
    if (!e || !canRead(user, e)) throw new AppError('NOT_FOUND');
    return e;
  }

  /** Accept, decline, complete (evaluator) or cancel (requester): one table, one guarded write. */
  async move(user: AuthUser, id: string, action: EvaluationAction, body: unknown, meta: Meta) {
    const e = await this.load(user, id);
    const t = transitions[action];
    if (e.kind !== 'agency' || sideOf(user, e) !== t.side)
      throw new AppError(t.side === 'evaluator' ? 'EVALUATOR_ONLY' : 'FORBIDDEN');
    if (!allowed(user, e, action)) throw new AppError('INVALID_STATE', { status: e.status });
    const set: Record<string, unknown> = {};
    let note = '';
    if (action === 'decline' || action === 'cancel') {
      note = (body as { reason: string }).reason;
      set.reason = note || null;
    }
    if (action === 'complete') {
      set.result = await this.checkResult(e, body as CompleteBody);
      set.completedAt = this.clock();
    }
    if (t.to !== 'accepted') set.openKey = String(e._id);
    const guard = t.side === 'evaluator' ? { evaluatorOrgId: e.evaluatorOrgId } : { requesterOrgId: e.requesterOrgId };
    const saved = await this.repo.transition(e._id, guard, [...t.from], set, this.entry(user, t.to, note));
    if (!saved) throw new AppError('INVALID_STATE');
    await this.audit.record(user, { entity: 'evaluation', entityId: id, action, to: t.to, ip: meta.ip });
    const other = t.side === 'evaluator' ? saved.requesterOrgId : saved.evaluatorOrgId;
    await this.notify.notify(movedNotice(saved, t.to), { orgIds: [other], except: [user.id] });
    return presentEvaluation(saved, user);
  }

  /** The range runs low to high within 1万元–100亿元; the report is the agency's own PDF. */
  private async checkResult(e: EvaluationRecord, b: CompleteBody) {
    for (const [field, v] of [
      ['valueMinFen', b.valueMinFen],
      ['valueMaxFen', b.valueMaxFen],
    ] as const)
      if (v < MIN_VALUE_FEN || v > MAX_VALUE_FEN)
        throw new AppError('EVALUATION_VALUE_OUT_OF_RANGE', { field, min: MIN_VALUE_FEN, max: MAX_VALUE_FEN });
    if (b.valueMaxFen < b.valueMinFen) throw new AppError('EVALUATION_RANGE_INVERTED');
    const file = await this.ports.file(b.reportId);
    if (!file || file.ownerOrgId !== String(e.evaluatorOrgId) || file.mime !== 'application/pdf')
      throw new AppError('EVALUATION_REPORT_NOT_USABLE');
    return {
      valueMinFen: b.valueMinFen,
      valueMaxFen: b.valueMaxFen,
      method: b.method,
      effectiveDate: b.effectiveDate,
      summary: b.summary,
      reportId: new Types.ObjectId(b.reportId),
    };
  }

  /** The caller organisation's evaluations, as requester or as evaluation agency. */
  async mine(user: AuthUser, q: MineQuery) {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = new Types.ObjectId(user.orgId);
    const and: Record<string, unknown>[] = [q.side === 'evaluator' ? { evaluatorOrgId: org } : { requesterOrgId: org }];
    if (q.status) and.push({ status: q.status });
    const { items, total } = await this.repo.page({ $and: and }, q.page, q.pageSize);
    return { items: items.map((e) => presentEvaluation(e, user)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Every evaluation in the staff member's scope, narrowed by status and kind. */
  async staffList(user: AuthUser, q: StaffQuery) {
    const and: Record<string, unknown>[] = [staffScope(user)];
    if (q.status) and.push({ status: q.status });
    if (q.kind) and.push({ kind: q.kind });
    const { items, total } = await this.repo.page({ $and: and }, q.page, q.pageSize);
    return { items: items.map((e) => presentEvaluation(e, user)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The public badges of these achievements, published ones only (another's draft answers nothing, as if it had
   * none): an agency's latest completed evaluation first, else the latest self-assessment.
   */
  async publicBadges(achievementIds: string[]): Promise<Record<string, EvaluationBadgeDto>> {
    return this.badges([...(await this.ports.published(achievementIds))]);
  }

  /** The badges of these achievements whatever their state (for callers that checked who may see them). */
  async badges(achievementIds: string[]): Promise<Record<string, EvaluationBadgeDto>> {
    const out: Record<string, EvaluationBadgeDto> = {};
    for (const e of await this.repo.completedOf(achievementIds)) {
      const key = String(e.achievementId);
      const have = out[key];
      if (!have || (have.kind === 'self' && e.kind === 'agency')) out[key] = presentBadge(e);
    }
    return out;
  }

  /**
   * An achievement's evaluation as the viewer may know it: anyone who sees the listing gets the badge; its
   * owner and staff also every evaluation in full, an agency the ones it made.
   */
  async forAchievement(viewer: AuthUser | null, achievementId: string) {
    const a = await this.ports.visibleAchievement(viewer, achievementId);
    if (!a) throw new AppError('NOT_FOUND');
    const badge = (await this.badges([a.id]))[a.id] ?? null;
    const all = await this.repo.ofAchievement(a.id);
    const details = all.filter((e) => canRead(viewer, e)).map((e) => presentEvaluation(e, viewer));
    const owner = viewer?.orgId === a.ownerOrgId;
    return { badge, details, canRequest: owner, isStaff: staffFor(viewer, a.submarketCode) };
  }

  /** Whether a viewer may read this file as an evaluation report (the attachments module asks). */
  async mayReadReport(viewer: AuthUser | null, fileId: string): Promise<boolean> {
    if (!viewer) return false;
    if (viewer.orgId && (await this.repo.reportReadableBy(viewer.orgId, fileId))) return true;
    const submarkets = await this.repo.reportOfSubmarkets(fileId);
    return submarkets.some((s) => staffFor(viewer, s));
  }
}
