import type { Connection } from 'mongoose';
import { attachmentSchema } from '../modules/attachments/attachment.model';
import { registerAuditModels } from '../modules/audit/audit.model';
import { contractSchema, registrationCounterSchema, registrationSchema } from '../modules/contracts/contract.model';
import { targetSchema } from '../modules/stats/stats.model';
import { importJobSchema } from '../modules/imports/import-job.model';
import { listingSchema, type ListingRecord } from '../modules/listings/listing.model';
import { ndaSchema } from '../modules/listings/nda.model';
import { proposalSchema } from '../modules/needs/proposal.model';
import { registerNegotiationModels } from '../modules/negotiations/negotiation.model';
import { registerMailModels } from '../modules/mail/mail.model';
import { registerNotificationModels } from '../modules/notifications/notification.model';
import { registerSearchModels } from '../modules/search/search.models';
import { loginFailureSchema } from '../modules/auth/login-failure.model';
import { passwordResetSchema, type PasswordResetRecord } from '../modules/auth/password-reset.model';
import { sessionSchema } from '../modules/auth/session.model';
import { invitationSchema } from '../modules/orgs/invitation.model';
import { orgSchema } from '../modules/orgs/org.model';
import {
  connectAccountSchema,
  journalSchema,
  payableSchema,
  paymentEventSchema,
  paymentSchema,
  payoutSchema,
} from '../modules/payments/payment.model';
import { registerSettingsModels } from '../modules/settings/settings.model';
import { registerTaxonomyModels } from '../modules/taxonomy/submarket.model';
import { userSchema } from '../modules/users/user.model';

/** Registers every model on one connection (the app never uses mongoose's global connection). */
export function createModels(conn: Connection) {
  return {
    User: conn.model('User', userSchema),
    Session: conn.model('Session', sessionSchema),
    LoginFailure: conn.model('LoginFailure', loginFailureSchema),
    PasswordReset: conn.model<PasswordResetRecord>('PasswordReset', passwordResetSchema),
    Org: conn.model('Org', orgSchema),
    Invitation: conn.model('Invitation', invitationSchema),
    ...registerTaxonomyModels(conn),
    ...registerSettingsModels(conn),
    ...registerAuditModels(conn),
    Achievement: conn.model<ListingRecord>('Achievement', listingSchema('achievements')),
    Need: conn.model<ListingRecord>('Need', listingSchema('needs')),
    Nda: conn.model('Nda', ndaSchema),
    Proposal: conn.model('Proposal', proposalSchema),
    Attachment: conn.model('Attachment', attachmentSchema),
    ImportJob: conn.model('ImportJob', importJobSchema),
    ...registerSearchModels(conn),
    ...registerNotificationModels(conn),
    ...registerMailModels(conn),
    ...registerNegotiationModels(conn),
    Contract: conn.model('Contract', contractSchema),
    Registration: conn.model('Registration', registrationSchema),
    RegistrationCounter: conn.model('RegistrationCounter', registrationCounterSchema),
    Target: conn.model('Target', targetSchema),
    Payable: conn.model('Payable', payableSchema),
    Payment: conn.model('Payment', paymentSchema),
    Journal: conn.model('Journal', journalSchema),
    PaymentEvent: conn.model('PaymentEvent', paymentEventSchema),
    Payout: conn.model('Payout', payoutSchema),
    ConnectAccount: conn.model('ConnectAccount', connectAccountSchema),
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
