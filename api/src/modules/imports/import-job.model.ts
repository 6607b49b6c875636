import { Schema, type Connection, type Types } from 'mongoose';

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';
/**
 * What a job imports: catalogue achievements (drafts), an organisation's paper contracts, or historic contracts
 * recorded by staff (officials, operators: no organisation, see contracts/historic-import.ts).
 */
export const importKinds = ['achievement', 'contract', 'contract_historic'] as const;
export type ImportKind = (typeof importKinds)[number];
export type ImportFormat = 'csv' | 'xlsx';

export interface ImportRowReport {
  row: number;
  status: 'created' | 'error';
  id?: string;
  title?: string;
  /** column = the sheet's Chinese header; message = Chinese first, the English in brackets. */
  errors?: Array<{ column: string; message: string; path?: string }>;
}

/** A bulk import: the file stays in storage until done, so a restart resumes from the file. */
export const importJobSchema = new Schema(
  {
    /** The importing organisation; null for staff's historic contracts (the job is its creator's). */
    orgId: { type: Schema.Types.ObjectId, default: null, index: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String },
    kind: { type: String, enum: importKinds, required: true },
    filename: { type: String, required: true },
    format: { type: String, enum: ['csv', 'xlsx'], required: true },
    storageKey: { type: String, required: true },
    status: { type: String, required: true, index: true },
    total: { type: Number, default: 0 },
    processed: { type: Number, default: 0 },
    created: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    report: { type: [Schema.Types.Mixed], default: [] },
    error: { type: String },
    startedAt: Date,
    finishedAt: Date,
  },
  { timestamps: true, collection: 'import_jobs', minimize: false },
);

export interface ImportJobRecord {
  _id: Types.ObjectId;
  orgId: Types.ObjectId | null;
  createdBy: Types.ObjectId;
  createdByName?: string;
  kind: ImportKind;
  filename: string;
  format: ImportFormat;
  storageKey: string;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  failed: number;
  report: ImportRowReport[];
  error?: string;
  startedAt?: Date;
  finishedAt?: Date;
  createdAt: Date;
}

/** The module's collection, registered by the module on a connection (db/models.ts composes them). */
export function registerImportModels(conn: Connection) {
  return { ImportJob: conn.model('ImportJob', importJobSchema) };
}
export type ImportModels = ReturnType<typeof registerImportModels>;
