import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import { singleFile } from '../attachments/attachments.routes';
import { importTemplate } from './achievement-export';
import { importKinds } from './import-job.model';
import { presentImportJob } from './import-job.presenter';

const listImportsQuery = z.object({ kind: z.enum(importKinds).optional() }).strict();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function importRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, services, config } = ctx;
  const tags = ['achievements'];
  const requireUser: RequestHandler = (req, _res, next) => next(req.auth ? undefined : new AppError('UNAUTHENTICATED'));
  const sendXlsx = (res: import('express').Response, name: string, bytes: Buffer) =>
    void res
      .set({
        'Content-Type': XLSX,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'Cache-Control': 'no-store',
      })
      .send(bytes);

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/achievements/import-template.xlsx',
      summary: 'The XLSX template the importer reads',
      tags,
      auth: 'public',
    },
    async ({ res }) => sendXlsx(res, '成果导入模板.xlsx', await importTemplate()),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/achievements/import',
      summary: 'Bulk import achievements from CSV or XLSX (multipart "file"); answers 202 with a job to poll',
      tags,
      auth: 'user',
      status: 202,
      before: [requireUser, singleFile(config.UPLOAD_MAX_MB * 1024 * 1024)],
    },
    async ({ user, req }) => ({
      job: presentImportJob(await services.imports.start(user!, 'achievement', req.file), false),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/imports',
      summary: "Own organisation's recent imports (achievements and contracts, or one kind)",
      tags,
      auth: 'user',
      query: listImportsQuery,
    },
    async ({ user, query }) => ({
      items: (await services.imports.listMine(user!, query.kind)).map((j) => presentImportJob(j, false)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/imports/:id',
      summary: 'Import progress and, when done, the per-row report',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      job: presentImportJob(await services.imports.get(user!, params.id), true),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/achievements/export.xlsx',
      summary: "Export own organisation's achievements to XLSX",
      tags,
      auth: 'user',
    },
    async ({ user, res }) => {
      const bytes = await services.imports.exportMine(user!);
      sendXlsx(res, `我的成果-${new Date().toISOString().slice(0, 10)}.xlsx`, bytes);
    },
  );

  return router;
}
