import { Types } from 'mongoose';
import type { Logger } from 'pino';
import { AppError } from '../../http/errors';
import type { InterestBody, InterestDto, OutcomeBody } from '../../shared/financing';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { OrgDirectory } from '../orgs/org-directory';
import { scoreProduct } from './financing.match';
import type { InterestRecord, ProductRecord, RequestRecord } from './financing.model';
import { decisionNotice, interestNotice, outcomeNotice } from './financing.notices';
import { requireInstitution } from './financing.policy';
import { presentInterest } from './financing.presenter';
import type { FinancingRepository } from './financing.repository';
import { answerableRequestStatuses, nextInterestStatus } from './financing.state';
import type { RequestsService } from './requests.service';

interface Meta {
  ip?: string;
}

/** Opens the room where a requester and an institution talk (the negotiations module's rooms). */
export interface FinancingRooms {
  open(
    user: AuthUser,
    room: {
      interestId: string;
      title: string;
      requesterOrgId: string;
      institutionOrgId: string;
      submarketCode: string;
    },
    message: string,
    meta: Meta,
  ): Promise<string>;
}

/**
 * Institutions' interest in requests: expressed by a fitting institution, accepted or rejected by the
 * requester (accepting discloses the confidential part and opens a room), and the outcome the
 * institution records (term sheet, signed, declined).
 */
export class InterestsService {
  notify: Notifier = nullNotifier;

  constructor(
    private readonly repo: FinancingRepository,
    private readonly orgs: OrgDirectory,
    private readonly requests: RequestsService,
    private readonly audit: AuditService,
    private readonly rooms: FinancingRooms | null,
    private readonly logger: Logger,
  ) {}

  /** Idempotent per institution and request: a second call returns the first interest (200, not 201). */
  async express(user: AuthUser, requestId: string, body: InterestBody, meta: Meta) {
    const org = requireInstitution(user, await this.orgs.summary(user.orgId));
    const { r, view } = await this.requests.access(user, requestId);
    if (view !== 'institution' && view !== 'disclosed') throw new AppError('NOT_FOUND');
    if (!answerableRequestStatuses.includes(r.status)) throw new AppError('INVALID_STATE', { status: r.status });
    let product: ProductRecord | null = null;
    if (body.productId) {
      product = await this.repo.findProduct(body.productId);
      if (!product || String(product.orgId) !== org.id || product.status !== 'published')
        throw new AppError('NOT_FOUND');
      if (!scoreProduct(product, r).fits) throw new AppError('PRODUCT_DOES_NOT_FIT');
    }
    const { interest, created } = await this.repo.createInterest({
      requestId: r._id,
      requesterOrgId: r.orgId,
      institutionOrgId: new Types.ObjectId(org.id),
      key: `${r._id}:${org.id}`,
      productId: product?._id ?? null,
      message: body.message,
      privateNote: body.privateNote,
      status: 'expressed',
      outcome: null,
      regionCode: r.regionCode,
      submarketCode: r.submarketCode,
      fieldCode: r.fieldCode,
      negotiationId: null,
      decidedAt: null,
      createdBy: new Types.ObjectId(user.id),
      seedKey: null,
    });
    if (created) {
      await this.audit.record(user, {
        entity: 'financing_interest',
        entityId: String(interest._id),
        action: 'express_interest',
        to: 'expressed',
        ...meta,
      });
      await this.notify.notify(interestNotice(r, interest, org.name), { orgIds: [r.orgId] });
    }
    return { interest: await this.presentOne(interest, r, true), created };
  }

  /** The requester reads every interest (without private notes); an institution only its own (with its note). */
  async forRequest(user: AuthUser, requestId: string): Promise<InterestDto[]> {
    const { r, view } = await this.requests.access(user, requestId);
    if (view === 'staff') throw new AppError('FORBIDDEN');
    const all = await this.repo.interestsOfRequest(r._id);
    const visible = view === 'owner' ? all : all.filter((i) => String(i.institutionOrgId) === user.orgId);
    return this.present(visible, new Map([[String(r._id), r]]), view !== 'owner');
  }

