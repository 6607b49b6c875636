import { fieldCodes } from '@shared/catalog-schemas';
import { regionCodes } from '@shared/taxonomy';
import {
  listingStatuses,
  sortsOf,
  type ListingKind,
  type ListingListParams,
  type ListingStatus,
} from '../../../api/listing-types';

export const PAGE_SIZES = [12, 24, 48];
const DEFAULT_PAGE_SIZE = 12;

/** List state lives in the URL (shareable, back-button friendly); unknown values are dropped. */
export function readListParams(sp: URLSearchParams, kind: ListingKind): ListingListParams {
  const num = (k: string, d: number) => Math.max(1, Number.parseInt(sp.get(k) ?? '', 10) || d);
  const oneOf = <T extends string>(k: string, allowed: readonly T[]) => {
    const v = sp.get(k) as T | null;
    return v && allowed.includes(v) ? v : undefined;
  };
  return {
    page: num('page', 1),
    pageSize: Math.min(num('pageSize', DEFAULT_PAGE_SIZE), 48),
    q: sp.get('q')?.trim().slice(0, 60) || undefined,
    fieldCode: oneOf('fieldCode', fieldCodes),
    regionCode: oneOf('regionCode', regionCodes),
    submarketCode: sp.get('submarketCode') || undefined,
    status: oneOf<ListingStatus>('status', listingStatuses),
    sort: oneOf('sort', sortsOf(kind)),
    challenge: kind === 'need' && sp.get('challenge') === 'true' ? true : undefined,
    maker: kind === 'achievement' && sp.get('maker') === 'true' ? true : undefined,
  };
}

export function writeListParams(p: ListingListParams): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === '' || v === false) continue;
    if ((k === 'page' && v === 1) || (k === 'pageSize' && v === DEFAULT_PAGE_SIZE)) continue;
    sp.set(k, String(v));
  }
  return sp;
}
