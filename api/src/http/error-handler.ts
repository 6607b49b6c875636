import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, errorBody } from './errors';

export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new AppError('ROUTE_NOT_FOUND'));

/** The one place errors become responses. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const requestId = String(req.id ?? '');
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (err?.type === 'entity.parse.failed') appError = new AppError('INVALID_JSON');
  else if (err?.type === 'entity.too.large') appError = new AppError('PAYLOAD_TOO_LARGE');
  else if (err?.status >= 400 && err?.status < 500 && err?.expose) appError = new AppError('VALIDATION_FAILED');
  else {
    req.log?.error({ err }, 'unhandled error');
    appError = new AppError('INTERNAL');
  }
  if (appError.headers) res.set(appError.headers);
  res.status(appError.status).json(errorBody(appError.code, appError.details, requestId));
};
