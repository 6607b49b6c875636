import type { Logger } from 'pino';
import type { AppContext } from '../app-context';
import type { AppConfig } from '../config/env';
import type { Database } from '../db/connection';
import { createModels, syncIndexes } from '../db/models';
import { OpenApiRegistry } from '../http/openapi';
import path from 'node:path';
import { achievementKind } from '../modules/achievements/achievement.kind';
import { AttachmentsService } from '../modules/attachments/attachments.service';
import { LocalDiskStorage } from '../modules/attachments/file-storage';
import { AuditService } from '../modules/audit/audit.service';
import { ContractImport } from '../modules/contracts/contract-import';
import { HistoricContractImport } from '../modules/contracts/historic-import';
import { ContractsService } from '../modules/contracts/contracts.service';
import { RegistrationsService } from '../modules/contracts/registrations.service';
import { StatsService } from '../modules/stats/stats.service';
import { ContractTallyFeed } from '../modules/contracts/contract-tally-feed';
import { AchievementImport } from '../modules/imports/achievement-import';
import { ImportService } from '../modules/imports/import.service';
import { ListingService } from '../modules/listings/listing.service';
import { needKind } from '../modules/needs/need.kind';
import { ProposalsService } from '../modules/needs/proposals.service';
import { MessageService } from '../modules/negotiations/message.service';
import { NegotiationLog } from '../modules/negotiations/negotiation-log';
import { NegotiationService } from '../modules/negotiations/negotiation.service';
import { ListingDirectory } from '../modules/listings/listing-directory';
import { listingFileReader } from '../modules/listings/listing-files';
import { ListingStore } from '../modules/listings/listing-store';
import { OrgSeeding } from '../modules/orgs/org-seeding';
import { NdaRepository } from '../modules/listings/nda.repository';
import { ListingIndexFeed } from '../modules/listings/listing-index-feed';
import { ProposalDirectory } from '../modules/needs/proposal-directory';
import { RoomDirectory } from '../modules/negotiations/room-directory';
import { OrgDirectory } from '../modules/orgs/org-directory';
import { UserAccounts } from '../modules/users/user-accounts';
import { UserDirectory } from '../modules/users/user-directory';
import { OfferService } from '../modules/negotiations/offer.service';
import { nullPublisher } from '../modules/negotiations/room-publisher';
import { AuthService } from '../modules/auth/auth.service';
import { MailOutbox, mailSenderFrom } from '../modules/mail/mail-outbox';
import { NotifyService } from '../modules/notifications/notify';
import { NotificationsService } from '../modules/notifications/notifications.service';
import { MatchAlerts } from '../modules/search/match-alerts';
import { MatchService } from '../modules/search/match.service';
import { SearchSync } from '../modules/search/search-sync';
import { createSearchEngine } from '../modules/search/search.factory';
import { SearchService } from '../modules/search/search.service';
import { learningEngine, TermVocabulary } from '../modules/search/term-vocabulary';
import { OrgsService } from '../modules/orgs/orgs.service';
import { MembersService } from '../modules/orgs/members.service';
import { MakersService } from '../modules/orgs/makers.service';
import { useMakerIdKey } from '../modules/orgs/maker-identity';
import { createPayments } from '../modules/payments/payments.module';
import { feeRateBp } from '../modules/payments/payment-plan';
import { bankAccountFromEnv, SettingsService } from '../modules/settings/settings.service';
import { TaxonomyService } from '../modules/taxonomy/taxonomy.service';
import { UsersService } from '../modules/users/users.service';

import { createFeatureModules } from './feature-modules';
import { lockoutNotice } from './lockout-notice';
import { readinessChecks } from './readiness';

