import { watchWrites } from '../../db/write-watch';
import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { orgRoleCodes, userRoleCodes } from '../../shared/taxonomy';

export const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, maxlength: 254 },
    passwordHash: { type: String, required: true },
    name: { type: String, required: true, maxlength: 60 },
    phone: { type: String },
    locale: { type: String, enum: ['zh-CN', 'en'], default: 'zh-CN' },
    orgId: { type: Schema.Types.ObjectId, default: null, index: true },
    orgRole: { type: String, enum: [...orgRoleCodes, null], default: null },
    roles: { type: [String], enum: userRoleCodes, default: [] },
    brokerCertNo: { type: String },
    operatorSubmarkets: { type: [String], default: [] },
    officialRegion: { type: String },
    /** What the person agreed to at sign-up: which version of which text, and when. */
    consents: {
      type: [new Schema({ doc: String, version: String, at: Date }, { _id: false })],
      default: [],
    },
    passwordChangedAt: { type: Date },
    /** Set by an admin: no sign-in, every session revoked, sockets closed. */
    disabledAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'users' },
);

export type UserRecord = InferSchemaType<typeof userSchema> & { _id: import('mongoose').Types.ObjectId };

/** The module's collection, registered by the module on a connection (db/models.ts composes them). */
// The user directory's recipient cache drops what it kept on any account write (db/write-watch.ts).
watchWrites(userSchema);

export function registerUserModels(conn: Connection) {
  return { User: conn.model('User', userSchema) };
}
export type UserModels = ReturnType<typeof registerUserModels>;
