import http from 'node:http';
import type { Logger } from 'pino';
import type { AppContext } from './app-context';
import { createApp } from './app';
import { loadConfig, type AppConfig } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase, type Database } from './db/connection';
import { createModels, syncIndexes } from './db/models';
import { OpenApiRegistry } from './http/openapi';
import path from 'node:path';
import { achievementKind } from './modules/achievements/achievement.kind';
import { AttachmentsService } from './modules/attachments/attachments.service';
import { LocalDiskStorage } from './modules/attachments/file-storage';
import { AuditService } from './modules/audit/audit.service';
import { ContractImport } from './modules/contracts/contract-import';
import { HistoricContractImport } from './modules/contracts/historic-import';
import { ContractsService } from './modules/contracts/contracts.service';
import { RegistrationsService } from './modules/contracts/registrations.service';
import { StatsService } from './modules/stats/stats.service';
import { ContractTallyFeed } from './modules/contracts/contract-tally-feed';
import { AchievementImport } from './modules/imports/achievement-import';
import { ImportService } from './modules/imports/import.service';
import { ListingService } from './modules/listings/listing.service';
import { needKind } from './modules/needs/need.kind';
import { ProposalsService } from './modules/needs/proposals.service';
import { MessageService } from './modules/negotiations/message.service';
import { NegotiationLog } from './modules/negotiations/negotiation-log';
import { NegotiationService } from './modules/negotiations/negotiation.service';
import { ListingDirectory } from './modules/listings/listing-directory';
import { listingFileReader } from './modules/listings/listing-files';
import { ListingStore } from './modules/listings/listing-store';
import { NdaRepository } from './modules/listings/nda.repository';
import { ListingIndexFeed } from './modules/listings/listing-index-feed';
import { ProposalDirectory } from './modules/needs/proposal-directory';
import { RoomDirectory } from './modules/negotiations/room-directory';
import { OrgDirectory } from './modules/orgs/org-directory';
import { UserAccounts } from './modules/users/user-accounts';
import { UserDirectory } from './modules/users/user-directory';
import { OfferService } from './modules/negotiations/offer.service';
import { nullPublisher } from './modules/negotiations/room-publisher';
import { attachRealtime } from './realtime/socket-server';
import { AuthService } from './modules/auth/auth.service';
import { MailOutbox, mailSenderFrom } from './modules/mail/mail-outbox';
import { NotifyService } from './modules/notifications/notify';
import { NotificationsService } from './modules/notifications/notifications.service';
import { MatchAlerts } from './modules/search/match-alerts';
import { MatchService } from './modules/search/match.service';
import { SearchSync } from './modules/search/search-sync';
import { createSearchEngine } from './modules/search/search.factory';
import { SearchService } from './modules/search/search.service';
import { learningEngine, TermVocabulary } from './modules/search/term-vocabulary';
import { OrgsService } from './modules/orgs/orgs.service';
import { MembersService } from './modules/orgs/members.service';
import { MakersService } from './modules/orgs/makers.service';
import { useMakerIdKey } from './modules/orgs/maker-identity';
import { createFinancing } from './modules/financing/financing.module';
import { financingTies } from './modules/financing/financing-ties';
import { createFollowup } from './modules/followup/followup.module';
import { createAnnouncements } from './modules/announcements/announcement.module';
import { createEvaluations } from './modules/evaluations/evaluation.module';
import { evaluationPorts } from './modules/evaluations/evaluation.ports';
import { RegisteredContracts } from './modules/contracts/registered-contracts';
import { createPayments } from './modules/payments/payments.module';
import { feeRateBp } from './modules/payments/payment-plan';
import { bankAccountFromEnv, SettingsService } from './modules/settings/settings.service';
import { TaxonomyService } from './modules/taxonomy/taxonomy.service';
import { UsersService } from './modules/users/users.service';
import { seedDemo } from './seed/demo';

