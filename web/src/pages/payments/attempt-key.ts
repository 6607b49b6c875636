import { useCallback } from 'react';
import { newIdempotencyKey } from '../../api/client';

/**
 * The Idempotency-Key of one payment (or refund) attempt, kept in sessionStorage until the API accepted it: a retry
 * after a lost answer (or a reload in the middle) sends the same key and gets the same payment back;
 * only a finished attempt clears it, so the next one is new.
 */
export function useAttemptKey(method: 'bank_transfer' | 'stripe' | 'refund', id: string) {
  const slot = `nekj.pay.${method}.${id}`; // the payable's id (a refund: the payment's)
  const current = useCallback((): string => {
    try {
      const kept = sessionStorage.getItem(slot);
      if (kept) return kept;
      const key = newIdempotencyKey();
      sessionStorage.setItem(slot, key);
      return key;
    } catch {
      // Storage refused (private mode): keep the key for this page only.
      return (memory[slot] ??= newIdempotencyKey());
    }
  }, [slot]);
  const finish = useCallback(() => {
    try {
      sessionStorage.removeItem(slot);
    } catch {
      /* nothing stored */
    }
    delete memory[slot];
  }, [slot]);
  return { current, finish };
}

const memory: Record<string, string> = {};
