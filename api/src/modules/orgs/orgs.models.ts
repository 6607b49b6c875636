import type { Connection } from 'mongoose';
import { invitationSchema } from './invitation.model';
import { orgSchema } from './org.model';

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerOrgModels(conn: Connection) {
  return {
    Org: conn.model('Org', orgSchema),
    Invitation: conn.model('Invitation', invitationSchema),
  };
}
export type OrgModels = ReturnType<typeof registerOrgModels>;
