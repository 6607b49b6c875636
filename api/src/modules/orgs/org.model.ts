import { watchWrites } from '../../db/write-watch';
import { Schema, type InferSchemaType, type Types } from 'mongoose';
import { orgTypeCodes } from '../../shared/taxonomy';

export const orgSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 100 },
    nameEn: { type: String },
    type: { type: String, enum: orgTypeCodes, required: true },
    /** 统一社会信用代码; makers (个人创客, 创客团队) have none and are identified by `makerKey` instead. */
    creditCode: { type: String },
    /**
     * A maker's identity key: `person:<keyed hash of the resident ID>` for an individual (one person, one maker),
     * `team:<id>` for a team. With the credit code it forms the unique party identity (see the index below).
     */
    makerKey: { type: String },
    /** What a maker tells about itself; the resident ID is kept masked and as a keyed hash, never in full. */
    maker: {
      type: new Schema(
        {
          kind: { type: String, enum: ['individual', 'team'], required: true },
          leaderName: { type: String },
          idMasked: { type: String, required: true },
          idHash: { type: String, required: true },
          fields: { type: [String], default: [] },
          skills: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
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
          kind: {
            type: String,
            enum: ['business_licence', 'institution_certificate', 'id_document'],
            required: true,
          },
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
// One organisation per credit code, one maker per key: a compound unique index rather than a sparse or partial
// one, which FerretDB v1 lacks. Organisations have no makerKey and makers no credit code, so neither collides.
orgSchema.index({ creditCode: 1, makerKey: 1 }, { unique: true, name: 'party_identity' });

// The directory's summary cache drops what it kept on any write to organisations (db/write-watch.ts).
watchWrites(orgSchema);

export type OrgRecord = InferSchemaType<typeof orgSchema> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };
/** An organisation identified by its credit code (every type but the makers). */
export type CompanyOrgRecord = OrgRecord & { creditCode: string };
