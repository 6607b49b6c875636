import type { Connection } from 'mongoose';
import { loginFailureSchema } from './login-failure.model';
import { passwordResetSchema, type PasswordResetRecord } from './password-reset.model';
import { sessionSchema } from './session.model';

/** The module's collections, registered by the module on a connection (db/models.ts composes them). */
export function registerAuthModels(conn: Connection) {
  return {
    Session: conn.model('Session', sessionSchema),
    LoginFailure: conn.model('LoginFailure', loginFailureSchema),
    PasswordReset: conn.model<PasswordResetRecord>('PasswordReset', passwordResetSchema),
  };
}
export type AuthModels = ReturnType<typeof registerAuthModels>;
