import { Router, type RequestHandler } from 'express';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import { singleFile } from '../attachments/attachments.routes';
import { presentImportJob } from '../imports/import-job.presenter';
import { contractImportTemplate } from './contract-import';
import { historicImportTemplate } from './historic-import';

/** Paper-contract imports (organisations) and historic-contract imports (staff), with their templates. */
export function contractImportRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, config } = ctx;
  const { imports } = ctx.services;
  const tags = ['contracts'];
  const requireUser: RequestHandler = (req, _res, next) => next(req.auth ? undefined : new AppError('UNAUTHENTICATED'));

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/import',
      summary:
        'Import paper contracts from CSV or XLSX (multipart "file"); answers 202 with a job to poll at GET /api/imports/:id (progress, then the per-row report)',
      tags,
      auth: 'user',
      status: 202,
      before: [requireUser, singleFile(config.UPLOAD_MAX_MB * 1024 * 1024)],
    },
    async ({ user, req }) => ({ job: presentImportJob(await imports.start(user!, 'contract', req.file), false) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/contracts/import-template.xlsx',
      summary: 'The XLSX template the contract import reads (headers and one example row)',
      tags,
      auth: 'public',
    },
    async ({ res }) => {
      res
        .set({
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('技术合同导入模板.xlsx')}`,
          'Cache-Control': 'no-store',
        })
        .send(await contractImportTemplate());
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/historic-import',
      summary:
        'Staff only (officials, operators): record historic contracts from CSV or XLSX, both parties per row, within their scope; linked to no organisation, audited; answers 202 with a job',
      tags,
      auth: 'user',
      status: 202,
      before: [requireUser, singleFile(config.UPLOAD_MAX_MB * 1024 * 1024)],
    },
    async ({ user, req }) => ({
      job: presentImportJob(await imports.start(user!, 'contract_historic', req.file), false),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/contracts/historic-import-template.xlsx',
      summary: 'The XLSX template of the staff historic-contract import (seller columns first)',
      tags,
      auth: 'public',
    },
    async ({ res }) => {
      res
        .set({
          'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('历史技术合同导入模板.xlsx')}`,
          'Cache-Control': 'no-store',
        })
        .send(await historicImportTemplate());
    },
  );

  return router;
}
