import crypto from 'node:crypto';
import type { OrgRecord } from './org.model';

/**
 * A maker's resident ID is kept as a keyed hash (HMAC-SHA256), never in full: 18-digit IDs have so little
 * entropy (region, birth date, sequence) that a plain hash could be reversed by enumeration; without the key
 * it cannot. The key comes from MAKER_ID_HASH_KEY (set at start-up); the default serves development only.
 */
let key = 'nekj-development-maker-id-key';
export function useMakerIdKey(k: string | undefined): void {
  if (k) key = k;
}

export const makerIdHash = (idNumber: string) =>
  crypto.createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');

/** Whether the number typed is the one this maker registered with (its own, or its team leader's). */
export const matchesMakerId = (org: Pick<OrgRecord, 'maker'>, idNumber: string) =>
  !!org.maker && makerIdHash(idNumber) === org.maker.idHash;
