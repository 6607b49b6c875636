import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { ContractTerms } from '../../shared/contract-schemas';
import { submarketForRegion } from '../../shared/taxonomy';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { ListingDirectory } from '../listings/listing-directory';
import type { RoomDirectory } from '../negotiations/room-directory';
import type { Notifier } from '../notifications/notify';
import type { OrgDirectory } from '../orgs/org-directory';
import type { OrgRecord } from '../orgs/org.model';
import type { StatsService } from '../stats/stats.service';
import { readyToSignNotice } from './contract.notices';
import type { ContractModels, ContractRecord, Signature } from './contract.model';
import { addMonths, documentHash, scheduleFromPlan } from './contract-terms';
import { contractNumber, paperContractIdFor, partyFromOrg, signatureBy } from './contract-ids';
import { draftFromListing, type DraftListing } from './deal-draft';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const today = () => new Date().toISOString().slice(0, 10);
type Meta = { ip?: string };

/** What the contracts module reads of other modules, through their directories (it owns none of that data). */
export interface ContractPeers {
  rooms: RoomDirectory;
  orgs: OrgDirectory;
  listings: ListingDirectory;
}

/**
 * Where contracts come from: a paper contract the seller enters (or imports), and a deal's agreed terms
 * drafted for both parties to sign. ContractsService passes these calls through, so callers keep one service.
 */
export class ContractOrigins {
  constructor(
    private readonly models: Pick<ContractModels, 'Contract'>,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
    private readonly peers: ContractPeers,
    private readonly notifier: () => Notifier,
  ) {}

  async myOrg(user: AuthUser): Promise<OrgRecord> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.peers.orgs.record(user.orgId);
    if (!org) throw new AppError('NOT_ORG_MEMBER');
    if (org.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    return org;
  }

  async linkedOrgId(creditCode: string): Promise<Types.ObjectId | null> {
    return this.peers.orgs.verifiedIdByCreditCode(creditCode);
  }

  /** The seller's entry of a paper contract, recorded as its signature of that document version. */
  entrySignature(user: Pick<AuthUser, 'id' | 'name'>, docHash: string, ip: string | null): Signature {
    return signatureBy('seller', user, docHash, ip);
  }

