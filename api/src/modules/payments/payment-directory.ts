import type { PayableRecord, PaymentModels, PaymentRecord } from './payment.model';

/** Reads of the payments module's records for the demo seed's restart checks (it never writes through here). */
export class PaymentDirectory {
  constructor(private readonly models: Pick<PaymentModels, 'Payable' | 'Payment'>) {}

  /** The payment a payer started under an Idempotency-Key (`<orgId>:<key>`), or null. */
  byIdemKey(idemKey: string): Promise<PaymentRecord | null> {
    return this.models.Payment.findOne({ idemKey }).lean<PaymentRecord>();
  }

  /** An organisation's deposit payable, if it has one. */
  depositOf(payerOrgId: unknown): Promise<PayableRecord | null> {
    return this.models.Payable.findOne({ kind: 'deposit', payerOrgId }).lean<PayableRecord>();
  }
}
