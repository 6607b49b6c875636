import crypto from 'node:crypto';
import { Types } from 'mongoose';
import type { Models } from '../../db/models';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { ConfirmationBody, ContractTerms, ListContractsQuery } from '../../shared/contract-schemas';
import { LIAONING, liaoningRegionCodes, submarketForRegion } from '../../shared/taxonomy';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { filedNotice, readyToSignNotice, signedNotice } from './contract.notices';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { RoomDirectory } from '../negotiations/room-directory';
import type { OrgRecord } from '../orgs/org.model';
import type { StatsService } from '../stats/stats.service';
import type { ContractRecord, RegistrationRecord, Signature } from './contract.model';
import { canContract, officialFor, partySide } from './contract.policy';
import { nextContract, type ContractEvent } from './contract.state';
import { documentHash, scheduleFromPlan, addMonths } from './contract-terms';
import { draftFromListing, type DraftListing } from './deal-draft';
import { RULES_VERSION } from './registration.rules';
import { keptSeller, partyFromOrg } from './maker-party';
import { contractChecks, failingBeforeSigning, failingForFiling, ruleDetails } from './contract-checks';

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const today = () => new Date().toISOString().slice(0, 10);
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Meta = { ip?: string };

/** The id of the paper contract an organisation enters under an Idempotency-Key (the payments derive theirs the same way). */
export const paperContractIdFor = (orgId: string, key: string) =>
  new Types.ObjectId(crypto.createHash('sha256').update(`paper-contract:${orgId}:${key}`).digest('hex').slice(0, 24));

/** A contract's new number: date plus the tail of its id (unique index backs it). */
export const contractNumber = (id: Types.ObjectId, at = new Date()) =>
  `JS${at.toISOString().slice(0, 10).replace(/-/g, '')}${String(id).slice(-8).toUpperCase()}`;

/**
 * Contracts: created from a deal (signed here by both parties), entered or imported as paper contracts,
 * edited (a change after a signature voids it), signed, and filed for registration. Every write bumps
 * `version`, is audited, and brings the tally up to date before answering.
 */
export class ContractsService {
  notify: Notifier = nullNotifier;

  constructor(
    private readonly models: Models,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
    /** Deals and rooms, read through the negotiations module (it owns them). */
    private readonly rooms: RoomDirectory,
  ) {}

  async load(
    user: AuthUser | null,
    id: string,
    action: 'read' | 'edit' | 'sign' | 'confirm' | 'file',
  ): Promise<ContractRecord> {
    const c = await this.models.Contract.findById(id).lean<ContractRecord>();
    if (!c || !canContract(user, 'read', c)) throw new AppError('NOT_FOUND');
    if (action !== 'read' && !canContract(user, action, c))
      throw new AppError(partySide(user, c) ? 'INVALID_STATE' : 'FORBIDDEN', { status: c.status });
    return c;
  }

