import { Schema, type Connection, type Types } from 'mongoose';

export const attachmentSchema = new Schema(
  {
    /** The organisation's file; null for platform finance staff's own papers (a bank slip of a payout). */
    ownerOrgId: { type: Schema.Types.ObjectId, default: null, index: true },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true, maxlength: 200 },
    /** Detected from the bytes, never from the name or the client's Content-Type. */
    mime: { type: String, required: true },
    size: { type: Number, required: true },
    sha256: { type: String, required: true },
    storageKey: { type: String, required: true },
  },
  { timestamps: true, collection: 'attachments' },
);

export interface AttachmentRecord {
  _id: Types.ObjectId;
  ownerOrgId: Types.ObjectId | null;
  uploadedBy: Types.ObjectId;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/** The module's collection, registered by the module on a connection (db/models.ts composes them). */
export function registerAttachmentModels(conn: Connection) {
  return { Attachment: conn.model('Attachment', attachmentSchema) };
}
export type AttachmentModels = ReturnType<typeof registerAttachmentModels>;
