import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import type { ConfirmationBody, ContractTerms, ListContractsQuery } from '../../shared/contract-schemas';
import { liaoningRegionCodes } from '../../shared/taxonomy';
import { nullNotifier, type Notifier } from '../notifications/notify';
import { filedNotice, signedNotice } from './contract.notices';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { StatsService } from '../stats/stats.service';
import type { ContractModels, ContractRecord, RegistrationRecord, Signature } from './contract.model';
import { ContractOrigins, type ContractPeers } from './contract-origins';
import { canContract, officialFor, partySide } from './contract.policy';
import { nextContract, type ContractEvent } from './contract.state';
import { documentHash } from './contract-terms';
import { signatureBy } from './contract-ids';
import { ContractDirectory } from './contract-directory';
import { contractListFilter } from './contract-list';
import { filingRecord } from './filing-record';
import { contractChecks, failingBeforeSigning, failingForFiling, ruleDetails } from './contract-checks';

const today = () => new Date().toISOString().slice(0, 10);
type Meta = { ip?: string };

export { contractNumber, paperContractIdFor, partyFromOrg } from './contract-ids';

/**
 * Contracts: created from a deal (signed here by both parties), entered or imported as paper contracts,
 * edited (a change after a signature voids it), signed, and filed for registration. Every write bumps
 * `version`, is audited, and brings the tally up to date before answering.
 */
export class ContractsService {
  notify: Notifier = nullNotifier;

  private readonly origins: ContractOrigins;
  /** Reads for other modules and the seed (contract-directory.ts). */
  readonly directory: ContractDirectory;

  constructor(
    private readonly models: ContractModels,
    private readonly audit: AuditService,
    private readonly stats: StatsService,
    /** Deals, rooms, organisations and listings, read through the modules that own them. */
    peers: ContractPeers,
  ) {
    this.origins = new ContractOrigins(models, audit, stats, peers, () => this.notify);
    this.directory = new ContractDirectory(models.Contract);
  }

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
    const full = contractListFilter(user, q);
    if (!full) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, sumAmountFen: 0 };
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

  // Paper entry, deal drafting and seeded entries (contract-origins.ts), passed through: callers keep one service.
  paperContract: ContractOrigins['paperContract'] = (...a) => this.origins.paperContract(...a);
  createDirect: ContractOrigins['createDirect'] = (...a) => this.origins.createDirect(...a);
  fromDeal: ContractOrigins['fromDeal'] = (...a) => this.origins.fromDeal(...a);
  /** Stores a paper contract built by `paperContract` and tallies it; false when its id or origin exists. */
  storePrepared: ContractOrigins['storePrepared'] = (doc) => this.origins.storePrepared(doc);

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
    const terms: ContractTerms = {
      ...input,
      seller: c.terms.seller,
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
      terms.buyer.creditCode === c.terms.seller.creditCode
        ? null
        : await this.origins.linkedOrgId(terms.buyer.creditCode);
    const set = {
      terms,
      docHash,
      signatures: [...signatures, this.origins.entrySignature(user, docHash, meta.ip ?? null)],
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
    const signature = signatureBy(side, user, c.docHash, meta.ip ?? null);
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
    const reg = await filingRecord(this.models.Registration, c, seq, checks, note, user.id);
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
