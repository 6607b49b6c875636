import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** Every state transition, with who and when (style rule 14). Append-only. */
export const auditSchema = new Schema(
  {
    entity: { type: String, required: true },
    entityId: { type: String, required: true },
    action: { type: String, required: true },
    from: { type: String },
    to: { type: String },
    actorId: { type: String, required: true },
    actorName: { type: String },
    reason: { type: String },
    ip: { type: String },
    at: { type: Date, required: true },
  },
  { collection: 'audit_log', versionKey: false },
);
auditSchema.index({ entity: 1, entityId: 1, at: 1 });

export type AuditRecord = InferSchemaType<typeof auditSchema>;

/** The module's collection, registered by the module on a connection (db/models.ts composes it). */
export function registerAuditModels(conn: Connection) {
  return { Audit: conn.model('Audit', auditSchema) };
}
export type AuditModels = ReturnType<typeof registerAuditModels>;
