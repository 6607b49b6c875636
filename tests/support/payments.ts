/** What the payment browser tests (payments-*.test.ts) share: what MongoDB holds, read as the API reads it. */
import type { JournalRecord, PayableRecord, PaymentRecord } from '../../api/src/modules/payments/payment.model';
import { payableStatus } from '../../api/src/modules/payments/payment.state';
import type { TestApp } from '../../api/src/test-support/harness';

/** A payable's status as the API derives it from what MongoDB holds (ledger cache + the payment in flight). */
export async function payableStatusOf(app: TestApp, payableId: unknown): Promise<string> {
  const p = (await app.models.Payable.findById(payableId).lean<PayableRecord>())!;
  const open = p.openPaymentId ? await app.models.Payment.findById(p.openPaymentId).lean<PaymentRecord>() : null;
  return payableStatus(p, open);
}

/** A contract's payables, in the order of its schedule. */
export const contractPayables = (app: TestApp, contractId: string) =>
  app.models.Payable.find({ contractId }).sort({ seq: 1 }).lean<PayableRecord[]>();

/** A contract's ledger journals. */
export const contractJournals = (app: TestApp, contractId: string) =>
  app.models.Journal.find({ contractId }).lean<JournalRecord[]>();

/** Each payable's status as the API derives it from what MongoDB holds (ledger cache + the payment in flight). */
export async function contractPayableStatuses(app: TestApp, contractId: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of await contractPayables(app, contractId)) {
    const open = p.openPaymentId ? await app.models.Payment.findById(p.openPaymentId).lean<PaymentRecord>() : null;
    out.push(payableStatus(p, open));
  }
  return out;
}

/** Σ debit = Σ credit in every journal and over all of them. */
export function assertBalanced(js: JournalRecord[]) {
  for (const j of js) {
    const d = j.lines.reduce((s, l) => s + l.debitFen, 0);
    const c = j.lines.reduce((s, l) => s + l.creditFen, 0);
    expect([j._id, d]).toEqual([j._id, c]);
  }
}

/** The contract's payment status as the API derives it: paid (money in − refunds) against the schedule. */
export async function contractPaymentStatusOf(app: TestApp, contractId: string): Promise<string> {
  const ps = (await contractPayables(app, contractId)).filter((p) => p.kind !== 'deposit');
  const total = ps.reduce((s, p) => s + p.amountFen, 0);
  const paid = ps.reduce((s, p) => s + Math.min(p.inFen - p.refundedFen, p.amountFen), 0);
  return total > 0 && paid >= total ? 'paid' : paid > 0 ? 'partially_paid' : 'unpaid';
}
