import type { Request } from 'express';
import { AppError } from '../../http/errors';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../shared/idempotency';

/** The Idempotency-Key header every endpoint that creates a payment, a refund or a payout requires. */
export function idempotencyKey(req: Request): string {
  const parsed = idempotencyKeySchema.safeParse(req.get(IDEMPOTENCY_HEADER));
  if (!parsed.success) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return parsed.data;
}
