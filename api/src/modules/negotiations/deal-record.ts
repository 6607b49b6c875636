import { Types } from 'mongoose';
import type { Commission } from '../../shared/negotiation-events';
import type { HolderFiguresDto } from '../../shared/payment-schemas';
import type { AuthUser } from '../auth/auth.types';
import type { DealRecord, NegotiationModels, NegotiationRecord, OfferRecord } from './negotiation.model';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/** The broker's commission on an agreed amount: basis points rounded down to the 分, or a fixed sum. */
export function commissionFen(c: Commission, amountFen: number): number {
  return c.kind === 'percent' ? Math.floor((amountFen * c.bp) / 10_000) : c.amountFen;
}

/** A broker's commission figures from the ledger (the payments module's, wired in composition/build-context.ts). */
export type BrokerLedger = (brokerUserId: string) => Promise<{
  figures: HolderFiguresDto;
  byContract: Array<{ contractId: string | null; earnedFen: number }>;
}>;

/** No ledger wired (tools, some tests): nothing earned. */
export const noLedger: BrokerLedger = async () => ({
  figures: { paidFen: 0, refundedFen: 0, depositsHeldFen: 0, earnedFen: 0, paidOutFen: 0, owedFen: 0 },
  byContract: [],
});

/** The deal an accepted offer agrees, recorded once per room (a retried accept finds it). */
export async function ensureDeal(
  deals: NegotiationModels['Deal'],
  user: AuthUser,
  n: NegotiationRecord,
  offer: OfferRecord,
): Promise<DealRecord> {
  const existing = await deals.findOne({ negotiationId: n._id }).lean<DealRecord>();
  if (existing) return existing;
  const broker = n.brokers.find((b) => b.status === 'accepted' && b.commission);
  try {
    const doc = await deals.create({
      negotiationId: n._id,
      offerId: offer._id,
      buyerOrgId: n.buyerOrgId,
      sellerOrgId: n.sellerOrgId,
      terms: offer.terms,
      broker: broker
        ? {
            id: String(broker.userId),
            name: broker.name,
            commission: broker.commission,
            commissionFen: commissionFen(broker.commission!, offer.terms.amountFen),
          }
        : null,
      agreedBy: new Types.ObjectId(user.id),
      agreedAt: new Date(),
    });
    return doc.toObject() as DealRecord;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await deals.findOne({ negotiationId: n._id }).lean<DealRecord>())!;
  }
}

/**
 * Deals a broker took part in with the commission agreed on each, and what the ledger credited: the total
 * earned is the ledger's (the commission statement's figure), never a sum of agreed amounts; a deal's earned
 * amount is what its contract's payments credited so far.
 */
export async function brokerCommissions(model: NegotiationModels['Deal'], ledgerOf: BrokerLedger, brokerId: string) {
  const deals = await model.find({ 'broker.id': brokerId }).sort({ agreedAt: -1 }).limit(500).lean<DealRecord[]>();
  const ledger = await ledgerOf(brokerId);
  const byContract = new Map(ledger.byContract.map((r) => [r.contractId, r.earnedFen]));
  return {
    deals: deals.map((d) => ({ deal: d, earnedFen: (d.contractId && byContract.get(String(d.contractId))) || 0 })),
    agreedFen: deals.reduce((s, d) => s + (d.broker?.commissionFen ?? 0), 0),
    ledger,
  };
}
