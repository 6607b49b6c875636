import type { Connection } from 'mongoose';
import { auditSchema } from '../modules/audit/audit.model';
import { sessionSchema } from '../modules/auth/session.model';
import { orgSchema } from '../modules/orgs/org.model';
import { submarketSchema } from '../modules/taxonomy/submarket.model';
import { userSchema } from '../modules/users/user.model';

/** Registers every model on one connection (the app never uses mongoose's global connection). */
export function createModels(conn: Connection) {
  return {
    User: conn.model('User', userSchema),
    Session: conn.model('Session', sessionSchema),
    Org: conn.model('Org', orgSchema),
    Submarket: conn.model('Submarket', submarketSchema),
    Audit: conn.model('Audit', auditSchema),
  };
}

export type Models = ReturnType<typeof createModels>;

/** Builds declared indexes; idempotent, run at start-up. */
export async function syncIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
}
