import type { Types } from 'mongoose';
import type { AttachmentDirectory } from '../attachments/attachment-directory';
import type { OrgDirectory } from '../orgs/org-directory';
import type { ListingKindConfig } from './listing.kind';
import type { ListingRecord } from './listing.model';
import type { ListingView } from './listing.service';

export interface FileSummary {
  id: string;
  filename: string | null;
  size: number | null;
  mime: string | null;
}

/** Names of attachments by id, in one query (through the attachments module). */
export async function fileSummaries(
  files: Pick<AttachmentDirectory, 'summaries'>,
  ids: string[],
): Promise<Map<string, FileSummary>> {
  return new Map((await files.summaries(ids)).map((f) => [f.id, f]));
}

export interface OrgSummary {
  id: string;
  name: string;
  type: string;
  verified: boolean;
}

/** Owner organisations for a page of listings, in one query (no $lookup: FerretDB v1 subset). */
export async function orgSummaries(
  orgs: Pick<OrgDirectory, 'summaries'>,
  ids: Array<string | Types.ObjectId>,
): Promise<Map<string, OrgSummary>> {
  const found = await orgs.summaries(ids);
  return new Map([...found].map(([id, o]) => [id, { id, name: o.name, type: o.type, verified: o.verified }]));
}

function pick(source: Record<string, unknown> | null | undefined, fields: readonly string[]) {
  const out: Record<string, unknown> = {};
  if (!source) return out;
  for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

function hasConfidential(c: Record<string, unknown> | null | undefined): boolean {
  const conf = c?.confidential as { details?: string; contact?: unknown; attachmentIds?: string[] } | undefined;
  return !!conf && (!!conf.details || !!conf.contact || (conf.attachmentIds?.length ?? 0) > 0);
}

/** The detail view for one audience. Public and NDA views are built from the approved `live` version only. */
export function presentListing(
  cfg: ListingKindConfig,
  l: ListingRecord,
  view: ListingView,
  org: OrgSummary | undefined,
  extras: {
    history?: Array<{
      action: string;
      at: Date;
      actorName?: string | null;
      reason?: string | null;
      from?: string | null;
      to?: string | null;
    }>;
    /** The challenge's winning organisation (needs). */
    winner?: OrgSummary;
    /** Names and sizes of the confidential attachments, for views that show them. */
    files?: Map<string, FileSummary>;
  } = {},
) {
  const { history = [], winner, files = new Map<string, FileSummary>() } = extras;
  /** The confidential part with its files named (the listing stores their ids only). */
  const withFiles = (c: unknown) => {
    if (!c) return null;
    const conf = c as { attachmentIds?: string[] };
    return {
      ...conf,
      attachments: (conf.attachmentIds ?? []).map(
        (id) => files.get(id) ?? { id, filename: null, size: null, mime: null },
      ),
    };
  };
  const meta = {
    id: String(l._id),
    kind: cfg.kind,
    ownerOrg: org ?? null,
    submarketCode: l.submarketCode,
    publishedAt: l.publishedAt?.toISOString() ?? null,
    updatedAt: new Date(l.updatedAt).toISOString(),
    view,
    // A challenge's winner is public once chosen (揭榜挂帅 results are announced).
    ...(cfg.kind === 'need'
      ? {
          award: l.award
            ? {
                at: new Date(l.award.at).toISOString(),
                org: winner ?? { id: l.award.orgId, name: '', type: '', verified: false },
              }
            : null,
        }
      : {}),
  };
  if (view === 'public' || view === 'nda') {
    return {
      ...meta,
      status: l.status,
      ...pick(l.live, cfg.publicFields),
      hasConfidential: hasConfidential(l.live),
      ndaAccepted: view === 'nda',
      ...(view === 'nda' ? { confidential: withFiles(l.live?.confidential) } : {}),
    };
  }
  return {
    ...meta,
    status: l.status,
    revision: l.revision?.status ? { status: l.revision.status, reason: l.revision.reason ?? null } : null,
    review: l.review?.decidedAt
      ? {
          reason: l.review.reason ?? null,
          decidedAt: l.review.decidedAt.toISOString(),
          decidedBy: l.review.decidedBy ?? null,
        }
      : null,
    ...pick(l.content, cfg.publicFields),
    confidential: withFiles(l.content.confidential),
    live: l.live ? { ...pick(l.live, cfg.publicFields), confidential: withFiles(l.live.confidential) } : null,
    history: history.map((h) => ({
      action: h.action,
      from: h.from ?? null,
      to: h.to ?? null,
      at: new Date(h.at).toISOString(),
      by: h.actorName ?? '',
      reason: h.reason ?? null,
    })),
  };
}

/** A list row: public lists show the live version, "mine" and the review queue the working copy. */
export function presentCard(
  cfg: ListingKindConfig,
  l: ListingRecord,
  scope: 'public' | 'mine' | 'review',
  org: OrgSummary | undefined,
) {
  const source = scope === 'public' ? l.live! : l.content;
  return {
    id: String(l._id),
    kind: cfg.kind,
    ...cfg.card(source),
    ownerOrg: org ?? null,
    submarketCode: l.submarketCode,
    publishedAt: l.publishedAt?.toISOString() ?? null,
    updatedAt: new Date(l.updatedAt).toISOString(),
    ...(scope === 'public' ? {} : { status: l.status, revision: l.revision?.status ?? null }),
  };
}
