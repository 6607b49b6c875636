import type { Logger } from 'pino';
import type { AppConfig } from '../../config/env';
import type { Database } from '../../db/connection';
import { createModels, syncIndexes } from '../../db/models';
import { achievementKind } from '../achievements/achievement.kind';
import { AttachmentsService } from '../attachments/attachments.service';
import { LocalDiskStorage } from '../attachments/file-storage';
import { AuditService } from '../audit/audit.service';
import { ListingService } from '../listings/listing.service';
import { needKind } from '../needs/need.kind';
import { ListingIndexFeed } from '../listings/listing-index-feed';
import { NdaRepository } from '../listings/nda.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { nullNotifier } from '../notifications/notify';
import { OrgDirectory } from '../orgs/org-directory';
import { UserDirectory } from '../users/user-directory';
import { MatchAlerts } from './match-alerts';
import { MatchService } from './match.service';
import { SearchSync } from './search-sync';
import { createSearchEngine } from './search.factory';
import path from 'node:path';

/**
 * What indexing needs and nothing more — the listings (read side), the engine port, the match alerts the
 * worker stores after indexing — for the search-sync service and `npm run reindex`. They used to build the
 * whole API context (every route's service, the socket server's wiring, the demo seeder) to get these.
 */
export async function buildIndexingContext(
  config: AppConfig,
  logger: Logger,
  db: Database,
  opts: { useLease?: boolean } = {},
) {
  const models = createModels(db.connection);
  await syncIndexes(models);
  const audit = new AuditService(models);
  const attachments = new AttachmentsService(models, new LocalDiskStorage(path.join(config.DATA_DIR, 'uploads')));
  const guard = (orgId: string, ids: string[]) => attachments.assertOwned(orgId, ids);
  const orgs = new OrgDirectory(models.Org, config.DIRECTORY_CACHE_MS);
  const ndas = new NdaRepository(models);
  const listings = {
    achievement: new ListingService(achievementKind(models.Achievement), ndas, orgs, audit, guard),
    need: new ListingService(needKind(models.Need), ndas, orgs, audit, guard),
  };
  const engine = createSearchEngine(config);
  const users = new UserDirectory(models.User, config.DIRECTORY_CACHE_MS);
  const notifications = new NotificationsService(models, engine, users, config.DIRECTORY_CACHE_MS);
  // This process stores match alerts as it indexes; the API process sends the digests (with its notifier).
  const matchAlerts = new MatchAlerts(models, new MatchService(engine, listings), users, nullNotifier);
  const worker = new SearchSync({ listings: new ListingIndexFeed(models), orgs, locks: models.Lock }, engine, logger, {
    batchSize: config.SEARCH_SYNC_BATCH,
    intervalMs: config.SEARCH_SYNC_INTERVAL_MS,
    useLease: opts.useLease ?? false,
    onIndexed: async (docs) => {
      await notifications.onIndexed(docs);
      await matchAlerts.onIndexed(docs);
    },
  });
  return { engine, worker };
}
