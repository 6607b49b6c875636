/**
 * Stripe.js through @stripe/stripe-js (it loads the script from js.stripe.com, the only place Stripe allows
 * it to come from). The `pure` entry loads it only when a payment dialog asks: the main entry injects the
 * script as soon as any page importing this module loads (the challenge page does, for its deposit card),
 * which the Content-Security-Policy refuses when Stripe is not configured. Offline, or when the page's Content-Security-Policy refuses the script, the promise
 * rejects (on the script's error or after a timeout) and the dialog shows that state instead of breaking;
 * a later try loads afresh.
 */
import type { Stripe, StripeElementLocale, StripeElements } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';

export type { Stripe as StripeJs, StripeElements };

export function loadStripeJs(publishableKey: string, locale: StripeElementLocale, timeoutMs = 10_000): Promise<Stripe> {
  let timer: number | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error('Stripe.js timed out')), timeoutMs);
  });
  return Promise.race([loadStripe(publishableKey, { locale }), timeout])
    .then((stripe) => {
      if (!stripe) throw new Error('Stripe.js is not available here');
      return stripe;
    })
    .finally(() => window.clearTimeout(timer));
}
