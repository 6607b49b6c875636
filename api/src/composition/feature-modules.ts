import type { Logger } from 'pino';
import type { Database } from '../db/connection';
import type { Models } from '../db/models';
import type { AttachmentsService } from '../modules/attachments/attachments.service';
import type { AuditService } from '../modules/audit/audit.service';
import type { ContractsService } from '../modules/contracts/contracts.service';
import { RegisteredContracts } from '../modules/contracts/registered-contracts';
import type { RegistrationsService } from '../modules/contracts/registrations.service';
import { createAnnouncements } from '../modules/announcements/announcement.module';
import { createEvaluations } from '../modules/evaluations/evaluation.module';
import { evaluationPorts } from '../modules/evaluations/evaluation.ports';
import { createFinancing } from '../modules/financing/financing.module';
import { financingTies } from '../modules/financing/financing-ties';
import { createFollowup } from '../modules/followup/followup.module';
import type { ListingDirectory } from '../modules/listings/listing-directory';
import type { ListingService } from '../modules/listings/listing.service';
import type { NegotiationService } from '../modules/negotiations/negotiation.service';
import type { NotifyService } from '../modules/notifications/notify';
import type { OrgDirectory } from '../modules/orgs/org-directory';
import type { MatchService } from '../modules/search/match.service';
import type { StatsService } from '../modules/stats/stats.service';

/** What the feature modules of issues 14 and 16 are given: the services and directories they reach through ports. */
export interface FeatureModuleDeps {
  db: Database;
  models: Models;
  audit: AuditService;
  notify: NotifyService;
  logger: Logger;
  orgDirectory: OrgDirectory;
  listingDirectory: ListingDirectory;
  attachments: AttachmentsService;
  /** The attachments module's ownership guard. */
  guard: (orgId: string, ids: string[]) => Promise<void>;
  achievements: ListingService;
  contracts: ContractsService;
  registrations: RegistrationsService;
  negotiations: NegotiationService;
  stats: StatsService;
  matches: MatchService;
}

/**
 * Financing, follow-up, announcements and evaluations own their collections (each registers its models on the
 * connection); they reach listings, contracts, rooms, files and the tally through the ports wired here, and
 * evaluations feed financing and listing matches.
 */
export async function createFeatureModules(deps: FeatureModuleDeps) {
  const { db, models, audit, notify, logger, orgDirectory, listingDirectory, attachments, guard } = deps;
  const { achievements, contracts, registrations, negotiations, stats, matches } = deps;
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
  return { financing, followup, announcements, evaluations };
}
