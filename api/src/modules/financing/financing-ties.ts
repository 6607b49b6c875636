import { AppError } from '../../http/errors';
import type { ContractsService } from '../contracts/contracts.service';
import { partySide } from '../contracts/contract.policy';
import type { ListingService } from '../listings/listing.service';
import type { TieResolver } from './requests.service';

/**
 * A request may be tied to the organisation's own achievement or to a contract it is a party to; the title
 * is what the request shows. Asked through the listings and contracts services, never their collections.
 */
export function financingTies(achievements: ListingService, contracts: ContractsService): TieResolver {
  const refuse = () => {
    throw new AppError('TIE_NOT_ALLOWED');
  };
  return async (user, tie) => {
    if (tie.kind === 'achievement') {
      const { listing, view } = await achievements.get(user, tie.id).catch(refuse);
      if (view !== 'owner') refuse();
      return String(((listing.live ?? listing.content) as { title?: string }).title ?? '');
    }
    const contract = await contracts.load(user, tie.id, 'read').catch(refuse);
    if (!partySide(user, contract)) refuse();
    return String((contract.terms as { title?: string }).title ?? contract.contractNo);
  };
}
