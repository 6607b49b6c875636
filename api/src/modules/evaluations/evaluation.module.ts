import type { Connection } from 'mongoose';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { Notifier } from '../notifications/notify';
import { EvaluationRepository } from './evaluation.repository';
import type { EvaluationPorts } from './evaluation.ports';
import { EvaluationService } from './evaluation.service';

/**
 * The evaluations module (issue 16: 科技成果评估). It owns `evaluations` (evaluation.repository.ts) and reaches listings,
 * organisations, files and registered contracts only through the ports given in composition/feature-modules.ts; it
 * lets requesters and staff read a completed engagement's report through the attachments module's readers.
 */
export async function createEvaluations(deps: {
  conn: Connection;
  ports: EvaluationPorts;
  audit: AuditService;
  notify: Notifier;
  addReader: (reader: (viewer: AuthUser | null, id: string) => Promise<boolean>) => void;
}) {
  const repo = new EvaluationRepository(deps.conn);
  await repo.syncIndexes();
  const service = new EvaluationService(repo, deps.ports, deps.audit);
  service.notify = deps.notify;
  deps.addReader((viewer, id) => service.mayReadReport(viewer, id));
  return { repo, service };
}

export type Evaluations = Awaited<ReturnType<typeof createEvaluations>>;
