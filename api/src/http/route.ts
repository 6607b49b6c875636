import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import type { AuthUser } from '../modules/auth/auth.types';
import { AppError } from './errors';
import type { OpenApiRegistry } from './openapi';

export interface RouteContext<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  /** The signed-in user; null only on 'public'/'optional' routes. */
  user: AuthUser | null;
}

export interface RouteSpec<B, Q, P> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tags: string[];
  auth: 'public' | 'user' | 'optional';
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response?: z.ZodType;
  status?: number;
  /** Extra middleware run after authentication and before validation (e.g. rate limits). */
  before?: RequestHandler[];
}

type Handler<B, Q, P> = (ctx: RouteContext<B, Q, P>) => Promise<unknown> | unknown;

/**
 * Declares a route once: Express handler, zod validation of params/query/body and its OpenAPI entry.
 * The handler's return value is sent as JSON with `status` (default 200); return undefined to answer yourself.
 */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(
  router: Router,
  registry: OpenApiRegistry,
  spec: RouteSpec<B, Q, P>,
  handler: Handler<B, Q, P>,
): void {
  registry.add({ ...spec, successStatus: spec.status ?? 200 } as never);
  const run: RequestHandler = async (req, res) => {
    const user = req.auth?.user ?? null;
    if (spec.auth === 'user' && !user) throw new AppError('UNAUTHENTICATED');
    const params = parse(spec.params, req.params, 'params') as P;
    const query = parse(spec.query, req.query, 'query') as Q;
    const body = parse(spec.body, req.body ?? {}, 'body') as B;
    const result = await handler({ req, res, body, query, params, user });
    if (result !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(result);
    else if (result === undefined && !res.headersSent) res.status(spec.status ?? 204).end();
  };
  router[spec.method](spec.path, ...(spec.before ?? []), run);
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message }));
  const malformedId = result.error.issues.some((i) => i.message === OBJECT_ID_MESSAGE);
  throw new AppError(malformedId && where === 'params' ? 'INVALID_ID' : 'VALIDATION_FAILED', details);
}

export const OBJECT_ID_MESSAGE = 'must be a 24-character hex id';
export const objectId = () => z.string().regex(/^[a-f0-9]{24}$/i, OBJECT_ID_MESSAGE);
export const idParams = z.strictObject({ id: objectId() });

/** Page parameters shared by every list endpoint: 1-based page, at most 100 rows. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
