import type { Logger } from 'pino';
import type { AppConfig } from './config/env';
import type { Database } from './db/connection';
import type { Models } from './db/models';
import type { OpenApiRegistry } from './http/openapi';
import type { AttachmentsService } from './modules/attachments/attachments.service';
import type { AuditService } from './modules/audit/audit.service';
import type { ContractsService } from './modules/contracts/contracts.service';
import type { RegistrationsService } from './modules/contracts/registrations.service';
import type { StatsService } from './modules/stats/stats.service';
import type { ImportService } from './modules/imports/import.service';
import type { Financing } from './modules/financing/financing.module';
import type { Followup } from './modules/followup/followup.module';
import type { Announcements } from './modules/announcements/announcement.module';
import type { Evaluations } from './modules/evaluations/evaluation.module';
import type { OrgDirectory } from './modules/orgs/org-directory';
import type { ListingDirectory } from './modules/listings/listing-directory';
import type { UserDirectory } from './modules/users/user-directory';
import type { RoomDirectory } from './modules/negotiations/room-directory';
import type { ListingService } from './modules/listings/listing.service';
import type { ProposalsService } from './modules/needs/proposals.service';
import type { MessageService } from './modules/negotiations/message.service';
import type { NegotiationService } from './modules/negotiations/negotiation.service';
import type { OfferService } from './modules/negotiations/offer.service';
import type { AuthService } from './modules/auth/auth.service';
import type { ReadinessCheck } from './modules/health/health.routes';
import type { MailOutbox } from './modules/mail/mail-outbox';
import type { NotifyService } from './modules/notifications/notify';
import type { NotificationsService } from './modules/notifications/notifications.service';
import type { MatchAlerts } from './modules/search/match-alerts';
import type { MatchService } from './modules/search/match.service';
import type { SearchSync } from './modules/search/search-sync';
import type { SearchService } from './modules/search/search.service';
import type { MembersService } from './modules/orgs/members.service';
import type { MakersService } from './modules/orgs/makers.service';
import type { OrgsService } from './modules/orgs/orgs.service';
import type { Payments } from './modules/payments/payments.module';
import type { SettingsService } from './modules/settings/settings.service';
import type { TaxonomyService } from './modules/taxonomy/taxonomy.service';
import type { UsersService } from './modules/users/users.service';
import type { OrgSeeding } from './modules/orgs/org-seeding';
import type { UserAccounts } from './modules/users/user-accounts';
import type { ListingStore } from './modules/listings/listing-store';
import type { ProposalDirectory } from './modules/needs/proposal-directory';

/** Everything a route module needs, built once per app instance (tests build many, side by side). */
export interface AppContext {
  config: AppConfig;
  logger: Logger;
  db: Database;
  models: Models;
  registry: OpenApiRegistry;
  services: {
    audit: AuditService;
    auth: AuthService;
    users: UsersService;
    orgs: OrgsService;
    orgDirectory: OrgDirectory;
    /** Listings and accounts as other modules (and the demo seed) may read them. */
    listingDirectory: ListingDirectory;
    userDirectory: UserDirectory;
    /** Rooms and deals as other modules may read them (the negotiations module owns them). */
    rooms: RoomDirectory;
    members: MembersService;
    makers: MakersService;
    taxonomy: TaxonomyService;
    settings: SettingsService;
    attachments: AttachmentsService;
    achievements: ListingService;
    needs: ListingService;
    proposals: ProposalsService;
    imports: ImportService;
    search: SearchService;
    matches: MatchService;
    matchAlerts: MatchAlerts;
    notifications: NotificationsService;
    mail: MailOutbox;
    notify: NotifyService;
    searchSync: SearchSync;
    negotiations: NegotiationService;
    negotiationMessages: MessageService;
    negotiationOffers: OfferService;
    contracts: ContractsService;
    registrations: RegistrationsService;
    stats: StatsService;
    payments: Payments;
    financing: Financing;
    followup: Followup;
    announcements: Announcements;
    evaluations: Evaluations;
    /** The owning modules' writes for the demo seed and the test harness (they touch no collection themselves). */
    seeding: { orgs: OrgSeeding; accounts: UserAccounts; listings: ListingStore; proposals: ProposalDirectory };
  };
  readiness: Record<string, ReadinessCheck>;
  shuttingDown: () => boolean;
  /** Flips /readyz to 503 so load balancers drain this instance before it stops. */
  markStopping: () => void;
}