  /** One page of the caller's contracts, the number that match and their total contract amount (合同成交额). */
  async list(user: AuthUser, q: ListContractsQuery): Promise<Page<ContractRecord> & { sumAmountFen: number }> {
    const filter: Record<string, unknown> = {};
    const and: Record<string, unknown>[] = [];
    if (user.roles.includes('admin')) {
      /* everything */
    } else if (user.roles.includes('official') && user.officialRegion) {
      if (user.officialRegion !== LIAONING) filter.sellerRegion = user.officialRegion;
      and.push({ status: { $in: ['signed', 'filed', 'registered', 'rejected'] } });
    } else if (user.orgId) {
      and.push({
        $or: [{ sellerOrgId: new Types.ObjectId(user.orgId) }, { buyerOrgId: new Types.ObjectId(user.orgId) }],
      });
    } else return { items: [], total: 0, page: q.page, pageSize: q.pageSize, sumAmountFen: 0 };
    if (q.status) and.push({ status: q.status });
    if (q.category) filter['terms.category'] = q.category;
    if (q.fieldCode) filter['terms.fieldCode'] = q.fieldCode;
    if (q.sellerRegion) and.push({ sellerRegion: q.sellerRegion });
    if (q.buyerRegion) filter['terms.buyer.regionCode'] = q.buyerRegion;
    // The tally's month of a contract is the one its rollup contribution carries.
    if (q.from || q.to) {
      const m: Record<string, number> = {};
      if (q.from) m.$gte = Number(q.from.replace('-', ''));
      if (q.to) m.$lte = Number(q.to.replace('-', ''));
      filter['stats.c.month'] = m;
    }
    if (q.q)
      and.push({
        $or: [{ 'terms.title': { $regex: escapeRegex(q.q) } }, { contractNo: { $regex: escapeRegex(q.q) } }],
      });
    const full = and.length ? { ...filter, $and: and } : filter;
    const [items, total, sums] = await Promise.all([
      this.models.Contract.find(full)
        .sort({ updatedAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<ContractRecord[]>(),
      this.models.Contract.countDocuments(full),
      this.models.Contract.aggregate<{ amountFen: number }>([
        { $match: full },
        { $group: { _id: null, amountFen: { $sum: '$terms.amountFen' } } },
      ]),
    ]);
    return { items, total, page: q.page, pageSize: q.pageSize, sumAmountFen: sums[0]?.amountFen ?? 0 };
  }

  async detail(user: AuthUser, id: string) {
    const c = await this.load(user, id, 'read');
    const [registrations, history] = await Promise.all([
      this.models.Registration.find({ contractId: c._id }).sort({ seq: 1 }).lean<RegistrationRecord[]>(),
      this.audit.history('contract', id),
    ]);
    return { contract: c, registrations, history };
  }

  private async myOrg(user: AuthUser): Promise<OrgRecord> {
    if (!user.orgId) throw new AppError('NOT_ORG_MEMBER');
    const org = await this.models.Org.findById(user.orgId).lean<OrgRecord>();
    if (!org) throw new AppError('NOT_ORG_MEMBER');
    if (org.verification?.status !== 'verified') throw new AppError('ORG_NOT_VERIFIED');
    return org;
  }

  private async linkedOrgId(creditCode: string): Promise<Types.ObjectId | null> {
    const o = await this.models.Org.findOne({ creditCode, 'verification.status': 'verified' }, { _id: 1 }).lean();
    return (o?._id as Types.ObjectId | undefined) ?? null;
  }

  /** The seller's entry of a paper contract, recorded as its signature of that document version. */
  private entrySignature(user: Pick<AuthUser, 'id' | 'name'>, docHash: string, ip: string | null): Signature {
    return { side: 'seller', userId: user.id, userName: user.name, at: new Date(), ip, docHash, valid: true };
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
    const terms: ContractTerms = { ...input, seller: partyFromOrg(org, input.seller) };
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
    const deal = await this.rooms.deal(dealId);
    const mine = deal && user.orgId && [String(deal.sellerOrgId), String(deal.buyerOrgId)].includes(user.orgId);
    if (!deal || !mine) throw new AppError('NOT_FOUND');
    const originKey = `deal:${dealId}`;
    const existing = await this.models.Contract.findOne({ originKey }).lean<ContractRecord>();
    if (existing) return { contract: existing, created: false };
    const [seller, buyer, room] = await Promise.all([
      this.models.Org.findById(deal.sellerOrgId).lean<OrgRecord>(),
      this.models.Org.findById(deal.buyerOrgId).lean<OrgRecord>(),
      this.rooms.room(String(deal.negotiationId)),
    ]);
    if (!seller || !buyer || !room) throw new AppError('NOT_FOUND');
    type LiveListing = { live?: Partial<DraftListing> & { ipRights?: DraftListing['ipRights'] } };
    const listing =
      room.subject.kind === 'achievement'
        ? await this.models.Achievement.findById(room.subject.id).lean<LiveListing>()
        : room.subject.kind === 'need'
          ? await this.models.Need.findById(room.subject.id).lean<LiveListing>()
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
    await this.notify.notify(readyToSignNotice(contract), { orgIds: [contract.sellerOrgId, contract.buyerOrgId] });
    return { contract, created: true };
  }

  /** Moves a contract by the table with its version and status in the filter; EDIT_CONFLICT when it moved on. */
  private async transition(
    user: AuthUser,
    c: ContractRecord,
    event: ContractEvent,
    update: Record<string, unknown>,
    meta: Meta & { reason?: string },
  ): Promise<ContractRecord> {
    const to = nextContract(c.status, event);
    if (!to) throw new AppError('INVALID_STATE', { status: c.status });
    const set = (update.$set as Record<string, unknown> | undefined) ?? {};
    const res = await this.models.Contract.updateOne(
      { _id: c._id, version: c.version, status: c.status },
      { ...update, $set: { ...set, status: to, statsDirty: true }, $inc: { version: 1 } },
    );
    if (res.modifiedCount !== 1) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'contract',
      entityId: String(c._id),
      action: event,
      from: c.status,
      to,
      ip: meta.ip,
      reason: meta.reason,
    });
    await this.stats.apply(c._id);
    return (await this.models.Contract.findById(c._id).lean<ContractRecord>())!;
  }

