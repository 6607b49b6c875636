import { Types } from 'mongoose';
import type { AuthUser } from '../auth/auth.types';
import { NDA_TEXT_VERSION } from './listing.kind';
import type { ListingKind } from './listing.model';
import type { ListingModels } from './listings.models';

/** Click-through NDA acceptances: one per organisation and listing, with who, when and from where. */
export class NdaRepository {
  constructor(private readonly models: Pick<ListingModels, 'Nda'>) {}

  async has(kind: ListingKind, orgId: string, listingId: Types.ObjectId | string): Promise<boolean> {
    return !!(await this.models.Nda.exists({ listingKind: kind, listingId, orgId }));
  }

  /** Records the acceptance; accepting twice is harmless: the first record (who, when, IP) stands. */
  async accept(
    kind: ListingKind,
    listingId: Types.ObjectId,
    user: AuthUser,
    meta: { ip?: string; userAgent?: string },
  ): Promise<{ acceptedAt: Date; textVersion: string }> {
    const key = { listingKind: kind, listingId, orgId: new Types.ObjectId(user.orgId!) };
    await this.models.Nda.updateOne(
      key,
      {
        $setOnInsert: {
          ...key,
          userId: new Types.ObjectId(user.id),
          userName: user.name,
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 300),
          textVersion: NDA_TEXT_VERSION,
          acceptedAt: new Date(),
        },
      },
      { upsert: true },
    ).catch((err) => {
      if ((err as { code?: number }).code !== 11000) throw err;
    });
    const stored = await this.models.Nda.findOne(key).lean();
    return { acceptedAt: stored!.acceptedAt as Date, textVersion: String(stored!.textVersion) };
  }
}
