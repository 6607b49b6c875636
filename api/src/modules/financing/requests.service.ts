import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { ProductMatchDto, RequestBody, RequestDto, RequestStatus, RequestView } from '../../shared/financing';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import { nullNotifier, type Notifier } from '../notifications/notify';
import type { OrgDirectory } from '../orgs/org-directory';
import { rankProducts } from './financing.match';
import { fittingRequestNotice } from './financing.notices';
import type { InterestRecord, ProductRecord, RequestRecord } from './financing.model';
import { requireInstitution, requireRequester, staffFor } from './financing.policy';
import { fitOf, presentInterest, presentRequest } from './financing.presenter';
import type { FinancingRepository } from './financing.repository';
import { answerableRequestStatuses, nextRequestStatus } from './financing.state';
import type { ProductsService } from './products.service';

interface Meta {
  ip?: string;
}

/** Refuses attachment ids that are not the organisation's own (the attachments module's guard). */
export type AttachmentGuard = (orgId: string, ids: string[]) => Promise<void>;

/** Checks that a request may be tied to an achievement or contract, and names it (ports set by the app). */
export type TieResolver = (user: AuthUser, tie: { kind: 'achievement' | 'contract'; id: string }) => Promise<string>;

const requestFields = (b: RequestBody) => ({
  title: b.title,
  amountFen: b.amountFen,
  instruments: b.instruments,
  termMonths: b.termMonths,
  fieldCode: b.fieldCode,
  stage: b.stage,
  summary: b.summary,
  useOfFunds: b.useOfFunds,
  collateral: b.collateral,
  ipOffered: b.ipOffered,
  attachmentIds: b.attachmentIds,
});

/** Financing requests: filed by enterprises and suppliers, matched to products, seen by fitting institutions. */
export class RequestsService {
  /** The evaluation kind of each evaluated achievement among these ids (the evaluations module's badges). */
  evaluationKinds: (achievementIds: string[]) => Promise<Map<string, 'agency' | 'self'>> = async () => new Map();
  notify: Notifier = nullNotifier;

  constructor(
    private readonly repo: FinancingRepository,
    private readonly orgs: OrgDirectory,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly resolveTie: TieResolver,
    private readonly guardFiles: AttachmentGuard,
  ) {}

  async create(user: AuthUser, body: RequestBody, meta: Meta): Promise<RequestDto> {
    const org = requireRequester(user, await this.orgs.summary(user.orgId), { verified: false });
    await this.guardFiles(org.id, body.attachmentIds);
    const r = await this.repo.createRequest({
      ...requestFields(body),
      tie: await this.tie(user, body.tie),
      orgId: new Types.ObjectId(org.id),
      orgType: org.type,
      regionCode: org.regionCode,
      submarketCode: org.submarketCode,
      status: 'draft',
      closeReason: null,
      openedAt: null,
      matchedAt: null,
      closedAt: null,
      createdBy: new Types.ObjectId(user.id),
      seedKey: null,
    });
    await this.audit.record(user, {
      entity: 'financing_request',
      entityId: String(r._id),
      action: 'create',
      to: 'draft',
      ...meta,
    });
    return this.presentFor('owner', r);
  }

