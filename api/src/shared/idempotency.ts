import { z } from 'zod';

/**
 * The Idempotency-Key header of writes a client may retry (a paper-contract entry; every endpoint that creates
 * a payment, a refund or a payout): 8–64 of [A-Za-z0-9_-].
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');
