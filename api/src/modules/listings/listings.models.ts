import type { Connection } from 'mongoose';
import { listingSchema, type ListingRecord } from './listing.model';
import { ndaSchema } from './nda.model';

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerListingModels(conn: Connection) {
  return {
    Achievement: conn.model<ListingRecord>('Achievement', listingSchema('achievements')),
    Need: conn.model<ListingRecord>('Need', listingSchema('needs')),
    Nda: conn.model('Nda', ndaSchema),
  };
}
export type ListingModels = ReturnType<typeof registerListingModels>;
