import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import type { PaymentModels } from './payment.model';
import { AppError } from '../../http/errors';
import type { AuthUser } from '../auth/auth.types';
import { CJK_FONT_PATH, cjkFace, yuan } from '../contracts/contract-document';
import type { JournalRecord, PayoutRecord } from './payment.model';
import { canPayments } from './payments.policy';

/**
 * The payout receipt (付款回单) the platform issues for a payout it made: who was paid, how much, for which
 * contract, the bank's reference and day (or the Stripe transfer), who recorded it, and the ledger journal
 * that booked it. Generated from the stored payout and its journal on every request, so it cannot disagree
 * with the ledger. The beneficiary and finance may read it; anyone else gets 404.
 */
export async function payoutReceipt(
  models: PaymentModels,
  user: AuthUser,
  id: string,
): Promise<{ pdf: Buffer; filename: string }> {
  const o = await models.Payout.findById(id).lean<PayoutRecord>();
  if (!o || !canPayments.payoutReceipt(user, o)) throw new AppError('NOT_FOUND');
  if (o.status !== 'paid') throw new AppError('INVALID_STATE', { status: o.status });
  const journal = await models.Journal.findById(o._id).lean<JournalRecord>();
  if (!journal) throw new AppError('INVALID_STATE', { reason: 'payout not booked in the ledger' });
  return {
    pdf: await render(o, journal),
    filename: `付款回单-${o.contractNo ?? o._id.split(':')[1]}-${o.beneficiary.kind}.pdf`,
  };
}

async function render(o: PayoutRecord, j: JournalRecord): Promise<Buffer> {
  if (!fs.existsSync(CJK_FONT_PATH))
    throw new AppError('DOCUMENT_FONT_MISSING', {
      font: CJK_FONT_PATH,
      fix: 'apt-get install fonts-noto-cjk, or set CJK_FONT_PATH to a CJK .ttc/.otf',
    });
  const doc = new PDFDocument({ size: 'A5', layout: 'landscape', margin: 40, info: { Title: '付款回单' } });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFace() as unknown as Buffer);
  doc.font('cjk');
  doc.fontSize(16).text('东北科技大市场 · 付款回单', { align: 'center' });
  doc.fontSize(9).fillColor('#555').text('Payout receipt', { align: 'center' }).fillColor('#000').moveDown();
  const row = (k: string, v: string) => doc.fontSize(11).text(`${k}：${v}`, { paragraphGap: 3 });
  row('收款方 Beneficiary', `${o.beneficiary.name}（${o.beneficiary.kind === 'org' ? '卖方' : '技术经纪人'}）`);
  row('金额 Amount', yuan(o.amountFen));
  row('合同编号 Contract', o.contractNo ?? '—');
  if (o.bank) {
    row('付款方式 Method', '银行转账 bank transfer');
    row('银行流水号 Bank reference', o.bank.reference);
    row('付款日期 Paid on', o.bank.paidOn);
    row('登记人 Recorded by', o.bank.recordedBy);
  } else {
    row('付款方式 Method', 'Stripe Connect');
    row('转账编号 Transfer', o.stripeTransferId ?? '—');
    row('付款时间 Paid at', o.paidAt ? new Date(o.paidAt).toISOString().slice(0, 16).replace('T', ' ') : '—');
  }
  row('记账凭证 Journal', `${j._id}（${new Date(j.at).toISOString().slice(0, 10)}）`);
  doc.moveDown(0.5).fontSize(9).fillColor('#555');
  for (const l of j.lines) doc.text(`${l.account}  借 ${yuan(l.debitFen)}  贷 ${yuan(l.creditFen)}`);
  doc.end();
  return done;
}
