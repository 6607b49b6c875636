import { AppError } from '../../http/errors';
import type { EvaluationStatus } from '../../shared/evaluation';
import type { AuthUser } from '../auth/auth.types';
import { operatesFor } from '../listings/listing.policy';
import type { EvaluationRecord } from './evaluation.model';

type Filter = Record<string, unknown>;
const isAdmin = (u: AuthUser | null) => !!u?.roles.includes('admin');

/** The side a user's organisation holds in an evaluation, or null. */
export function sideOf(user: AuthUser | null, e: Pick<EvaluationRecord, 'requesterOrgId' | 'evaluatorOrgId'>) {
  if (!user?.orgId) return null;
  if (String(e.requesterOrgId) === user.orgId) return 'requester' as const;
  if (e.evaluatorOrgId && String(e.evaluatorOrgId) === user.orgId) return 'evaluator' as const;
  return null;
}

/** Staff who read evaluations: admins and operators of the achievement's sub-market (hub operators: all). */
export const staffFor = (u: AuthUser | null, submarketCode: string) => isAdmin(u) || operatesFor(u, submarketCode);

/** Who reads an evaluation in full: the requester, the evaluator, staff of its sub-market. Others get 404. */
export const canRead = (u: AuthUser | null, e: EvaluationRecord) => !!sideOf(u, e) || staffFor(u, e.submarketCode);

/**
 * The allowed transitions, one table: who moves an evaluation from which status to which. A self-assessment
 * is completed when made and never moves.
 */
export const transitions = {
  accept: { side: 'evaluator', from: ['requested'], to: 'accepted' },
  decline: { side: 'evaluator', from: ['requested', 'accepted'], to: 'declined' },
  complete: { side: 'evaluator', from: ['accepted'], to: 'completed' },
  cancel: { side: 'requester', from: ['requested', 'accepted'], to: 'cancelled' },
} as const satisfies Record<
  string,
  { side: 'evaluator' | 'requester'; from: readonly EvaluationStatus[]; to: EvaluationStatus }
>;
export type EvaluationAction = keyof typeof transitions;

/** What the caller may do now (the page shows only these buttons). */
export function allowed(u: AuthUser | null, e: EvaluationRecord, action: EvaluationAction): boolean {
  const t = transitions[action];
  return e.kind === 'agency' && sideOf(u, e) === t.side && (t.from as readonly string[]).includes(e.status);
}

/** The evaluations a staff member's list covers, as a filter: {} for all; FORBIDDEN for anyone else. */
export function staffScope(u: AuthUser): Filter {
  if (isAdmin(u)) return {};
  if (!u.roles.includes('operator') || !u.operatorSubmarkets.length) throw new AppError('FORBIDDEN');
  if (u.operatorSubmarkets.includes('HUB')) return {};
  return { submarketCode: { $in: u.operatorSubmarkets } };
}
