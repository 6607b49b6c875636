import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { orgTypeCodes } from '../../shared/taxonomy';

export const orgSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 100 },
    nameEn: { type: String },
    type: { type: String, enum: orgTypeCodes, required: true },
    creditCode: { type: String, required: true, unique: true },
    regionCode: { type: String, required: true, index: true },
    submarketCode: { type: String, required: true, index: true },
    tags: { type: [String], default: [] },
    description: { type: String, default: '' },
    website: { type: String },
    contactName: { type: String },
    contactPhone: { type: String },
    verification: {
      status: { type: String, enum: ['pending', 'verified', 'rejected'], default: 'pending', index: true },
      reason: { type: String },
      decidedAt: { type: Date },
      decidedBy: { type: String },
    },
    /**
     * A verified organisation's requested change of what identifies it, waiting for an operator; the fields
     * above stay the verified ones until then. Null when nothing is asked.
     */
    pendingChange: {
      type: new Schema(
        {
          name: { type: String },
          creditCode: { type: String },
          type: { type: String, enum: orgTypeCodes },
          regionCode: { type: String },
          requestedAt: { type: Date, required: true },
          requestedBy: { type: String },
        },
        { _id: false },
      ),
      default: null,
    },
    /**
     * The document that proves the organisation exists: 营业执照 (business licence) for an enterprise,
     * 事业单位法人证书 (public-institution certificate) for universities and institutes. An image or PDF
     * uploaded as an attachment of the organisation; an operator approves only with one on file.
     */
    licence: {
      type: new Schema(
        {
          attachmentId: { type: String, required: true },
          kind: { type: String, enum: ['business_licence', 'institution_certificate'], required: true },
          filename: { type: String },
          mime: { type: String },
          uploadedAt: { type: Date, required: true },
          uploadedBy: { type: String },
        },
        { _id: false },
      ),
      default: null,
    },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    /** Demo/seed key: makes seeding idempotent without depending on names. */
    seedKey: { type: String, index: true },
  },
  { timestamps: true, collection: 'organizations' },
);

export type OrgRecord = InferSchemaType<typeof orgSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
