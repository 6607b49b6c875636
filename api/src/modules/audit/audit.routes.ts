import { Router } from 'express';
import type { AppContext } from '../../app-context';
import { defineRoute } from '../../http/route';
import { auditLabel } from '../../shared/audit-labels';
import { auditCsv, presentAuditEntry } from './audit.presenter';
import { auditExportQuery, auditListQuery } from './audit.schema';

/** The platform's audit log for admins: a filtered page, and the same filter as a CSV download. */
export function auditRoutes(ctx: AppContext): Router {
  const router = Router();
  const { services, registry } = ctx;

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/audit',
      summary: '审计日志（管理员）Audit log (admin)',
      tags: ['audit'],
      auth: 'user',
      query: auditListQuery,
    },
    async ({ user, query }) => {
      const page = await services.audit.list(user!, query);
      return { ...page, items: page.items.map(presentAuditEntry) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/audit/export',
      summary: '导出审计日志 CSV（管理员）Export the audit log as CSV (admin)',
      tags: ['audit'],
      auth: 'user',
      query: auditExportQuery,
    },
    async ({ user, query, res }) => {
      const rows = await services.audit.exportRows(user!, query);
      const name = `审计日志_${query.from ?? ''}_${query.to ?? ''}`.replace(/_+$/, '');
      res
        .set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}.csv`,
        })
        .send(auditCsv(rows, (kind, code) => auditLabel(kind, code)));
    },
  );

  return router;
}