  /** Editable while draft or open; a matched request's terms are what institutions accepted. */
  async update(user: AuthUser, id: string, body: RequestBody, meta: Meta): Promise<RequestDto> {
    const r = await this.own(user, id);
    if (r.status !== 'draft' && r.status !== 'open') throw new AppError('INVALID_STATE', { status: r.status });
    await this.guardFiles(String(r.orgId), body.attachmentIds);
    const set = { ...requestFields(body), tie: await this.tie(user, body.tie) };
    const updated = await this.repo.updateRequest(r._id, r.orgId, [r.status], set);
    if (!updated) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, { entity: 'financing_request', entityId: id, action: 'update', ...meta });
    return this.presentFor('owner', updated);
  }

  /** open: the request goes to institutions (the organisation must be verified); close: it ends. */
  async setStatus(user: AuthUser, id: string, action: 'open' | 'close', reason: string | undefined, meta: Meta) {
    const r = await this.own(user, id);
    const to = nextRequestStatus(r.status, action);
    if (action === 'open') requireRequester(user, await this.orgs.summary(user.orgId), { verified: true });
    const now = new Date();
    const set =
      action === 'open' ? { status: to, openedAt: now } : { status: to, closedAt: now, closeReason: reason ?? null };
    const updated = await this.repo.updateRequest(r._id, r.orgId, [r.status], set);
    if (!updated) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'financing_request',
      entityId: id,
      action,
      from: r.status,
      to,
      ...(reason ? { reason } : {}),
      ...meta,
    });
    if (action === 'open') await this.tellFittingInstitutions(updated);
    return this.presentFor('owner', updated);
  }

  /** The requester accepted an interest: open → matched (again harmless when already matched). */
  async markMatched(r: RequestRecord): Promise<void> {
    if (r.status !== 'open') return;
    nextRequestStatus(r.status, 'match');
    await this.repo.updateRequest(r._id, null, ['open'], { status: 'matched', matchedAt: new Date() });
  }

  async mine(user: AuthUser, q: { status?: RequestStatus; page: number; pageSize: number }): Promise<Page<RequestDto>> {
    requireRequester(user, await this.orgs.summary(user.orgId), { verified: false });
    const { items, total } = await this.repo.requestsOfOrg(user.orgId!, q);
    const orgs = await this.orgs.summaries(items.map((r) => r.orgId));
    return { items: items.map((r) => presentRequest(r, 'owner', orgs)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * Who sees a request, and which view: its organisation everything; an institution that the requester
   * accepted everything; an institution whose products fit an open request, or that has expressed
   * interest, the non-confidential part; operators of its sub-market the same. Anyone else: 404.
   */
  async access(
    viewer: AuthUser | null,
    id: string,
  ): Promise<{ r: RequestRecord; view: RequestView; mine: InterestRecord | null }> {
    const r = await this.repo.findRequest(id);
    if (!r || !viewer) throw new AppError('NOT_FOUND');
    if (viewer.orgId === String(r.orgId)) return { r, view: 'owner', mine: null };
    if (viewer.orgId && r.status !== 'draft') {
      const [mine] = await this.repo.interestsOfInstitution(viewer.orgId, [r._id]);
      if (mine) {
        const accepted = mine.status !== 'expressed' && mine.status !== 'rejected';
        return { r, view: accepted ? 'disclosed' : 'institution', mine };
      }
      if (answerableRequestStatuses.includes(r.status) && (await this.bestFit(viewer.orgId, r)))
        return { r, view: 'institution', mine: null };
    }
    if (r.status !== 'draft' && staffFor(viewer, r.submarketCode)) return { r, view: 'staff', mine: null };
    throw new AppError('NOT_FOUND');
  }

  async get(viewer: AuthUser | null, id: string): Promise<RequestDto> {
    const { r, view } = await this.access(viewer, id);
    const fit =
      view === 'institution' || view === 'disclosed' ? fitOf(await this.bestFit(viewer!.orgId!, r)) : undefined;
    return this.presentFor(view, r, fit === undefined ? {} : { fit });
  }

  /** The products proposed for a request, with the reasons: its organisation and staff. */
  async proposals(viewer: AuthUser, id: string): Promise<ProductMatchDto[]> {
    const { r, view } = await this.access(viewer, id);
    if (view !== 'owner' && view !== 'staff') throw new AppError('FORBIDDEN');
    const [rated] = await this.rated([r]);
    const ranked = rankProducts(await this.repo.publishedHolding(r.amountFen), rated, 20);
    const dtos = await this.products.present(ranked.map((m) => m.product));
    return ranked.map((m, i) => ({ product: dtos[i]!, score: m.score, reasons: m.reasons }));
  }

  /**
   * The open requests an institution's published products fit, best fit first, with its own interest.
   * Candidates are read by amount (the one range filter every product has) and scored in memory.
   */
  async matching(user: AuthUser, q: { page: number; pageSize: number }): Promise<Page<RequestDto>> {
    const org = requireInstitution(user, await this.orgs.summary(user.orgId));
    const products = await this.repo.productsOfOrg(org.id, 'published');
    const interests = await this.repo.interestsOfInstitution(org.id);
    const byRequest = new Map(interests.map((i) => [String(i.requestId), i]));
    let rows: Array<{ r: RequestRecord; fit: ReturnType<typeof rankProducts<ProductRecord>>[number] | undefined }> = [];
    if (products.length) {
      const min = Math.min(...products.map((p) => p.amountMinFen));
      const max = Math.max(...products.map((p) => p.amountMaxFen));
      const candidates = await this.rated(await this.repo.answerableInAmountRange(min, max, org.id));
      rows = candidates
        .map((r) => ({ r, fit: rankProducts(products, r, 1)[0] }))
        .filter((x) => x.fit || byRequest.has(String(x.r._id)));
    }
    // Requests it answered stay on its list after they stop fitting or close.
    const listed = new Set(rows.map((x) => String(x.r._id)));
    const answered = await this.repo.requestsByIds(
      interests.filter((i) => !listed.has(String(i.requestId))).map((i) => i.requestId),
    );
    rows.push(...answered.map((r) => ({ r, fit: undefined })));
    rows.sort((a, b) => (b.fit?.score ?? -1) - (a.fit?.score ?? -1) || +b.r.updatedAt - +a.r.updatedAt);
    const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    const mineOnPage = page.map((x) => byRequest.get(String(x.r._id))).filter((i): i is InterestRecord => !!i);
    const [orgs, named] = await Promise.all([
      this.orgs.summaries([...page.map((x) => x.r.orgId), org.id]),
      this.repo.productsByIds(mineOnPage.map((i) => i.productId)),
    ]);
    const productMap = new Map(named.map((p) => [String(p._id), p]));
    const items = page.map(({ r, fit }) => {
      const mine = byRequest.get(String(r._id)) ?? null;
      const view: RequestView = mine && !['expressed', 'rejected'].includes(mine.status) ? 'disclosed' : 'institution';
      const myInterest = mine
        ? presentInterest(mine, { orgs, products: productMap, requestTitle: r.title, withPrivate: true })
        : null;
      return presentRequest(r, view, orgs, { fit: fitOf(fit), myInterest });
    });
    return { items, total: rows.length, page: q.page, pageSize: q.pageSize };
  }

  /**
   * When a request opens, each institution with a published product that fits it (financing.match, the same
   * rule as its matching list) is told once, naming its fitting products; the requester's own never.
   */
  private async tellFittingInstitutions(r: RequestRecord): Promise<void> {
    const fits = rankProducts(await this.repo.publishedHolding(r.amountFen), r, Number.MAX_SAFE_INTEGER);
    const byOrg = new Map<string, string[]>();
    for (const { product } of fits) {
      const org = String(product.orgId);
      if (org !== String(r.orgId)) byOrg.set(org, [...(byOrg.get(org) ?? []), product.name]);
    }
    for (const [orgId, names] of byOrg) await this.notify.notify(fittingRequestNotice(r, names), { orgIds: [orgId] });
  }

  /** The institution's best-fitting published product for a request, if any. */
  async bestFit(orgId: string, r: RequestRecord) {
    const products = await this.repo.productsOfOrg(orgId, 'published');
    const [rated] = await this.rated([r]);
    return rankProducts(products, rated, 1)[0];
  }

  /**
   * The requests with their tied achievement's evaluation kind, asked of the evaluations module (wired in
   * composition/feature-modules.ts; none without it), so matching can give the reason.
   */
  private async rated<T extends RequestRecord>(rs: T[]): Promise<Array<T & { evaluation: 'agency' | 'self' | null }>> {
    const ids = rs.filter((r) => r.tie?.kind === 'achievement').map((r) => String(r.tie!.id));
    const kinds = ids.length ? await this.evaluationKinds(ids) : new Map<string, 'agency' | 'self'>();
    return rs.map((r) => ({
      ...r,
      evaluation: r.tie?.kind === 'achievement' ? (kinds.get(String(r.tie.id)) ?? null) : null,
    }));
  }

  async presentFor(view: RequestView, r: RequestRecord, extra: Pick<RequestDto, 'fit' | 'myInterest'> = {}) {
    return presentRequest(r, view, await this.orgs.summaries([r.orgId]), extra);
  }

  /** Another organisation's request is 404 to the requester's actions. */
  async own(user: AuthUser, id: string): Promise<RequestRecord> {
    requireRequester(user, await this.orgs.summary(user.orgId), { verified: false });
    const r = await this.repo.findRequest(id);
    if (!r || String(r.orgId) !== user.orgId) throw new AppError('NOT_FOUND');
    return r;
  }

  private async tie(user: AuthUser, tie: RequestBody['tie']): Promise<RequestRecord['tie']> {
    if (tie.kind === 'none') return null;
    const title = await this.resolveTie(user, tie);
    return { kind: tie.kind, id: new Types.ObjectId(tie.id), title };
  }
}
