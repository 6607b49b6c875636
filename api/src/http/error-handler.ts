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
  else if (isDatabaseUnavailable(err)) {
    req.log?.warn({ err: (err as Error).message }, 'database unavailable');
    appError = new AppError('DATABASE_UNAVAILABLE', undefined, { 'retry-after': '5' });
  } else {
    req.log?.error({ err }, 'unhandled error');
    appError = new AppError('INTERNAL');
  }
  if (appError.headers) res.set(appError.headers);
  res.status(appError.status).json(errorBody(appError.code, appError.details, requestId));
};

/**
 * The driver's and Mongoose's ways of saying the server is gone (network error, no server selectable, pool
 * cleared, commands buffered past their timeout while disconnected): the client should retry later.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  if (!e?.name) return false;
  return (
    /^Mongo(Network|NetworkTimeout|ServerSelection|NotConnected|PoolCleared|TopologyClosed)Error$/.test(e.name) ||
    e.name === 'MongooseServerSelectionError' ||
    (e.name === 'MongooseError' && /buffering timed out|Connection was force closed/i.test(e.message ?? ''))
  );
}
