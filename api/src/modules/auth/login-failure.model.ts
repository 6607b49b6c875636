import { Schema } from 'mongoose';

/**
 * Failed sign-ins of one account from one client address, shared by every api instance (issue 17,
 * finding 9: counters in each process's memory let two instances count apart, and keying on the account
 * alone let anyone lock anyone out). `_id` is `<email> <ip>`; the count restarts when `windowEndsAt` passes.
 */
export const loginFailureSchema = new Schema(
  {
    _id: { type: String },
    email: { type: String, required: true, index: true },
    ip: { type: String, required: true },
    count: { type: Number, required: true },
    windowEndsAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
  },
  { collection: 'login_failures', versionKey: false },
);

export interface LoginFailureRecord {
  _id: string;
  email: string;
  ip: string;
  count: number;
  windowEndsAt: Date;
  lockedUntil: Date | null;
}
