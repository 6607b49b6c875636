import { Schema, type Types } from 'mongoose';

export const invitationStatuses = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * An invitation to join an organisation, addressed to an e-mail (the account may not exist yet). Nobody
 * joins without accepting it. `openKey` is `<org>:<email>` while pending and `done:<id>` afterwards under a
 * unique index, so an organisation holds one open invitation per address (FerretDB v1 has no partial
 * indexes). An invitation past `expiresAt` is expired whatever its status says.
 */
export const invitationSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true, index: true },
    email: { type: String, required: true, index: true },
    orgRole: { type: String, enum: ['org_admin', 'member'], required: true },
    status: { type: String, enum: invitationStatuses, required: true, default: 'pending' },
    openKey: { type: String, required: true, unique: true },
    invitedBy: { type: Schema.Types.ObjectId, required: true },
    invitedByName: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'org_invitations' },
);

export interface InvitationRecord {
  _id: Types.ObjectId;
  orgId: Types.ObjectId;
  email: string;
  orgRole: 'org_admin' | 'member';
  status: InvitationStatus;
  openKey: string;
  invitedBy: Types.ObjectId;
  invitedByName: string;
  expiresAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
}

/** A pending invitation past its date: it can no longer be accepted or declined. */
export const expired = (i: InvitationRecord, now = Date.now()) =>
  i.status === 'pending' && new Date(i.expiresAt).getTime() <= now;