export interface RunningServer {
  ctx: AppContext;
  server: http.Server;
  url: string;
  stop(): Promise<void>;
  /**
   * Resolves when the background work of everything done so far has completed: the start-up warm-up,
   * import jobs, payouts after settlements, the negotiation log and its room write-behind (written now),
   * search indexing of every dirty listing and the notifications it stores, the stats sweep. Tests await
   * it instead of waiting for timers; production code never needs it.
   */
  settled(): Promise<void>;
}

export interface StartOptions {
  config?: AppConfig;
  logger?: Logger;
  /** Reuse an open database (tests share one server and give each file its own database). */
  db?: Database;
}

export { createLogger };

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
  const orgDirectory = new OrgDirectory(models.Org);
  const listingDirectory = new ListingDirectory(models);
  const ndas = new NdaRepository(models);
  attachments.readers.push(listingFileReader(models, ndas));
  const achievements = new ListingService(achievementKind(models.Achievement), ndas, orgDirectory, audit, guard);
  const needs = new ListingService(needKind(models.Need), ndas, orgDirectory, audit, guard);
  const idleMs = config.NEGOTIATION_IDLE_DAYS * 86_400_000;
  // Without Redis there is one API process (sockets could not fan out otherwise): it numbers events alone.
  const negotiationLog = new NegotiationLog(models, nullPublisher, idleMs, !config.REDIS_URL);
  const userDirectory = new UserDirectory(models.User);
  const negotiations = new NegotiationService(models, negotiationLog, audit, idleMs, {
    orgs: orgDirectory,
    users: userDirectory,
    listings: listingDirectory,
    proposals: new ProposalDirectory(models.Proposal),
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
  const notifications = new NotificationsService(models, engine, userDirectory);
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
  auth.lockout.onLocked = async ({ email, ip, lockedUntil }) => {
    const owner = await accounts.idByEmail(email);
    if (!owner) return;
    const until = lockedUntil.toISOString().slice(0, 16).replace('T', ' ');
    await notifications.notifyUsers([owner], {
      key: `lock:${ip}:${lockedUntil.getTime()}`,
      type: 'account_locked',
      title: { zh: '账号登录失败次数过多', en: 'Too many failed sign-ins' },
      body: {
        zh: `来自 ${ip} 的多次登录失败，该地址的登录已暂停至 ${until} (UTC)。如非本人操作，请修改密码或联系平台管理员。`,
        en: `Repeated failed sign-ins from ${ip}; sign-in from that address is paused until ${until} UTC. If this was not you, change your password or contact the platform admins.`,
      },
      link: '/account',
    });
  };
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
  achievements.onWrite = () => searchSync.kick();
  needs.onWrite = () => searchSync.kick();
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
  // Financing (issue 16) owns its collections; it reaches listings, contracts and rooms through these ports.
  const financing = await createFinancing({
    conn: db.connection,
    orgs: orgDirectory,
    audit,
    notify,
    logger,
    rooms: { open: (user, room, message, meta) => negotiations.openFinancingRoom(user, room, message, meta) },
    files: { guard, addReader: (reader) => attachments.readers.push(reader) },
    ties: financingTies(achievements, contracts),
  });
  // Follow-up (issue 16, 产业化贯通) owns its plans; it learns of registrations from the contracts module's port
  // and hook, and reads the tally, listings and rooms through their own modules.
  const followup = await createFollowup({
    conn: db.connection,
    contracts: new RegisteredContracts(models),
    funnel: {
      tally: (region, q) => stats.tally(region, q),
      listedIds: (q) => listingDirectory.publishedAchievementIds(q),
      roomsOn: (ids, from, to) => negotiations.staffList.countOnSubjects(ids, from, to),
    },
    audit,
    notify,
    logger,
  });
  registrations.onRegistered = (contractId) => followup.service.open([contractId]).then(() => undefined);
  // Announcements (issue 14) own their collection; their PDFs are staff uploads read through the attachments readers.
  const announcements = await createAnnouncements({
    conn: db.connection,
    audit,
    files: {
      describeStaffOwned: (user, id) => attachments.describeStaffOwned(user, id),
      addReader: (reader) => attachments.readers.push(reader),
    },
  });
  // Evaluation (issue 16, 科技成果评估) owns its evaluations; listings, orgs, files and contracts through ports.
  const evaluations = await createEvaluations({
    conn: db.connection,
    ports: evaluationPorts({
      achievements,
      listings: listingDirectory,
      orgs: orgDirectory,
      files: attachments.directory,
      contracts: new RegisteredContracts(models),
    }),
    audit,
    notify,
    addReader: (reader) => attachments.readers.push(reader),
  });
  // Evaluation feeds financing: a request tied to an evaluated achievement is matched with that reason.
  const evaluationKinds = async (ids: string[]) =>
    new Map(Object.entries(await evaluations.service.badges(ids)).map(([id, b]) => [id, b.kind]));
  financing.requests.evaluationKinds = evaluationKinds;
  // …and listing matches: an evaluated achievement answering a need gets a small boost and says so.
  matches.evaluationKinds = evaluationKinds;
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
    readiness: {
      database: async () => {
        const started = Date.now();
        await db.connection.db!.admin().ping();
        return { ok: true, detail: { kind: db.kind, pingMs: Date.now() - started } };
      },
      // The engine must answer; the sync lag is reported (and logged by the worker) but does not fail readiness.
      search: async () => {
        const ok = await engine.ping().catch(() => false);
        const lag = config.SEARCH_SYNC === 'inprocess' ? searchSync.lagSnapshot() : await searchSync.lag();
        return { ok, detail: { engine: engine.name, sync: config.SEARCH_SYNC, ...lag } };
      },
    },
    shuttingDown: () => stopping,
    markStopping: () => void (stopping = true),
  };
  await ctx.services.taxonomy.ensureSubmarkets();
  return ctx;
}

