import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhookPayload } from '../stripe-adapter';

type Obj = Record<string, unknown> & { id: string };

/**
 * A local HTTP server that speaks the part of Stripe's API the adapter calls (form-encoded requests,
 * Stripe's JSON shapes and error envelope, `Idempotency-Key` replay), so the adapter, the webhook path and
 * reconciliation run offline. The test drives what Stripe would do on its side: a payer completing a
 * PaymentIntent (`setIntentStatus`), a seller finishing onboarding (`completeOnboarding`), and signed
 * events (`event` + `deliver`). `failNext` answers 500s to exercise retries and crashes.
 */
export class FakeStripe {
  readonly intents = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  readonly accounts = new Map<string, Obj>();
  readonly transfers = new Map<string, Obj>();
  readonly calls: Array<{ method: string; path: string; idempotencyKey: string | null }> = [];
  /** Status new refunds get ('succeeded' like card refunds usually; 'pending' to test the webhook path). */
  refundStatus: 'succeeded' | 'pending' = 'succeeded';
  private readonly replays = new Map<string, { status: number; body: string }>();
  private failures = 0;
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }

  failNext(n: number) {
    this.failures = n;
  }

  /** What Stripe does when the payer completes (or fails) a payment: the PaymentIntent changes status. */
  setIntentStatus(id: string, status: string): Obj {
    const pi = this.intents.get(id);
    if (!pi) throw new Error(`no such intent ${id}`);
    pi.status = status;
    if (status === 'succeeded') pi.latest_charge = `ch_${id.slice(3)}`;
    return { ...pi };
  }

  completeOnboarding(id: string): Obj {
    const a = this.accounts.get(id);
    if (!a) throw new Error(`no such account ${id}`);
    Object.assign(a, { charges_enabled: true, payouts_enabled: true, details_submitted: true });
    return { ...a };
  }

  setRefundStatus(id: string, status: string): Obj {
    const r = this.refunds.get(id)!;
    r.status = status;
    return { ...r };
  }

  event(type: string, object: Obj, id = `evt_${crypto.randomBytes(12).toString('hex')}`) {
    return {
      id,
      object: 'event',
      api_version: '2026-01-28',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
  }

  /** Posts an event to a webhook URL the way Stripe does: JSON body, `Stripe-Signature` over the raw bytes. */
  static async deliver(url: string, secret: string, event: object, opts: { signature?: string } = {}) {
    const payload = JSON.stringify(event);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': opts.signature ?? signWebhookPayload(payload, secret),
      },
      body: payload,
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = parseForm(Buffer.concat(chunks).toString('utf8'));
    const url = new URL(req.url ?? '/', 'http://x');
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname, idempotencyKey: key });
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      if (key && req.method === 'POST' && status < 500)
        this.replays.set(`${url.pathname}|${key}`, { status, body: text });
      res
        .writeHead(status, {
          'content-type': 'application/json',
          'request-id': `req_${crypto.randomBytes(6).toString('hex')}`,
        })
        .end(text);
    };
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_'))
      return send(401, err('authentication_error', 'Invalid API Key provided'));
    if (this.failures > 0) {
      this.failures--;
      return send(500, err('api_error', 'Simulated outage'));
    }
    const replay = key && req.method === 'POST' ? this.replays.get(`${url.pathname}|${key}`) : undefined;
    if (replay) {
      res
        .writeHead(replay.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' })
        .end(replay.body);
      return;
    }
    const parts = url.pathname.split('/').filter(Boolean);
    const [v1, resource, id] = parts;
    if (v1 !== 'v1') return send(404, err('invalid_request_error', 'Unrecognized request URL'));
    const get = (m: Map<string, Obj>, kind: string) => {
      const o = id ? m.get(id) : undefined;
      return o ? send(200, o) : send(404, err('invalid_request_error', `No such ${kind}: '${id}'`, 'resource_missing'));
    };
    if (req.method === 'GET') {
      if (resource === 'payment_intents') return get(this.intents, 'payment_intent');
      if (resource === 'refunds') return get(this.refunds, 'refund');
      if (resource === 'accounts') return get(this.accounts, 'account');
      return send(404, err('invalid_request_error', 'Unrecognized request URL'));
    }
    if (req.method === 'POST' && resource === 'payment_intents' && id && parts[3] === 'cancel') {
      const pi = this.intents.get(id);
      if (!pi) return send(404, err('invalid_request_error', `No such payment_intent: '${id}'`, 'resource_missing'));
      if (['succeeded', 'canceled', 'processing'].includes(String(pi.status)))
        return send(
          400,
          err(
            'invalid_request_error',
            `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
            'payment_intent_unexpected_state',
          ),
        );
      pi.status = 'canceled';
      return send(200, pi);
    }
    if (req.method !== 'POST' || id) return send(404, err('invalid_request_error', 'Unrecognized request URL'));
    switch (resource) {
      case 'payment_intents': {
        const amount = Number(form.amount);
        if (!Number.isInteger(amount) || amount < 1)
          return send(400, err('invalid_request_error', 'Invalid integer: amount', 'parameter_invalid_integer'));
        if (!form.currency)
          return send(400, err('invalid_request_error', 'Missing required param: currency.', 'parameter_missing'));
        const pid = `pi_${crypto.randomBytes(12).toString('hex')}`;
        const pi: Obj = {
          id: pid,
          object: 'payment_intent',
          amount,
          currency: form.currency,
          status: 'requires_payment_method',
          client_secret: `${pid}_secret_${crypto.randomBytes(8).toString('hex')}`,
          description: form.description ?? null,
          metadata: form.metadata ?? {},
          payment_method_types: Object.values((form.allowed_payment_method_types as object) ?? { 0: 'card' }),
          latest_charge: null,
          created: Math.floor(Date.now() / 1000),
          livemode: false,
        };
        this.intents.set(pid, pi);
        return send(200, pi);
      }
      case 'refunds': {
        const pi = this.intents.get(String(form.payment_intent ?? ''));
        if (!pi) return send(400, err('invalid_request_error', 'No such payment_intent', 'resource_missing'));
        if (pi.status !== 'succeeded')
          return send(
            400,
            err('invalid_request_error', 'This PaymentIntent has not succeeded', 'payment_intent_unexpected_state'),
          );
        if ([...this.refunds.values()].some((r) => r.payment_intent === pi.id))
          return send(
            400,
            err('invalid_request_error', 'Charge has already been refunded.', 'charge_already_refunded'),
          );
        const rid = `re_${crypto.randomBytes(12).toString('hex')}`;
        const refund: Obj = {
          id: rid,
          object: 'refund',
          amount: pi.amount,
          currency: pi.currency,
          payment_intent: pi.id,
          status: this.refundStatus,
          metadata: form.metadata ?? {},
          created: Math.floor(Date.now() / 1000),
        };
        this.refunds.set(rid, refund);
        return send(200, refund);
      }
      case 'accounts': {
        if (form.type !== 'express') return send(400, err('invalid_request_error', 'Only express accounts here'));
        const aid = `acct_${crypto.randomBytes(8).toString('hex')}`;
        const a: Obj = {
          id: aid,
          object: 'account',
          type: 'express',
          email: form.email ?? null,
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          metadata: form.metadata ?? {},
        };
        this.accounts.set(aid, a);
        return send(200, a);
      }
      case 'account_links': {
        const a = this.accounts.get(String(form.account ?? ''));
        if (!a) return send(400, err('invalid_request_error', 'No such account', 'resource_missing'));
        return send(200, {
          object: 'account_link',
          url: `${this.url}/connect/onboarding/${a.id}`,
          created: Math.floor(Date.now() / 1000),
          expires_at: Math.floor(Date.now() / 1000) + 300,
        });
      }
      case 'transfers': {
        const dest = this.accounts.get(String(form.destination ?? ''));
        if (!dest) return send(400, err('invalid_request_error', 'No such destination', 'resource_missing'));
        if (!dest.payouts_enabled)
          return send(
            400,
            err(
              'invalid_request_error',
              'Your destination account needs to have at least one of the following capabilities enabled: transfers',
              'capability_not_active',
            ),
          );
        const tid = `tr_${crypto.randomBytes(12).toString('hex')}`;
        const t: Obj = {
          id: tid,
          object: 'transfer',
          amount: Number(form.amount),
          currency: form.currency,
          destination: dest.id,
          transfer_group: form.transfer_group ?? null,
          metadata: form.metadata ?? {},
        };
        this.transfers.set(tid, t);
        return send(200, t);
      }
      default:
        return send(404, err('invalid_request_error', 'Unrecognized request URL'));
    }
  }
}

const err = (type: string, message: string, code?: string) => ({ error: { type, message, ...(code ? { code } : {}) } });

/** Stripe's form encoding: `a=1&metadata[k]=v&list[0]=x` → nested objects (lists as index-keyed objects). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a form decodes to arbitrarily nested strings
type Form = Record<string, any>;
export function parseForm(text: string): Form {
  const out: Form = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = rawKey.split(/\[|\]\[|\]/).filter((s) => s !== '');
    let node = out;
    path.forEach((k, i) => {
      if (i === path.length - 1) node[k] = value;
      else node = node[k] ??= {};
    });
  }
  return out;
}