  /** The requester accepts (details disclosed, room opened, request matched) or rejects an interest. */
  async decide(user: AuthUser, id: string, decision: 'accept' | 'reject', meta: Meta): Promise<InterestDto> {
    const i = await this.repo.findInterest(id);
    if (!i || String(i.requesterOrgId) !== user.orgId) throw new AppError('NOT_FOUND');
    const r = await this.requests.own(user, String(i.requestId));
    if (!answerableRequestStatuses.includes(r.status)) throw new AppError('INVALID_STATE', { status: r.status });
    // Accepting again is a retry: it opens the room if the first time could not, and changes nothing else.
    if (decision === 'accept' && i.status === 'accepted')
      return this.presentOne(await this.openRoom(user, i, r, meta), r, false);
    const to = nextInterestStatus(i.status, decision);
    let updated = await this.repo.transitionInterest(i._id, i.status, { status: to, decidedAt: new Date() });
    if (!updated) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'financing_interest',
      entityId: id,
      action: decision,
      from: i.status,
      to,
      ...meta,
    });
    if (decision === 'accept') {
      await this.requests.markMatched(r);
      updated = await this.openRoom(user, updated, r, meta);
    }
    await this.notify.notify(decisionNotice(r, updated, decision === 'accept'), { orgIds: [i.institutionOrgId] });
    return this.presentOne(updated, r, false);
  }

  /** The institution records what came of an accepted interest; signing closes nothing else. */
  async outcome(user: AuthUser, id: string, body: OutcomeBody, meta: Meta): Promise<InterestDto> {
    const org = requireInstitution(user, await this.orgs.summary(user.orgId));
    const i = await this.repo.findInterest(id);
    if (!i || String(i.institutionOrgId) !== org.id) throw new AppError('NOT_FOUND');
    const to = nextInterestStatus(i.status, body.kind);
    const outcome = {
      kind: body.kind,
      amountFen: body.kind === 'declined' ? null : (body.amountFen ?? null),
      instrument: body.kind === 'declined' ? null : (body.instrument ?? null),
      termMonths: body.termMonths ?? null,
      reason: body.reason ?? null,
      recordedAt: new Date(),
    };
    const updated = await this.repo.transitionInterest(i._id, i.status, { status: to, outcome });
    if (!updated) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'financing_interest',
      entityId: id,
      action: 'record_outcome',
      from: i.status,
      to,
      ...(body.reason ? { reason: body.reason } : {}),
      ...meta,
    });
    const r = (await this.repo.findRequest(String(i.requestId)))!;
    await this.notify.notify(outcomeNotice(r, updated, org.name), { orgIds: [i.requesterOrgId] });
    return this.presentOne(updated, r, true);
  }

  /**
   * The room is opened after the acceptance is stored: if that fails, the acceptance stands and accepting
   * again opens it (the negotiations module makes opening idempotent by its open key).
   */
  private async openRoom(user: AuthUser, i: InterestRecord, r: RequestRecord, meta: Meta): Promise<InterestRecord> {
    if (!this.rooms || i.negotiationId) return i;
    try {
      const roomId = await this.rooms.open(
        user,
        {
          interestId: String(i._id),
          title: r.title,
          requesterOrgId: String(r.orgId),
          institutionOrgId: String(i.institutionOrgId),
          submarketCode: r.submarketCode,
        },
        i.message,
        meta,
      );
      await this.repo.setInterestRoom(i._id, roomId);
      return { ...i, negotiationId: new Types.ObjectId(roomId) };
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, interestId: String(i._id) }, 'financing room not opened');
      return i;
    }
  }

  private async presentOne(i: InterestRecord, r: RequestRecord, withPrivate: boolean): Promise<InterestDto> {
    return (await this.present([i], new Map([[String(r._id), r]]), withPrivate))[0]!;
  }

  async present(items: InterestRecord[], requests: Map<string, RequestRecord>, withPrivate: boolean) {
    const [orgs, products] = await Promise.all([
      this.orgs.summaries(items.map((i) => i.institutionOrgId)),
      this.repo.productsByIds(items.map((i) => i.productId)),
    ]);
    const productMap = new Map(products.map((p) => [String(p._id), p]));
    return items.map((i) =>
      presentInterest(i, {
        orgs,
        products: productMap,
        requestTitle: requests.get(String(i.requestId))?.title ?? '',
        withPrivate,
      }),
    );
  }
}
