import type { Connection } from 'mongoose';
import { lockSchema } from './lock.model';
import { matchAlertSchema, matchDigestPrefSchema } from './match-alert.model';

/** The search module's own collections, registered by the module (db/models.ts composes them). */
export function registerSearchModels(conn: Connection) {
  return {
    Lock: conn.model('Lock', lockSchema),
    MatchAlert: conn.model('MatchAlert', matchAlertSchema),
    MatchDigestPref: conn.model('MatchDigestPref', matchDigestPrefSchema),
  };
}
export type SearchModels = ReturnType<typeof registerSearchModels>;
