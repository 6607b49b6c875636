import type { EvaluationBadgeDto, EvaluationDto } from '../../shared/evaluation';
import type { AuthUser } from '../auth/auth.types';
import type { EvaluationRecord } from './evaluation.model';
import { allowed } from './evaluation.policy';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The public badge: kind, range, method or score, date and who evaluated — never the report or the details. */
export function presentBadge(e: EvaluationRecord): EvaluationBadgeDto {
  const r = e.result;
  return {
    evaluationId: String(e._id),
    kind: e.kind,
    valueMinFen: r?.valueMinFen ?? null,
    valueMaxFen: r?.valueMaxFen ?? null,
    method: r?.method ?? null,
    score: e.self?.score ?? null,
    date: r?.effectiveDate ?? iso(e.completedAt) ?? iso(e.updatedAt)!,
    evaluatorName: e.kind === 'agency' ? (e.evaluatorName ?? '') : e.requesterName,
  };
}

/** The whole evaluation, for its requester, its evaluator and staff (the service checks who asks). */
export function presentEvaluation(e: EvaluationRecord, viewer: AuthUser | null): EvaluationDto {
  return {
    id: String(e._id),
    kind: e.kind,
    status: e.status,
    achievementId: String(e.achievementId),
    achievementTitle: e.achievementTitle,
    fieldCode: e.fieldCode,
    requesterOrgId: String(e.requesterOrgId),
    requesterName: e.requesterName,
    evaluatorOrgId: e.evaluatorOrgId ? String(e.evaluatorOrgId) : null,
    evaluatorName: e.evaluatorName,
    note: e.note,
    reason: e.reason,
    result: e.result
      ? {
          valueMinFen: e.result.valueMinFen,
          valueMaxFen: e.result.valueMaxFen,
          method: e.result.method,
          effectiveDate: e.result.effectiveDate,
          summary: e.result.summary,
          reportId: e.result.reportId ? String(e.result.reportId) : null,
        }
      : null,
    self: e.self
      ? {
          trl: e.self.trl,
          ip: e.self.ip,
          marketNotes: e.self.marketNotes,
          score: e.self.score,
          parts: e.self.parts,
          comparables: e.self.comparables.map((c) => ({
            contractNo: c.contractNo,
            title: c.title,
            amountFen: c.amountFen,
            registeredAt: iso(c.registeredAt)!,
          })),
        }
      : null,
    history: e.history.map((h) => ({ status: h.status, at: iso(h.at)!, byName: h.byName, note: h.note })),
    createdAt: iso(e.createdAt)!,
    completedAt: iso(e.completedAt),
    can: {
      accept: allowed(viewer, e, 'accept'),
      decline: allowed(viewer, e, 'decline'),
      complete: allowed(viewer, e, 'complete'),
      cancel: allowed(viewer, e, 'cancel'),
    },
  };
}
