import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { Notifier } from '../notifications/notify';
import type { OrgDirectory } from '../orgs/org-directory';
import { FiguresService } from './figures.service';
import { FinancingRepository } from './financing.repository';
import { InterestsService, type FinancingRooms } from './interests.service';
import { ProductsService } from './products.service';
import { RequestsService, type AttachmentGuard, type TieResolver } from './requests.service';

/**
 * The financing module (issue 16: 融资匹配): it registers its own collections on the app's connection
 * (financing_products, financing_requests, financing_interests) and reaches other modules only through
 * the ports it is given — the orgs directory, audit, notify, negotiation rooms and the tie resolver.
 */
export async function createFinancing(deps: {
  conn: Connection;
  orgs: OrgDirectory;
  audit: AuditService;
  notify: Notifier;
  rooms: FinancingRooms | null;
  ties: TieResolver;
  /** The attachments module: its ownership guard, and the readers it asks before serving a file. */
  files: {
    guard: AttachmentGuard;
    addReader: (reader: (viewer: AuthUser | null, id: string) => Promise<boolean>) => void;
  };
  logger: Logger;
}) {
  const repo = new FinancingRepository(deps.conn);
  await repo.syncIndexes();
  const products = new ProductsService(repo, deps.orgs, deps.audit);
  const requests = new RequestsService(repo, deps.orgs, products, deps.audit, deps.ties, deps.files.guard);
  requests.notify = deps.notify;
  // A request's confidential files: its organisation (the attachments module's own rule) and the institutions
  // whose interest it accepted; nobody else, as for the rest of the confidential part.
  deps.files.addReader(async (viewer, id) => !!viewer?.orgId && repo.disclosedFileTo(viewer.orgId, id));
  const interests = new InterestsService(repo, deps.orgs, requests, deps.audit, deps.rooms, deps.logger);
  interests.notify = deps.notify;
  const figures = new FiguresService(repo, deps.orgs);
  return { repo, products, requests, interests, figures };
}

export type Financing = Awaited<ReturnType<typeof createFinancing>>;