/** Builds services on a database: shared by the HTTP server, the seed CLI and tests. */
export async function buildContext(config: AppConfig, logger: Logger, db: Database): Promise<AppContext> {
  const models = createModels(db.connection);
  await syncIndexes(models);
  const audit = new AuditService(models);
  // Accounts belong to the users module; auth and orgs change them through its port.
  const accounts = new UserAccounts(models.User);
  const auth = new AuthService(models, accounts, config);
  let stopping = false;
  const storage = new LocalDiskStorage(path.join(config.DATA_DIR, 'uploads'));
  const attachments = new AttachmentsService(models, storage);
  const guard = (orgId: string, ids: string[]) => attachments.assertOwned(orgId, ids);
  const orgDirectory = new OrgDirectory(models.Org, config.DIRECTORY_CACHE_MS);
  const listingDirectory = new ListingDirectory(models);
  const ndas = new NdaRepository(models);
  attachments.readers.push(listingFileReader(models, ndas));
  const achievements = new ListingService(achievementKind(models.Achievement), ndas, orgDirectory, audit, guard);
  const needs = new ListingService(needKind(models.Need), ndas, orgDirectory, audit, guard);
  const idleMs = config.NEGOTIATION_IDLE_DAYS * 86_400_000;
  // Without Redis there is one API process (sockets could not fan out otherwise): it numbers events alone.
  const negotiationLog = new NegotiationLog(models, nullPublisher, idleMs, !config.REDIS_URL);
  const proposalDirectory = new ProposalDirectory(models.Proposal);
  const userDirectory = new UserDirectory(models.User, config.DIRECTORY_CACHE_MS);
  const negotiations = new NegotiationService(models, negotiationLog, audit, idleMs, {
    orgs: orgDirectory,
    users: userDirectory,
    listings: listingDirectory,
    proposals: proposalDirectory,
    attachments: attachments.directory,
  });
  const vocabulary = new TermVocabulary();
  const engine = learningEngine(createSearchEngine(config), vocabulary);
  const stats = new StatsService(models, new ContractTallyFeed(models.Contract), db.connection, logger);
  const settings = new SettingsService(
    models,
    {
      bankAccount: bankAccountFromEnv(config.PLATFORM_BANK_ACCOUNT),
      feeRateBp: feeRateBp(config.PLATFORM_FEE_RATE),
    },
    audit,
  );
  const rooms = new RoomDirectory(models);
  const contracts = new ContractsService(models, audit, stats, {
    rooms,
    orgs: orgDirectory,
    listings: new ListingDirectory(models),
  });
  const registrations = new RegistrationsService(models, audit, stats);
  const matches = new MatchService(engine, { achievement: achievements, need: needs });
  const mail = new MailOutbox(models.MailOutbox, mailSenderFrom(config), logger);
  auth.useMail(mail);
  const notifications = new NotificationsService(models, engine, userDirectory, config.DIRECTORY_CACHE_MS);
  useMakerIdKey(config.MAKER_ID_HASH_KEY);
  const orgs = new OrgsService(models, accounts, audit, auth, attachments);
  const members = new MembersService(
    models,
    accounts,
    orgs,
    audit,
    auth,
    notifications,
    config.ORG_INVITATION_TTL_DAYS,
  );
  const users = new UsersService(models, audit, auth);
  const notify = new NotifyService(models, userDirectory, notifications, mail, logger);
  orgs.notify = notify;
  const matchAlerts = new MatchAlerts(models, matches, userDirectory, notify);
  // The owner of an account locked by failed sign-ins hears of it (the address, and until when).
  auth.lockout.onLocked = lockoutNotice(accounts, notifications);
  const searchSync = new SearchSync(
    { listings: new ListingIndexFeed(models), orgs: orgDirectory, locks: models.Lock },
    engine,
    logger,
    {
      batchSize: config.SEARCH_SYNC_BATCH,
      intervalMs: config.SEARCH_SYNC_INTERVAL_MS,
      onIndexed: async (docs) => {
        await notifications.onIndexed(docs);
        await matchAlerts.onIndexed(docs);
      },
    },
  );
  // Writes through this process are indexed at once; the poll only catches writes from elsewhere.
  achievements.onWrite = () => searchSync.kick('achievement');
  needs.onWrite = () => searchSync.kick('need');
  // Every module announces its events through the one notify service (in-app, socket, e-mail; per-user opt-out).
  achievements.notify = notify;
  needs.notify = notify;
  negotiations.notify = notify;
  contracts.notify = notify;
  registrations.notify = notify;
  stats.pendingFilings = (region) => registrations.pendingCount(region);
  const negotiationOffers = new OfferService(models, negotiations, negotiationLog, audit);
  // Accepting an offer makes the draft contract at once (issue 13): the same request, idempotent by the deal.
  negotiationOffers.notify = notify;
  negotiationOffers.draftContract = async (user, deal, meta) =>
    String((await contracts.fromDeal(user, String(deal._id), meta)).contract._id);
  const payments = createPayments({
    models,
    audit,
    attachments,
    config,
    logger,
    notify,
    settings,
    peers: {
      rooms,
      contracts: contracts.directory,
      orgs: orgDirectory,
      users: userDirectory,
      listings: listingDirectory,
    },
  });
  const listingStore = new ListingStore(models);
  // The public catalogue pages are cached briefly (CATALOGUE_CACHE_MS); awards and imported drafts clear them too.
  for (const s of [achievements, needs]) s.publicPages.ttlMs = config.CATALOGUE_CACHE_MS;
  listingStore.onChange = () => [achievements, needs].forEach((s) => s.publicPages.invalidate());
  const proposals = new ProposalsService(
    models,
    needs,
    { orgs: orgDirectory, listings: listingDirectory, awards: listingStore },
    audit,
  );
  proposals.notify = notify;
  // The broker's workspace reads its commission from the ledger, through the payments module's figures.
  negotiationOffers.brokerLedger = (brokerUserId) => payments.figures.broker(brokerUserId);
  // Financing, follow-up, announcements and evaluations own their collections and reach the others through ports.
  const { financing, followup, announcements, evaluations } = await createFeatureModules({
    db,
    models,
    audit,
    notify,
    logger,
    orgDirectory,
    listingDirectory,
    attachments,
    guard,
    achievements,
    contracts,
    registrations,
    negotiations,
    stats,
    matches,
  });
  const ctx: AppContext = {
    config,
    logger,
    db,
    models,
    registry: new OpenApiRegistry(),
    services: {
      audit,
      auth,
      users,
      orgs,
      orgDirectory,
      listingDirectory,
      userDirectory,
      rooms,
      members,
      makers: new MakersService(models, accounts, orgs, members, audit, auth),
      taxonomy: new TaxonomyService(models, audit, users),
      settings,
      attachments,
      achievements,
      needs,
      proposals,
      seeding: { orgs: new OrgSeeding(models.Org), accounts, listings: listingStore, proposals: proposalDirectory },
      imports: new ImportService(
        models,
        listingDirectory,
        {
          achievement: new AchievementImport(orgDirectory, listingStore),
          contract: new ContractImport(models, contracts, stats, orgDirectory),
          contract_historic: new HistoricContractImport(models, stats, audit, {
            users: userDirectory,
            orgs: orgDirectory,
          }),
        },
        storage,
        config,
        logger,
        audit,
      ),
      search: new SearchService(engine, vocabulary),
      matches,
      matchAlerts,
      notifications,
      mail,
      notify,
      searchSync,
      negotiations,
      negotiationMessages: new MessageService(models, negotiations, negotiationLog, storage),
      negotiationOffers,
      contracts,
      registrations,
      stats,
      payments,
      financing,
      followup,
      announcements,
      evaluations,
    },
    readiness: readinessChecks(config, db, engine, searchSync),
    shuttingDown: () => stopping,
    markStopping: () => void (stopping = true),
  };
  await ctx.services.taxonomy.ensureSubmarkets();
  return ctx;
}
