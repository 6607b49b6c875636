import { AppError } from '../../http/errors';
import type { InterestStatus, ProductStatus, RequestStatus } from '../../shared/financing';

/**
 * The three state machines of financing, one table each. A transition not in a table is refused with
 * INVALID_STATE (409) and changes nothing; every transition is audited by the service that makes it.
 */
const productTransitions: Record<ProductStatus, Partial<Record<'publish' | 'withdraw', ProductStatus>>> = {
  draft: { publish: 'published' },
  published: { withdraw: 'withdrawn' },
  withdrawn: { publish: 'published' },
};

/** matched: the requester accepted at least one institution's interest (对接成功). */
const requestTransitions: Record<RequestStatus, Partial<Record<'open' | 'match' | 'close', RequestStatus>>> = {
  draft: { open: 'open', close: 'closed' },
  open: { match: 'matched', close: 'closed' },
  matched: { match: 'matched', close: 'closed' },
  closed: {},
};

export type InterestEvent = 'accept' | 'reject' | 'term_sheet' | 'signed' | 'declined';
const interestTransitions: Record<InterestStatus, Partial<Record<InterestEvent, InterestStatus>>> = {
  expressed: { accept: 'accepted', reject: 'rejected' },
  accepted: { term_sheet: 'term_sheet', signed: 'signed', declined: 'declined' },
  term_sheet: { signed: 'signed', declined: 'declined' },
  rejected: {},
  signed: {},
  declined: {},
};

function next<S extends string, E extends string>(table: Record<S, Partial<Record<E, S>>>, from: S, event: E): S {
  const to = table[from]?.[event];
  if (!to) throw new AppError('INVALID_STATE', { status: from, action: event });
  return to;
}

export const nextProductStatus = (from: ProductStatus, event: 'publish' | 'withdraw') =>
  next(productTransitions, from, event);
export const nextRequestStatus = (from: RequestStatus, event: 'open' | 'match' | 'close') =>
  next(requestTransitions, from, event);
export const nextInterestStatus = (from: InterestStatus, event: InterestEvent) =>
  next(interestTransitions, from, event);

/** Requests institutions may see and answer. */
export const answerableRequestStatuses: RequestStatus[] = ['open', 'matched'];
