import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../../../api/client';

/**
 * The Idempotency-Key of one paper-contract entry attempt: the same terms sent again (a retry after a lost
 * answer or a network error) carry the same key, so the API answers the contract the first request stored;
 * other terms are a new attempt with a new key, and a stored contract ends the attempt. Kept for the page
 * only: a reload empties the form, so there is nothing left to retry.
 */
export function useEntryAttemptKey() {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((terms: unknown): string => {
    const body = JSON.stringify(terms);
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() };
    return attempt.current.key;
  }, []);
  const finish = useCallback(() => {
    attempt.current = null;
  }, []);
  return { keyFor, finish };
}
