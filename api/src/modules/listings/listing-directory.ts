import type { Models } from '../../db/models';
import type { ListingRecord } from './listing.model';

/**
 * What other modules may read about listings without touching the collections: a listing by id whatever
 * its state (callers decide what its state allows them), without the viewer policy of ListingService.get.
 */
export class ListingDirectory {
  constructor(private readonly models: Pick<Models, 'Achievement' | 'Need'>) {}

  async byId(kind: 'achievement' | 'need', id: string): Promise<ListingRecord | null> {
    const model = kind === 'achievement' ? this.models.Achievement : this.models.Need;
    return model.findById(id).lean<ListingRecord>();
  }
}
