import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import type { PayoutConfirmBody } from '../../shared/payment-schemas';
import type { AttachmentsService } from '../attachments/attachments.service';
import type { AuthUser } from '../auth/auth.types';
import { refuseOwnOrg } from '../auth/separation-of-duties';
import { journals, type Ledger } from './ledger';
import type { PayoutRecord } from './payment.model';
import { canPayments } from './payments.policy';
import { payoutReceipt } from './payout-receipt';

/** A bank-payout recording that never finished (a crash between claim and journal) may be taken over after this. */
const CLAIM_STALE_MS = 120_000;

/**
 * Money collected by bank transfer goes out by bank transfer too: finance records each payout it sent (the
 * bank's reference, the day, the amount and the bank's slip), which settles it in the ledger.
 */
export class BankPayouts {
  constructor(
    private readonly models: PaymentModels,
    private readonly ledger: Ledger,
    private readonly files: Pick<AttachmentsService, 'describeStaffOwned'>,
  ) {}

  /**
   * Finance sent a bank-collected payout by bank transfer. The recording is claimed first (status and an empty
   * `bank` in the filter), so of two recordings racing (two tabs, two staff, two instances) exactly one wins;
   * the other answers 409 ALREADY_PAID_OUT and books nothing. Then journal (once, by the payout's id), then
   * status. A claim left by a crash is taken over after CLAIM_STALE_MS; the journal's key keeps it single.
   */
  async confirm(user: AuthUser, id: string, body: PayoutConfirmBody): Promise<PayoutRecord> {
    const { bankReference } = body;
    if (!user.roles.includes('finance')) throw new AppError('FORBIDDEN');
    // The bank's slip (银行回单) must be a PDF or image finance uploaded itself; checked before anything is written.
    if (body.slipAttachmentId) {
      const slip = await this.files.describeStaffOwned(user, body.slipAttachmentId);
      if (!slip.mime.startsWith('image/') && slip.mime !== 'application/pdf')
        throw new AppError('ATTACHMENT_NOT_USABLE', { mime: slip.mime });
    }
    const o = await this.models.Payout.findById(id).lean<PayoutRecord>();
    if (!o) throw new AppError('NOT_FOUND');
    refuseOwnOrg(user, [o.beneficiary.kind === 'org' ? o.beneficiary.id : null]);
    if (o.source !== 'bank_transfer' || o.status === 'failed')
      throw new AppError('INVALID_STATE', { status: o.status, source: o.source });
    // Paying out twice and paying more than is payable are refused before anything is written (issue 13).
    if (o.status === 'paid') throw new AppError('ALREADY_PAID_OUT', { paidAt: o.paidAt, reason: o.reason });
    if (body.amountFen !== undefined && body.amountFen > o.amountFen)
      throw new AppError('PAYOUT_EXCEEDS_PAYABLE', { payableFen: o.amountFen, amountFen: body.amountFen });
    if (body.amountFen !== undefined && body.amountFen < o.amountFen)
      throw new AppError('PAYMENT_AMOUNT_MISMATCH', { payableFen: o.amountFen, amountFen: body.amountFen });
    const paidAt = body.paidOn ? new Date(`${body.paidOn}T12:00:00+08:00`) : new Date();
    const bank = {
      reference: bankReference,
      paidOn: body.paidOn ?? paidAt.toISOString().slice(0, 10),
      recordedBy: user.name,
      recordedById: user.id,
      slipAttachmentId: body.slipAttachmentId ?? null,
      claimedAt: new Date(),
    };
    const claimed = await this.models.Payout.updateOne(
      {
        _id: o._id,
        status: 'pending',
        $or: [{ bank: null }, { 'bank.claimedAt': { $lt: new Date(Date.now() - CLAIM_STALE_MS) } }],
      },
      { $set: { bank } },
    );
    if (claimed.modifiedCount !== 1) {
      const now = await this.models.Payout.findById(id).lean<PayoutRecord>();
      throw new AppError('ALREADY_PAID_OUT', { paidAt: now?.paidAt ?? null, reference: now?.bank?.reference ?? null });
    }
    await this.ledger.post(journals.payout(o));
    await this.models.Payout.updateOne(
      { _id: o._id, status: 'pending' },
      { $set: { status: 'paid', stripeTransferId: null, reason: `银行转账 ${bankReference}`, paidAt } },
    );
    const paid = (await this.models.Payout.findById(id).lean<PayoutRecord>())!;
    this.onPaidOut(paid, bankReference);
    return paid;
  }

  /** A payout went out: its beneficiary hears of it (payment-notify.ts, in the background). */
  onPaidOut: (o: PayoutRecord, bankReference: string | null) => void = () => undefined;

  /**
   * Who may open a payout's bank slip: finance, and the payee (the seller organisation's members or the
   * broker) — registered with the attachments module as a reader.
   */
  async mayReadSlip(viewer: AuthUser | null, attachmentId: string): Promise<boolean> {
    if (!viewer) return false;
    const o = await this.models.Payout.findOne({ 'bank.slipAttachmentId': attachmentId }, { beneficiary: 1 }).lean<
      Pick<PayoutRecord, 'beneficiary'>
    >();
    return !!o && canPayments.payoutReceipt(viewer, o);
  }

  /** The payout receipt (PDF) of a paid payout, for its beneficiary and finance (payout-receipt.ts). */
  receipt(user: AuthUser, id: string) {
    return payoutReceipt(this.models, user, id);
  }
}
