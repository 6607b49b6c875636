/**
 * Loads Stripe.js from js.stripe.com, the only place Stripe allows it to come from (PCI); this is what
 * @stripe/stripe-js's loadStripe does, kept to the few calls the payment dialog makes. Offline, or when the
 * page's Content-Security-Policy refuses the script, the promise rejects (on the script's error event or
 * after a timeout) and the dialog shows that state instead of breaking; a later try loads afresh.
 */
export interface StripeElement {
  mount(el: HTMLElement): void;
  destroy(): void;
}
export interface StripeElements {
  create(type: 'payment'): StripeElement;
}
export interface StripeJs {
  elements(opts: { clientSecret: string; locale?: string }): StripeElements;
  confirmPayment(opts: { elements: StripeElements; redirect: 'if_required'; confirmParams: { return_url: string } }): Promise<{
    error?: { message?: string };
    paymentIntent?: { id: string; status: string };
  }>;
}
type StripeFactory = (publishableKey: string, opts?: { locale?: string }) => StripeJs;

const STRIPE_JS_URL = 'https://js.stripe.com/v3/';
let loading: Promise<StripeFactory> | null = null;

const factory = () => (window as unknown as { Stripe?: StripeFactory }).Stripe;

export function loadStripeJs(timeoutMs = 10_000): Promise<StripeFactory> {
  const ready = factory();
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement('script');
    const fail = (why: string) => {
      window.clearTimeout(timer);
      script.remove();
      loading = null;
      reject(new Error(why));
    };
    const timer = window.setTimeout(() => fail('Stripe.js timed out'), timeoutMs);
    script.src = STRIPE_JS_URL;
    script.async = true;
    script.onload = () => {
      const f = factory();
      if (!f) return fail('Stripe.js loaded without window.Stripe');
      window.clearTimeout(timer);
      resolve(f);
    };
    script.onerror = () => fail('Stripe.js could not load');
    document.head.appendChild(script);
  });
  return loading;
}
