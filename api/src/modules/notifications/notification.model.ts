import { watchWrites } from '../../db/write-watch';
import { Schema, type Connection, type Types } from 'mongoose';

/** Match and account notices, and the events modules announce through NotifyService (`<module>_<event>`). */
export type NotificationType = string;

/**
 * In-app notifications. `key` names the event (e.g. `match:<listing>:<new listing>`), unique per user, so
 * re-running the producer after a retry or restart never notifies twice.
 */
export const notificationSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    /** The category a user can switch off (notify.ts); absent on notices stored before categories. */
    category: { type: String, default: null },
    title: { zh: String, en: String },
    body: { zh: String, en: String },
    link: { type: String, required: true },
    readAt: { type: Date, default: null },
  },
  { timestamps: true, collection: 'notifications' },
);
notificationSchema.index({ userId: 1, key: 1 }, { unique: true });
notificationSchema.index({ userId: 1, createdAt: -1 });

export interface NotificationRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  key: string;
  type: NotificationType;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string;
  readAt: Date | null;
  createdAt: Date;
}

/** A user's switched-off categories (`_id` is the user's id). */
export const notificationPrefSchema = new Schema(
  { _id: { type: Schema.Types.ObjectId, required: true }, off: { type: [String], default: [] } },
  { collection: 'notification_prefs', versionKey: false },
);
// The notify service's muted-category cache drops what it kept on any preference write.
watchWrites(notificationPrefSchema);

/** A saved search: the search page's query string; new hits notify its owner when `notify` is on. */
export const savedSearchSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    name: { type: String, required: true },
    query: { type: Schema.Types.Mixed, required: true },
    notify: { type: Boolean, default: true, index: true },
  },
  { timestamps: true, collection: 'saved_searches', minimize: false },
);

export interface SavedSearchRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  query: Record<string, string>;
  notify: boolean;
  createdAt: Date;
}

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerNotificationModels(conn: Connection) {
  return {
    Notification: conn.model('Notification', notificationSchema),
    SavedSearch: conn.model('SavedSearch', savedSearchSchema),
    NotificationPref: conn.model('NotificationPref', notificationPrefSchema),
  };
}
export type NotificationModels = ReturnType<typeof registerNotificationModels>;
