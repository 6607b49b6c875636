import { AppError } from '../../http/errors';
import type { OperatorNegotiationDto, OperatorNegotiationsQuery } from '../../shared/negotiation-events';
import type { AuthUser } from '../auth/auth.types';
import type { NegotiationModels, NegotiationRecord } from './negotiation.model';
import { canNegotiation, staffScope } from './negotiation.policy';
import { presentOperatorRow } from './negotiation.presenter';
import type { NegotiationService } from './negotiation.service';

const DAY_MS = 86_400_000;

/**
 * The operators' list of rooms (GET /api/negotiations/admin): every room of the sub-markets they run,
 * filtered by state, sub-market, broker and staleness, newest activity first. Reads only the room
 * documents (never the log), so it shows metadata and cannot leak a message.
 */
export class OperatorNegotiationList {
  constructor(
    private readonly models: NegotiationModels,
    private readonly rooms: NegotiationService,
  ) {}

  async list(user: AuthUser, q: OperatorNegotiationsQuery, now = new Date()) {
    const scope = staffScope(user);
    if (!scope) throw new AppError('FORBIDDEN');
    if (q.submarket && scope !== 'all' && !scope.includes(q.submarket))
      throw new AppError('FORBIDDEN', { reason: 'not a sub-market you operate' });
    // A flat filter: the subset FerretDB v1 handles (README, "MongoDB feature subset").
    const filter: Record<string, unknown> = {};
    if (q.submarket) filter.submarketCode = q.submarket;
    else if (scope !== 'all') filter.submarketCode = { $in: scope };
    if (q.status) filter.status = q.status;
    // brokerSlot holds the broker invited, assigned or taking part (null when none or after a decline).
    if (q.broker === 'none') filter.brokerSlot = null;
    if (q.broker === 'pending') Object.assign(filter, { brokerSlot: { $ne: null }, acceptedBrokerId: null });
    if (q.broker === 'accepted') filter.acceptedBrokerId = { $ne: null };
    if (q.staleDays) filter.lastEventAt = { $lt: new Date(now.getTime() - q.staleDays * DAY_MS) };
    const [rows, total] = await Promise.all([
      this.models.Negotiation.find(filter)
        .sort({ lastEventAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<NegotiationRecord[]>(),
      this.models.Negotiation.countDocuments(filter),
    ]);
    // The filter already keeps to the scope; the policy has the last word on every row all the same.
    const visible = rows.filter((n) => canNegotiation(user, 'listAsStaff', n));
    const orgNames = await this.rooms.orgNames(visible);
    const items: OperatorNegotiationDto[] = visible.map((n) => presentOperatorRow(n, orgNames));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * How many rooms were opened in [from, to) on these subjects (the follow-up funnel's 洽谈 stage): a count
   * over room documents only, like the list.
   */
  countOnSubjects(subjectIds: string[], from: Date, to: Date): Promise<number> {
    if (!subjectIds.length) return Promise.resolve(0);
    return this.models.Negotiation.countDocuments({
      'subject.id': { $in: subjectIds },
      createdAt: { $gte: from, $lt: to },
    });
  }
}
