import type { Connection } from 'mongoose';
import { registerAttachmentModels } from '../modules/attachments/attachment.model';
import { registerAuthModels } from '../modules/auth/auth.models';
import { registerImportModels } from '../modules/imports/import-job.model';
import { registerListingModels } from '../modules/listings/listings.models';
import { registerNeedModels } from '../modules/needs/proposal.model';
import { registerOrgModels } from '../modules/orgs/orgs.models';
import { registerUserModels } from '../modules/users/user.model';
import { registerAuditModels } from '../modules/audit/audit.model';
import { registerContractModels } from '../modules/contracts/contract.model';
import { registerStatsModels } from '../modules/stats/stats.model';
import { registerNegotiationModels } from '../modules/negotiations/negotiation.model';
import { registerMailModels } from '../modules/mail/mail.model';
import { registerNotificationModels } from '../modules/notifications/notification.model';
import { registerSearchModels } from '../modules/search/search.models';
import { registerPaymentModels } from '../modules/payments/payment.model';
import { registerSettingsModels } from '../modules/settings/settings.model';
import { registerTaxonomyModels } from '../modules/taxonomy/submarket.model';

/**
 * Composes every module's models on one connection (the app never uses mongoose's global connection): each module
 * registers its own schemas, and composition/build-context.ts hands each module only its own models. The whole bag
 * serves the composition root, the demo seed's bulk loads and the tests' direct checks of stored state.
 */
export function createModels(conn: Connection) {
  return {
    ...registerUserModels(conn),
    ...registerAuthModels(conn),
    ...registerOrgModels(conn),
    ...registerTaxonomyModels(conn),
    ...registerSettingsModels(conn),
    ...registerAuditModels(conn),
    ...registerListingModels(conn),
    ...registerNeedModels(conn),
    ...registerAttachmentModels(conn),
    ...registerImportModels(conn),
    ...registerSearchModels(conn),
    ...registerNotificationModels(conn),
    ...registerMailModels(conn),
    ...registerNegotiationModels(conn),
    ...registerContractModels(conn),
    ...registerStatsModels(conn),
    ...registerPaymentModels(conn),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Indexes an earlier version declared and this one must not keep (they would refuse its documents). */
const retiredIndexes: Array<{ model: keyof Models; name: string }> = [
  // Replaced by the derived _id of client-sent events; events no longer carry a dedupeKey.
  { model: 'NegotiationEvent', name: 'negotiationId_1_dedupeKey_1' },
  // Makers have no credit code: uniqueness moved to the compound `party_identity` index (org.model.ts).
  { model: 'Org', name: 'creditCode_1' },
];

/** Builds declared indexes and drops retired ones; idempotent, run at start-up. */
export async function syncIndexes(models: Models): Promise<void> {
  await Promise.all(
    retiredIndexes.map(async ({ model, name }) => {
      const existing = await models[model].collection.indexes().catch(() => []);
      if (existing.some((i) => i.name === name)) await models[model].collection.dropIndex(name);
    }),
  );
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