export async function start(opts: StartOptions = {}): Promise<RunningServer> {
  const config = opts.config ?? loadConfig();
  const logger = opts.logger ?? createLogger(config);
  const db = opts.db ?? (await openDatabase(config, logger));
  const ctx = await buildContext(config, logger, db);
  if (config.SEED_DEMO) await seedDemo(ctx);
  await startSearch(ctx);
  // A crash between a contract's stats claim and its rollup $inc leaves `stats.pending`: rebuild then.
  if (await ctx.services.stats.needsRebuild())
    logger.warn(await ctx.services.stats.rebuild(), 'tally rebuilt after an interrupted update');
  // The sweep is a safety net (writes apply their own rollup delta in the request); on FerretDB each sweep
  // is a collection scan, so it runs every 5 s rather than every second.
  ctx.services.stats.start(5_000);
  // Not awaited: the dashboards' documents load into the cache while the API already serves.
  void ctx.services.stats.warm();
  const resumed = await ctx.services.imports.resumePending();
  if (resumed > 0) logger.info({ resumed }, 'resumed interrupted imports');
  const app = createApp(ctx);
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  // socket.io shares the port; services publish through it once attached (persist first, then emit).
  const realtime = await attachRealtime(server, ctx);
  ctx.services.negotiations.log.publisher = realtime.publisher;
  ctx.services.notify.push = (userIds, n) =>
    void realtime.io
      .to(userIds.map((id) => `user:${id}`))
      .emit('notification:new', { key: n.key, type: n.type, title: n.title, link: n.link });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  logger.info({ url, db: db.kind }, '东北科技大市场 API listening');
  const sessionSweep = setInterval(() => void ctx.services.auth.purgeExpired().catch(() => undefined), 3_600_000);
  sessionSweep.unref();
  const negotiationSweep = setInterval(() => {
    void ctx.services.negotiationOffers
      .expireDue()
      .then(() => ctx.services.negotiations.closing.expireIdle())
      .catch((err) => logger.warn({ err }, 'negotiation expiry sweep failed'));
  }, 60_000);
  negotiationSweep.unref();
  ctx.services.payments.reconciler.start(config.PAYMENT_RECONCILE_INTERVAL_MS);
  // Due and overdue reminders: the first run one interval after start (keys make every run idempotent).
  const reminders =
    config.PAYMENT_REMINDER_INTERVAL_MS > 0
      ? setInterval(
          () =>
            void ctx.services.payments.notices
              .runOnce(new Date(), config.PAYMENT_DUE_REMINDER_DAYS)
              .catch((err) => logger.warn({ err }, 'payment reminders failed')),
          config.PAYMENT_REMINDER_INTERVAL_MS,
        )
      : null;
  reminders?.unref();
  // Overdue follow-up reports on the same interval (the plan's claim makes every run idempotent); each run
  // first opens the plans of contracts registered without one.
  const followupReminders =
    config.PAYMENT_REMINDER_INTERVAL_MS > 0
      ? setInterval(
          () =>
            void ctx.services.followup.reminders
              .runOnce(new Date())
              .catch((err) => logger.warn({ err }, 'follow-up reminders failed')),
          config.PAYMENT_REMINDER_INTERVAL_MS,
        )
      : null;
  followupReminders?.unref();
  ctx.services.mail.start(config.MAIL_OUTBOX_INTERVAL_MS);
  // Match alerts go out as one digest per user a day (after 08:00 CST); alerts are stored at indexing.
  ctx.services.matchAlerts.start();

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      ctx.markStopping();
      clearInterval(sessionSweep);
      clearInterval(negotiationSweep);
      if (reminders) clearInterval(reminders);
      if (followupReminders) clearInterval(followupReminders);
      await ctx.services.payments.reconciler.stop();
      await ctx.services.matchAlerts.stop();
      await realtime.close();
      await ctx.services.imports.stop();
      await ctx.services.stats.stop();
      await ctx.services.mail.stop();
      await ctx.services.searchSync.stop();
      await ctx.services.search.engine.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      // Rooms' seq/lastEventAt are written behind the log: write them before the connection goes.
      await ctx.services.negotiations.log.close();
      if (!opts.db) await db.close();
      logger.info('stopped cleanly');
    })());
  // In dependency order: an import writes listings and a payout writes ledger rows, the log writes rooms,
  // indexing reads the listings and stores notifications, the stats sweep reads contracts.
  const settled = async () => {
    await ctx.services.imports.idle();
    await ctx.services.payments.settled();
    await ctx.services.negotiations.log.settled();
    if (config.SEARCH_SYNC === 'inprocess') await ctx.services.searchSync.drain();
    await ctx.services.stats.settled();
    // Last: the steps above store notifications, and with them the e-mails the outbox then sends.
    await ctx.services.mail.settled();
  };
  return { ctx, server, url, stop, settled };
}

/**
 * The embedded index lives in memory, so it is rebuilt from MongoDB at start-up (measured: ~1 s per 20,000
 * listings); Meilisearch keeps its index, and pending writes are still flagged dirty. Then the in-process
 * worker keeps up, unless the search-sync service does (SEARCH_SYNC=external). An unreachable engine does
 * not stop the API: the worker retries with backoff and /readyz reports it.
 */
async function startSearch(ctx: AppContext): Promise<void> {
  const { config, logger } = ctx;
  const { search, searchSync } = ctx.services;
  if (config.SEARCH_SYNC === 'external') return;
  try {
    await search.engine.init();
    if (search.engine.name === 'embedded') {
      const started = Date.now();
      const r = await searchSync.reindexAll();
      logger.info({ indexed: r.indexed, ms: Date.now() - started }, 'embedded search index built');
    }
  } catch (err) {
    logger.warn({ err: (err as Error).message }, 'search engine not reachable at start; search-sync will retry');
  }
  searchSync.start();
}
