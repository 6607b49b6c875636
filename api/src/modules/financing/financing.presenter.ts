import type { InterestDto, MatchReason, OrgRef, ProductDto, RequestDto, RequestView } from '../../shared/financing';
import type { OrgSummary } from '../orgs/org-directory';
import type { InterestRecord, ProductRecord, RequestRecord } from './financing.model';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function orgRef(orgs: Map<string, OrgSummary>, id: unknown): OrgRef {
  const o = orgs.get(String(id));
  return { id: String(id), name: o?.name ?? '', type: o?.type ?? '', regionCode: o?.regionCode ?? '' };
}

/** One explicit field list for every audience: a product has no confidential part. */
export function presentProduct(p: ProductRecord, orgs: Map<string, OrgSummary>): ProductDto {
  return {
    id: String(p._id),
    org: orgRef(orgs, p.orgId),
    name: p.name,
    instrument: p.instrument,
    amountMinFen: p.amountMinFen,
    amountMaxFen: p.amountMaxFen,
    termMonthsMin: p.termMonthsMin,
    termMonthsMax: p.termMonthsMax,
    rateMinBp: p.rateMinBp ?? null,
    rateMaxBp: p.rateMaxBp ?? null,
    equityMinBp: p.equityMinBp ?? null,
    equityMaxBp: p.equityMaxBp ?? null,
    fields: p.fields,
    stages: p.stages,
    regions: p.regions,
    materials: p.materials,
    description: p.description,
    status: p.status,
    publishedAt: iso(p.publishedAt),
    updatedAt: iso(p.updatedAt)!,
  };
}

export const productRef = (p: ProductRecord) => ({ id: String(p._id), name: p.name, instrument: p.instrument });

/**
 * A request for one audience. The confidential part (use of funds, collateral, IP offered) is built only
 * for the requester and for an institution whose interest the requester accepted; staff and other
 * institutions get the rest, by this explicit list.
 */
export function presentRequest(
  r: RequestRecord,
  view: RequestView,
  orgs: Map<string, OrgSummary>,
  extra: Pick<RequestDto, 'fit' | 'myInterest'> = {},
): RequestDto {
  const disclosed = view === 'owner' || view === 'disclosed';
  return {
    id: String(r._id),
    org: orgRef(orgs, r.orgId),
    title: r.title,
    amountFen: r.amountFen,
    instruments: r.instruments,
    termMonths: r.termMonths ?? null,
    fieldCode: r.fieldCode,
    stage: r.stage,
    regionCode: r.regionCode,
    summary: r.summary,
    tie: r.tie ? { kind: r.tie.kind, id: String(r.tie.id), title: r.tie.title } : null,
    status: r.status,
    closeReason: r.closeReason ?? null,
    openedAt: iso(r.openedAt),
    matchedAt: iso(r.matchedAt),
    closedAt: iso(r.closedAt),
    updatedAt: iso(r.updatedAt)!,
    view,
    confidential: disclosed
      ? {
          useOfFunds: r.useOfFunds,
          collateral: r.collateral,
          ipOffered: r.ipOffered,
          attachmentIds: r.attachmentIds ?? [],
        }
      : null,
    ...extra,
  };
}

/** withPrivate: the institution that wrote the interest reads its private note; nobody else ever does. */
export function presentInterest(
  i: InterestRecord,
  ctx: {
    orgs: Map<string, OrgSummary>;
    products: Map<string, ProductRecord>;
    requestTitle: string;
    withPrivate: boolean;
  },
): InterestDto {
  const product = i.productId ? ctx.products.get(String(i.productId)) : undefined;
  return {
    id: String(i._id),
    requestId: String(i.requestId),
    requestTitle: ctx.requestTitle,
    institution: orgRef(ctx.orgs, i.institutionOrgId),
    product: product ? productRef(product) : null,
    message: i.message,
    ...(ctx.withPrivate ? { privateNote: i.privateNote } : {}),
    status: i.status,
    outcome: i.outcome
      ? {
          kind: i.outcome.kind,
          amountFen: i.outcome.amountFen ?? null,
          instrument: i.outcome.instrument ?? null,
          termMonths: i.outcome.termMonths ?? null,
          reason: i.outcome.reason ?? null,
          recordedAt: iso(i.outcome.recordedAt)!,
        }
      : null,
    negotiationId: i.negotiationId ? String(i.negotiationId) : null,
    createdAt: iso(i.createdAt)!,
    decidedAt: iso(i.decidedAt),
  };
}

export const fitOf = (m: { product: ProductRecord; score: number; reasons: MatchReason[] } | undefined) =>
  m ? { product: productRef(m.product), score: m.score, reasons: m.reasons } : null;
