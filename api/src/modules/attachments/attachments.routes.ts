import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import type { AttachmentRecord } from './attachment.model';

export const presentAttachment = (a: AttachmentRecord) => ({
  id: String(a._id),
  filename: a.filename,
  mime: a.mime,
  size: a.size,
  sha256: a.sha256,
  createdAt: new Date(a.createdAt).toISOString(),
});

/** One file per request in memory (≤ UPLOAD_MAX_MB), so its type is checked before anything is stored. */
export function singleFile(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5 },
  }).single('file');
  return (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (!err)
        return req.file
          ? next()
          : next(new AppError('VALIDATION_FAILED', [{ in: 'body', path: 'file', message: 'a file is required' }]));
      const code = (err as { code?: string }).code;
      next(
        new AppError(code === 'LIMIT_FILE_SIZE' ? 'FILE_TOO_LARGE' : 'VALIDATION_FAILED', [
          { in: 'body', path: 'file', message: String((err as Error).message) },
        ]),
      );
    });
}

export function attachmentsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, services, config } = ctx;
  const requireUser: RequestHandler = (req, _res, next) => next(req.auth ? undefined : new AppError('UNAUTHENTICATED'));

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/attachments',
      summary: 'Upload a PDF, Office document or image (multipart field "file"); the type is read from the bytes',
      tags: ['attachments'],
      auth: 'user',
      status: 201,
      before: [requireUser, singleFile(config.UPLOAD_MAX_MB * 1024 * 1024)],
    },
    async ({ user, req }) => ({ attachment: presentAttachment(await services.attachments.upload(user!, req.file!)) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/attachments/:id',
      summary: 'Download, if the caller may see it',
      tags: ['attachments'],
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params, res }) => {
      const { attachment, stream } = await services.attachments.openFor(user, params.id);
      res.set({
        'Content-Type': attachment.mime,
        'Content-Length': String(attachment.size),
        'Content-Disposition': `${attachment.mime.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
      await new Promise<void>((resolve, reject) => stream.on('error', reject).pipe(res).on('finish', resolve));
    },
  );
  return router;
}