  /**
   * Builds a paper contract of the organisation as seller (not stored): shared by entry and import. When the
   * buyer is a verified organisation of the platform the contract waits for it to confirm (issue 17, finding
   * 1): until then nothing is payable, fileable, tallied or shown to officials. A buyer off the platform has
   * nobody to ask, and the contract is signed on entry as before.
   */
  async paperContract(
    user: Pick<AuthUser, 'id' | 'name'>,
    org: OrgRecord,
    input: ContractTerms,
    originKey: string,
    source: 'direct' | 'import',
    _id = new Types.ObjectId(),
    ip: string | null = null,
  ) {
    if (!input.signedOn)
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'terms.signedOn', message: 'a paper contract needs its signing date' },
      ]);
    const terms: ContractTerms = { ...input, seller: partyFromOrg(org) };
    const contractNo = contractNumber(_id);
    const buyerOrgId =
      terms.buyer.creditCode === org.creditCode ? null : await this.linkedOrgId(terms.buyer.creditCode);
    const docHash = documentHash(contractNo, terms);
    return {
      _id,
      contractNo,
      originKey: originKey.replace('<id>', String(_id)),
      source,
      signing: 'paper' as const,
      sellerOrgId: org._id,
      buyerOrgId,
      sellerRegion: terms.seller.regionCode,
      submarketCode: submarketForRegion(terms.seller.regionCode),
      terms,
      docHash,
      status: buyerOrgId ? ('awaiting_confirmation' as const) : ('signed' as const),
      signatures: [this.entrySignature(user, docHash, ip)],
      confirmation: null,
      version: 1,
      statsDirty: true,
      stats: { v: 0, c: null },
      createdBy: new Types.ObjectId(user.id),
    };
  }

  /**
   * A paper contract entered by the seller. With an Idempotency-Key its id is derived from (organisation,
   * key), so a retried request finds the contract the first one stored (by `_id`, which FerretDB serves from
   * its primary key) and answers it; the same key with other terms is refused.
   */
  async createDirect(
    user: AuthUser,
    input: ContractTerms,
    meta: Meta,
    idempotencyKey?: string,
  ): Promise<ContractRecord> {
    const org = await this.myOrg(user);
    const id = idempotencyKey ? paperContractIdFor(String(org._id), idempotencyKey) : new Types.ObjectId();
    const doc = await this.paperContract(user, org, input, 'direct:<id>', 'direct', id, meta.ip ?? null);
    const stored = idempotencyKey ? await this.models.Contract.findById(id).lean<ContractRecord>() : null;
    if (stored) return this.replayDirect(stored, doc.terms);
    try {
      await this.models.Contract.create(doc);
    } catch (err) {
      // Two retries at once: the loser answers the winner's contract.
      if (!idempotencyKey || !isDuplicate(err)) throw err;
      return this.replayDirect((await this.models.Contract.findById(id).lean<ContractRecord>())!, doc.terms);
    }
    await this.audit.record(user, {
      entity: 'contract',
      entityId: String(id),
      action: 'create_paper',
      to: doc.status,
      ip: meta.ip,
    });
    await this.stats.apply(id);
    return (await this.models.Contract.findById(id).lean<ContractRecord>())!;
  }

  /** The contract a retried entry stored first; applied to the tally in case the first request stopped before. */
  private async replayDirect(stored: ContractRecord, terms: ContractTerms): Promise<ContractRecord> {
    // Until edited (version 1) its document hash is that of the terms first sent; an edit may follow a retry.
    if (stored.version === 1 && stored.docHash !== documentHash(stored.contractNo, terms))
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (await this.stats.apply(stored._id))
      return (await this.models.Contract.findById(stored._id).lean<ContractRecord>())!;
    return stored;
  }

  /** A deal's agreed terms as a draft contract for both parties to sign; once per deal. */
  async fromDeal(user: AuthUser, dealId: string, meta: Meta): Promise<{ contract: ContractRecord; created: boolean }> {
    const deal = await this.peers.rooms.deal(dealId);
    const mine = deal && user.orgId && [String(deal.sellerOrgId), String(deal.buyerOrgId)].includes(user.orgId);
    if (!deal || !mine) throw new AppError('NOT_FOUND');
    const originKey = `deal:${dealId}`;
    const existing = await this.models.Contract.findOne({ originKey }).lean<ContractRecord>();
    if (existing) return { contract: existing, created: false };
    const [seller, buyer, room] = await Promise.all([
      this.peers.orgs.record(deal.sellerOrgId),
      this.peers.orgs.record(deal.buyerOrgId),
      this.peers.rooms.room(String(deal.negotiationId)),
    ]);
    if (!seller || !buyer || !room) throw new AppError('NOT_FOUND');
    type LiveListing = { live?: Partial<DraftListing> & { ipRights?: DraftListing['ipRights'] } };
    const listing =
      room.subject.kind === 'achievement'
        ? ((await this.peers.listings.byId('achievement', String(room.subject.id))) as LiveListing | null)
        : room.subject.kind === 'need'
          ? ((await this.peers.listings.byId('need', String(room.subject.id))) as LiveListing | null)
          : null;
    const live = listing?.live;
    const start = today();
    const t = deal.terms;
    const drafted = draftFromListing(
      room.subject.title,
      live
        ? {
            title: live.title ?? room.subject.title,
            summary: live.summary ?? '',
            fieldCode: live.fieldCode ?? null,
            ipRights: live.ipRights ?? [],
          }
        : null,
      t,
    );
    const terms: ContractTerms = {
      ...drafted,
      seller: partyFromOrg(seller),
      buyer: partyFromOrg(buyer),
      amountFen: t.amountFen,
      techAmountFen: t.amountFen,
      paymentSchedule: scheduleFromPlan(t.paymentPlan, t.amountFen, start),
      startOn: start,
      endOn: addMonths(start, t.termMonths),
      signedOn: null,
      broker: deal.broker ? { name: deal.broker.name, certNo: '', commissionFen: deal.broker.commissionFen } : null,
    };
    const _id = new Types.ObjectId();
    const contractNo = contractNumber(_id);
    try {
      await this.models.Contract.create({
        _id,
        contractNo,
        originKey,
        source: 'deal',
        signing: 'platform',
        dealId: deal._id,
        negotiationId: room._id,
        sellerOrgId: seller._id,
        buyerOrgId: buyer._id,
        sellerRegion: seller.regionCode,
        submarketCode: room.submarketCode,
        terms,
        docHash: documentHash(contractNo, terms),
        status: 'draft',
        version: 1,
        statsDirty: true,
        stats: { v: 0, c: null },
        createdBy: new Types.ObjectId(user.id),
      });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      return { contract: (await this.models.Contract.findOne({ originKey }).lean<ContractRecord>())!, created: false };
    }
    await this.audit.record(user, {
      entity: 'contract',
      entityId: String(_id),
      action: 'create_from_deal',
      to: 'draft',
      ip: meta.ip,
    });
    const contract = (await this.models.Contract.findById(_id).lean<ContractRecord>())!;
    await this.notifier().notify(readyToSignNotice(contract), { orgIds: [contract.sellerOrgId, contract.buyerOrgId] });
    return { contract, created: true };
  }

  async storePrepared(doc: Awaited<ReturnType<ContractOrigins['paperContract']>>): Promise<boolean> {
    try {
      await this.models.Contract.create(doc);
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
    await this.stats.apply(doc._id);
    return true;
  }
}
