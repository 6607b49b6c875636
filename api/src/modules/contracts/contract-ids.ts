import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { ContractTerms } from '../../shared/contract-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { OrgRecord } from '../orgs/org.model';
import type { Signature } from './contract.model';

/** A contract party block from an organisation record. */
export const partyFromOrg = (
  o: Pick<OrgRecord, 'name' | 'creditCode' | 'regionCode' | 'type'>,
): ContractTerms['seller'] => ({
  name: o.name,
  creditCode: o.creditCode,
  regionCode: o.regionCode,
  orgType: o.type,
});

/** The id of the paper contract an organisation enters under an Idempotency-Key (the payments derive theirs the same way). */
export const paperContractIdFor = (orgId: string, key: string) =>
  new Types.ObjectId(crypto.createHash('sha256').update(`paper-contract:${orgId}:${key}`).digest('hex').slice(0, 24));

/** A contract's new number: date plus the tail of its id (unique index backs it). */
export const contractNumber = (id: Types.ObjectId, at = new Date()) =>
  `JS${at.toISOString().slice(0, 10).replace(/-/g, '')}${String(id).slice(-8).toUpperCase()}`;

/** A valid signature of one side over a document version. */
export const signatureBy = (
  side: Signature['side'],
  user: Pick<AuthUser, 'id' | 'name'>,
  docHash: string,
  ip: string | null,
): Signature => ({ side, userId: user.id, userName: user.name, at: new Date(), ip, docHash, valid: true });
