import { AppError } from '../../http/errors';
import type { ContractTerms } from '../../shared/contract-schemas';
import { isMakerOrgType } from '../../shared/makers';
import { matchesMakerId } from '../orgs/maker-identity';
import type { OrgRecord } from '../orgs/org.model';

type Party = ContractTerms['seller'];
type PartyOrg = Pick<OrgRecord, 'name' | 'creditCode' | 'regionCode' | 'type' | 'maker'>;

/**
 * A party as the organisation's own record says. A maker (个人创客 / 创客团队) is a natural person or a team
 * named by a resident ID, which the platform keeps only masked and hashed: the ID the maker types into its
 * contract is taken when it is the registered one (422 MAKER_ID_MISMATCH otherwise), and a contract drafted
 * from a deal carries the masked form until the maker writes it in (the registration check stops it till then).
 */
export function partyFromOrg(o: PartyOrg, typed?: Pick<Party, 'creditCode'>): Party {
  if (isMakerOrgType(o.type) && o.maker) {
    return {
      name: o.name,
      creditCode: makerId(o, typed?.creditCode),
      regionCode: o.regionCode,
      orgType: o.type,
      idType: 'resident_id',
    };
  }
  return { name: o.name, creditCode: o.creditCode ?? '', regionCode: o.regionCode, orgType: o.type };
}

function makerId(o: PartyOrg, typed: string | undefined): string {
  const masked = o.maker!.idMasked;
  if (!typed || typed === masked) return masked;
  if (!matchesMakerId(o, typed)) throw new AppError('MAKER_ID_MISMATCH');
  return typed.trim().toUpperCase();
}

/** On an edit the seller keeps its record; a maker seller may write its registered ID over the masked one. */
export function keptSeller(stored: Party, typed: Party, org: PartyOrg | null): Party {
  if (stored.idType !== 'resident_id' || !org || typed.creditCode === stored.creditCode) return stored;
  return { ...stored, creditCode: makerId(org, typed.creditCode) };
}