  async update(
    user: AuthUser,
    id: string,
    input: ContractTerms,
    expectedVersion: number,
    meta: Meta,
  ): Promise<ContractRecord> {
    const c0 = await this.models.Contract.findById(id).lean<ContractRecord>();
    if (c0 && c0.signing === 'platform' && partySide(user, c0) && ['signed', 'filed', 'registered'].includes(c0.status))
      throw new AppError('CONTRACT_SIGNED', { status: c0.status });
    const c = await this.load(user, id, 'edit');
    if (c.version !== expectedVersion) throw new AppError('EDIT_CONFLICT');
    // Who the parties are does not change by an edit: the organisations' own records stay.
    const sellerOrg =
      c.terms.seller.idType === 'resident_id' && c.sellerOrgId
        ? await this.models.Org.findById(c.sellerOrgId).lean<OrgRecord>()
        : null;
    const terms: ContractTerms = {
      ...input,
      seller: keptSeller(c.terms.seller, input.seller, sellerOrg),
      buyer: c.signing === 'platform' ? c.terms.buyer : input.buyer,
      signedOn: c.signing === 'platform' ? null : input.signedOn,
    };
    if (c.signing === 'paper' && !terms.signedOn)
      throw new AppError('VALIDATION_FAILED', [
        { in: 'body', path: 'terms.signedOn', message: 'a paper contract needs its signing date' },
      ]);
    const docHash = documentHash(c.contractNo, terms);
    if (docHash === c.docHash) return c;
    const signatures = c.signatures.map((s) => ({ ...s, valid: false }));
    if (c.signing === 'platform')
      return this.transition(
        user,
        c,
        'edit',
        { $set: { terms, docHash, signatures } },
        { ...meta, reason: c.signatures.some((s) => s.valid) ? 'signatures voided' : undefined },
      );
    // A paper contract: the seller's corrected entry is its new signature; a buyer on the platform confirms again.
    const voided = c.signatures.some((s) => s.valid && s.side === 'buyer');
    const buyerOrgId =
      terms.buyer.creditCode === c.terms.seller.creditCode ? null : await this.linkedOrgId(terms.buyer.creditCode);
    const set = {
      terms,
      docHash,
      signatures: [...signatures, this.entrySignature(user, docHash, meta.ip ?? null)],
      buyerOrgId,
      confirmation: null,
    };
    return this.transition(
      user,
      c,
      buyerOrgId ? 'edit_unconfirmed' : 'edit_paper',
      { $set: set },
      { ...meta, reason: voided ? "the buyer's confirmation voided" : undefined },
    );
  }

  /**
   * The buyer named in a paper contract accepts the document version it read (its hash; recorded as its
   * signature, so the contract is signed by both) or declines it with a reason the seller sees. A retried
   * acceptance of the same version answers the contract.
   */
  async confirmation(user: AuthUser, id: string, body: ConfirmationBody, meta: Meta): Promise<ContractRecord> {
    const c = await this.load(user, id, 'read');
    if (c.signing !== 'paper' || partySide(user, c) !== 'buyer')
      throw new AppError('FORBIDDEN', { reason: 'only the buyer named in a paper contract confirms it' });
    const decided = { byName: user.name, at: new Date() };
    if (body.decision === 'accept') {
      if (
        c.status === 'signed' &&
        c.signatures.some((s) => s.valid && s.side === 'buyer' && s.docHash === body.docHash)
      )
        return c;
      if (!canContract(user, 'confirm', c)) throw new AppError('INVALID_STATE', { status: c.status });
      if (body.docHash !== c.docHash)
        throw new AppError('EDIT_CONFLICT', { reason: 'the terms changed since you read them' });
      const signature: Signature = {
        side: 'buyer',
        userId: user.id,
        userName: user.name,
        at: decided.at,
        ip: meta.ip ?? null,
        docHash: c.docHash,
        valid: true,
      };
      return this.transition(
        user,
        c,
        'confirm',
        { $push: { signatures: signature }, $set: { confirmation: { status: 'confirmed', reason: null, ...decided } } },
        meta,
      );
    }
    if (!canContract(user, 'confirm', c)) throw new AppError('INVALID_STATE', { status: c.status });
    return this.transition(
      user,
      c,
      'decline',
      { $set: { confirmation: { status: 'declined', reason: body.reason, ...decided } } },
      { ...meta, reason: body.reason },
    );
  }

