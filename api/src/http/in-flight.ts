import type { RequestHandler } from 'express';

/**
 * Requests this process is answering, so work that no caller waits for (a payout and the notices after a
 * settled payment) can start once the answers are out: when Stripe re-delivers a backlog, 8 webhooks arrive at
 * once, and each one's payout and mails used to run between the others' answers (burst p95 50–64 ms, the
 * in-request work alone ~30 ms). Under steady load the process is never quiet, so waiting is capped.
 */
let inFlight = 0;
const waiting = new Set<() => void>();

export function countInFlight(): RequestHandler {
  return (_req, res, next) => {
    inFlight++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      inFlight--;
      if (inFlight === 0) for (const wake of [...waiting]) wake();
    };
    res.once('finish', end);
    res.once('close', end);
    next();
  };
}

/** Resolves when no request is in flight, or after `maxWaitMs` at the latest. */
export function whenQuiet(maxWaitMs = 250): Promise<void> {
  if (inFlight === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, maxWaitMs);
    waiting.add(wake);
  });
}

/** How many requests are being answered now (tests). */
export const requestsInFlight = () => inFlight;
