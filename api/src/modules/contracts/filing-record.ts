import { Types } from 'mongoose';
import type { ContractModels, ContractRecord, RegistrationRecord, RuleCheck } from './contract.model';
import { RULES_VERSION } from './registration.rules';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

/**
 * The registration record of a contract's `seq`-th filing, made once: a retried filing (unique contractId
 * and seq) finds the record the first one made.
 */
export async function filingRecord(
  registrations: ContractModels['Registration'],
  c: ContractRecord,
  seq: number,
  checks: RuleCheck[],
  note: string,
  userId: string,
): Promise<RegistrationRecord> {
  try {
    const doc = await registrations.create({
      contractId: c._id,
      seq,
      contractNo: c.contractNo,
      title: c.terms.title,
      sellerName: c.terms.seller.name,
      buyerName: c.terms.buyer.name,
      category: c.terms.category,
      sellerRegion: c.sellerRegion,
      sellerOrgId: c.sellerOrgId,
      buyerOrgId: c.buyerOrgId,
      amountFen: c.terms.amountFen,
      claimedTechAmountFen: c.terms.techAmountFen,
      docHash: c.docHash,
      checks,
      rulesVersion: RULES_VERSION,
      note,
      status: 'pending',
      filedBy: new Types.ObjectId(userId),
      filedAt: new Date(),
    });
    return doc.toObject() as RegistrationRecord;
  } catch (err) {
    if (!isDuplicate(err)) throw err;
    return (await registrations.findOne({ contractId: c._id, seq }).lean<RegistrationRecord>())!;
  }
}
