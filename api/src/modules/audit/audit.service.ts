import type { Models } from '../../db/models';
import type { AuthUser } from '../auth/auth.types';

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  from?: string;
  to?: string;
  reason?: string;
  ip?: string;
}

export class AuditService {
  constructor(private readonly models: Models) {}

  async record(actor: Pick<AuthUser, 'id' | 'name'>, entry: AuditEntry): Promise<void> {
    await this.models.Audit.create({ ...entry, actorId: actor.id, actorName: actor.name, at: new Date() });
  }

  async history(entity: string, entityId: string) {
    return this.models.Audit.find({ entity, entityId }).sort({ at: 1 }).limit(200).lean();
  }
}