  async sign(
    user: AuthUser,
    id: string,
    body: { side?: 'seller' | 'buyer'; docHash: string },
    meta: Meta,
  ): Promise<ContractRecord> {
    const c = await this.load(user, id, 'read');
    const side = partySide(user, c);
    if (!side || (body.side && side !== body.side))
      throw new AppError('FORBIDDEN', { reason: 'a party signs only for its own side' });
    if (c.signatures.some((s) => s.valid && s.side === side && s.docHash === c.docHash))
      throw new AppError('ALREADY_SIGNED', { side });
    if (!canContract(user, 'sign', c)) throw new AppError('INVALID_STATE', { status: c.status });
    if (body.docHash !== c.docHash)
      throw new AppError('EDIT_CONFLICT', { reason: 'the terms changed since you read them' });
    const failing = failingBeforeSigning(contractChecks(c));
    if (failing.length) throw new AppError('SIGNING_RULES_FAILED', ruleDetails(failing));
    const signature: Signature = {
      side,
      userId: user.id,
      userName: user.name,
      at: new Date(),
      ip: meta.ip ?? null,
      docHash: c.docHash,
      valid: true,
    };
    const last = c.signatures.some((s) => s.valid && s.side !== side);
    const signed = await this.transition(
      user,
      c,
      last ? 'sign_last' : 'sign',
      { $push: { signatures: signature }, ...(last ? { $set: { 'terms.signedOn': today() } } : {}) },
      meta,
    );
    const other = side === 'seller' ? c.buyerOrgId : c.sellerOrgId;
    await this.notify.notify(signedNotice(signed, side, last), {
      orgIds: last ? [c.sellerOrgId, c.buyerOrgId] : [other],
      except: [user.id],
    });
    return signed;
  }

  /** The seller files: the rule table runs, a registration record is made (once per filing), the contract is filed. */
  async file(
    user: AuthUser,
    id: string,
    note: string,
    meta: Meta,
  ): Promise<{ contract: ContractRecord; registration: RegistrationRecord }> {
    const c = await this.load(user, id, 'file');
    const checks = contractChecks(c);
    const failed = failingForFiling(checks);
    if (failed.length) throw new AppError('REGISTRATION_RULES_FAILED', ruleDetails(failed));
    if (!liaoningRegionCodes.includes(c.sellerRegion)) throw new AppError('INVALID_STATE');
    const seq = c.filings + 1;
    let reg: RegistrationRecord;
    try {
      const doc = await this.models.Registration.create({
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
        filedBy: new Types.ObjectId(user.id),
        filedAt: new Date(),
      });
      reg = doc.toObject() as RegistrationRecord;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      reg = (await this.models.Registration.findOne({ contractId: c._id, seq }).lean<RegistrationRecord>())!;
    }
    const contract = await this.transition(
      user,
      c,
      'file',
      { $set: { currentRegistrationId: reg._id, filings: seq } },
      meta,
    );
    await this.audit.record(user, {
      entity: 'registration',
      entityId: String(reg._id),
      action: 'file',
      to: 'pending',
      ip: meta.ip,
    });
    await this.notify.notify(filedNotice(contract, seq), { orgIds: [c.sellerOrgId, c.buyerOrgId], except: [user.id] });
    return { contract, registration: reg };
  }

  /** Officials' view of who may read a contract's registration record. */
  static officialFor = officialFor;
}
