/**
 * Stripe.js through @stripe/stripe-js (it loads the script from js.stripe.com, the only place Stripe allows
 * it to come from). Offline, or when the page's Content-Security-Policy refuses the script, the promise
 * rejects (on the script's error or after a timeout) and the dialog shows that state instead of breaking;
 * a later try loads afresh.
 */
import { loadStripe, type Stripe, type StripeElementLocale, type StripeElements } from '@stripe/stripe-js';

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
