import type { AttachmentReader } from '../attachments/attachments.service';
import type { ListingRecord } from './listing.model';
import { operatesFor } from './listing.policy';
import type { ListingModels } from './listings.models';
import type { NdaRepository } from './nda.repository';

/**
 * The files listings let others read, as an attachments reader (the attachments module does not read
 * listings): anyone an image of a published listing; an organisation that accepted the NDA a confidential
 * file of a published listing; reviewers of the listing's sub-market any file it references.
 */
export function listingFileReader(
  models: Pick<ListingModels, 'Achievement' | 'Need'>,
  ndas: NdaRepository,
): AttachmentReader {
  return async (viewer, id) => {
    for (const [kind, model] of [
      ['achievement', models.Achievement],
      ['need', models.Need],
    ] as const) {
      const publicImage = await model.exists({ status: 'published', 'live.imageIds': id });
      if (publicImage) return true;
      const listings = await model
        .find(
          {
            $or: [
              { 'live.confidential.attachmentIds': id },
              { 'content.confidential.attachmentIds': id },
              { 'content.imageIds': id },
            ],
          },
          { status: 1, submarketCode: 1, live: 1 },
        )
        .lean<ListingRecord[]>();
      for (const l of listings) {
        if (operatesFor(viewer, l.submarketCode)) return true;
        const inLive = (
          (l.live?.confidential as { attachmentIds?: string[] } | undefined)?.attachmentIds ?? []
        ).includes(id);
        if (inLive && l.status === 'published' && viewer?.orgId) {
          if (await ndas.has(kind, viewer.orgId, l._id)) return true;
        }
      }
    }
    return false;
  };
}
