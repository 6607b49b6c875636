import { Types, type Connection, type Model, type Schema } from 'mongoose';
import type { InterestStatus, ProductListQuery, ProductStatus, RequestStatus } from '../../shared/financing';
import {
  interestSchema,
  productSchema,
  requestSchema,
  type InterestRecord,
  type ProductRecord,
  type RequestRecord,
} from './financing.model';

type Filter = Record<string, unknown>;
const oid = (id: string | Types.ObjectId) => (typeof id === 'string' ? new Types.ObjectId(id) : id);
const valid = (id: string) => Types.ObjectId.isValid(id) && /^[a-f0-9]{24}$/i.test(id);
/** An empty list means "all": a filter on one value matches products naming it or naming none. */
const namesOrAll = (path: string, value: string) => ({ $or: [{ [path]: value }, { [path]: { $size: 0 } }] });

/** A model on this connection, registered once (a second app context on the same connection reuses it). */
function register<T>(conn: Connection, name: string, schema: Schema): Model<T> {
  return (conn.models[name] ?? conn.model(name, schema)) as unknown as Model<T>;
}

/** Matching reads at most this many candidates per question (a province has hundreds of products, not 10⁵). */
export const MATCH_CANDIDATES = 2_000;

/**
 * The only code that touches the financing collections: it registers their models on the app's
 * connection and returns plain objects (.lean()). Writes filter by id and owner together.
 */
export class FinancingRepository {
  readonly Product;
  readonly Request;
  readonly Interest;

  constructor(conn: Connection) {
    this.Product = register<ProductRecord>(conn, 'FinancingProduct', productSchema);
    this.Request = register<RequestRecord>(conn, 'FinancingRequest', requestSchema);
    this.Interest = register<InterestRecord>(conn, 'FinancingInterest', interestSchema);
  }

  /**
   * Awaits the index build Mongoose started when the models were registered (`init()` is that build, run
   * once). Calling createIndexes() beside it created each new collection twice at the same moment, which
   * mongo-java-server refuses ("already existed in system.namespaces").
   */
  async syncIndexes(): Promise<void> {
    await Promise.all([this.Product.init(), this.Request.init(), this.Interest.init()]);
  }

  // ---- products ----
  async createProduct(doc: Omit<ProductRecord, '_id' | 'createdAt' | 'updatedAt'>): Promise<ProductRecord> {
    return (await this.Product.create(doc)).toObject() as ProductRecord;
  }

  findProduct(id: string): Promise<ProductRecord | null> {
    return valid(id) ? this.Product.findById(id).lean<ProductRecord>() : Promise.resolve(null);
  }

  updateProduct(id: Types.ObjectId, orgId: Types.ObjectId, set: Filter, status?: ProductStatus) {
    const filter: Filter = { _id: id, orgId, ...(status ? { status } : {}) };
    return this.Product.findOneAndUpdate(filter, { $set: set }, { new: true }).lean<ProductRecord>();
  }

  async listPublished(q: ProductListQuery): Promise<{ items: ProductRecord[]; total: number }> {
    const and: Filter[] = [{ status: 'published' }];
    if (q.instrument) and.push({ instrument: q.instrument });
    if (q.orgType) and.push({ orgType: q.orgType });
    if (q.field) and.push(namesOrAll('fields', q.field));
    if (q.region) and.push(namesOrAll('regions', q.region));
    if (q.amountFen !== undefined)
      and.push({ amountMinFen: { $lte: q.amountFen }, amountMaxFen: { $gte: q.amountFen } });
    const filter = { $and: and };
    const [items, total] = await Promise.all([
      this.Product.find(filter)
        .sort({ publishedAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<ProductRecord[]>(),
      this.Product.countDocuments(filter),
    ]);
    return { items, total };
  }

  productsOfOrg(orgId: string, status?: ProductStatus): Promise<ProductRecord[]> {
    return this.Product.find({ orgId: oid(orgId), ...(status ? { status } : {}) })
      .sort({ updatedAt: -1 })
      .limit(500)
      .lean<ProductRecord[]>();
  }

  /** Published products whose amount range holds the amount: the candidates a request is scored against. */
  publishedHolding(amountFen: number): Promise<ProductRecord[]> {
    return this.Product.find({
      status: 'published',
      amountMinFen: { $lte: amountFen },
      amountMaxFen: { $gte: amountFen },
    })
      .limit(MATCH_CANDIDATES)
      .lean<ProductRecord[]>();
  }

  productsByIds(ids: Array<Types.ObjectId | null>): Promise<ProductRecord[]> {
    const list = ids.filter((x): x is Types.ObjectId => !!x);
    if (!list.length) return Promise.resolve([]);
    return this.Product.find({ _id: { $in: list } }).lean<ProductRecord[]>();
  }

  async publishedCounts(): Promise<{ published: number; institutions: number }> {
    const rows = await this.Product.find({ status: 'published' }, { orgId: 1 }).limit(50_000).lean();
    return { published: rows.length, institutions: new Set(rows.map((r) => String(r.orgId))).size };
  }

  // ---- requests ----
  async createRequest(doc: Omit<RequestRecord, '_id' | 'createdAt' | 'updatedAt'>): Promise<RequestRecord> {
    return (await this.Request.create(doc)).toObject() as RequestRecord;
  }

  findRequest(id: string): Promise<RequestRecord | null> {
    return valid(id) ? this.Request.findById(id).lean<RequestRecord>() : Promise.resolve(null);
  }

  /** Changes a request only while it is still in one of the states the caller read (no lost transitions). */
  updateRequest(id: Types.ObjectId, orgId: Types.ObjectId | null, from: RequestStatus[], set: Filter) {
    const filter: Filter = { _id: id, status: { $in: from }, ...(orgId ? { orgId } : {}) };
    return this.Request.findOneAndUpdate(filter, { $set: set }, { new: true }).lean<RequestRecord>();
  }

  async requestsOfOrg(orgId: string, q: { status?: RequestStatus; page: number; pageSize: number }) {
    const filter: Filter = { orgId: oid(orgId), ...(q.status ? { status: q.status } : {}) };
    const [items, total] = await Promise.all([
      this.Request.find(filter)
        .sort({ updatedAt: -1, _id: -1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .lean<RequestRecord[]>(),
      this.Request.countDocuments(filter),
    ]);
    return { items, total };
  }

  /** Open (and matched) requests whose amount lies in [min, max]: candidates for an institution's products. */
  answerableInAmountRange(minFen: number, maxFen: number, exceptOrg: string): Promise<RequestRecord[]> {
    return this.Request.find({
      status: { $in: ['open', 'matched'] },
      amountFen: { $gte: minFen, $lte: maxFen },
      orgId: { $ne: oid(exceptOrg) },
    })
      .sort({ openedAt: -1, _id: -1 })
      .limit(MATCH_CANDIDATES)
      .lean<RequestRecord[]>();
  }

  requestsByIds(ids: Types.ObjectId[]): Promise<RequestRecord[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.Request.find({ _id: { $in: ids } }).lean<RequestRecord[]>();
  }

  /** Status and amount of every request in scope, for the pipeline's counts. */
  requestTotals(scope: Filter): Promise<Array<Pick<RequestRecord, 'status' | 'amountFen'>>> {
    return this.Request.find(scope, { status: 1, amountFen: 1 })
      .limit(200_000)
      .lean<Array<Pick<RequestRecord, 'status' | 'amountFen'>>>();
  }

  recentRequests(scope: Filter, limit: number): Promise<RequestRecord[]> {
    return this.Request.find({ $and: [scope, { status: { $ne: 'draft' } }] })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(limit)
      .lean<RequestRecord[]>();
  }

  /** Whether an institution the requester accepted may read this file of a request (attachments' reader). */
  async disclosedFileTo(orgId: string, attachmentId: string): Promise<boolean> {
    const holders = await this.Request.find({ attachmentIds: attachmentId }, { _id: 1 }).limit(50).lean();
    if (!holders.length) return false;
    const found = await this.Interest.exists({
      requestId: { $in: holders.map((h) => h._id) },
      institutionOrgId: oid(orgId),
      status: { $in: ['accepted', 'term_sheet', 'signed', 'declined'] },
    });
    return !!found;
  }

  // ---- interests ----
  /** One per institution and request: a second call returns the first (created: false). */
  async createInterest(
    doc: Omit<InterestRecord, '_id' | 'createdAt' | 'updatedAt'>,
  ): Promise<{ interest: InterestRecord; created: boolean }> {
    try {
      return { interest: (await this.Interest.create(doc)).toObject() as InterestRecord, created: true };
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      const existing = await this.Interest.findOne({ key: doc.key }).lean<InterestRecord>();
      if (!existing) throw err;
      return { interest: existing, created: false };
    }
  }

  findInterest(id: string): Promise<InterestRecord | null> {
    return valid(id) ? this.Interest.findById(id).lean<InterestRecord>() : Promise.resolve(null);
  }

  interestsOfRequest(requestId: Types.ObjectId): Promise<InterestRecord[]> {
    return this.Interest.find({ requestId }).sort({ createdAt: 1 }).limit(500).lean<InterestRecord[]>();
  }

  interestsOfInstitution(orgId: string, requestIds?: Types.ObjectId[]): Promise<InterestRecord[]> {
    const filter: Filter = { institutionOrgId: oid(orgId) };
    if (requestIds) filter.requestId = { $in: requestIds };
    return this.Interest.find(filter).sort({ updatedAt: -1 }).limit(2_000).lean<InterestRecord[]>();
  }

  /** Moves an interest on only from the status the caller read. */
  transitionInterest(id: Types.ObjectId, from: InterestStatus, set: Filter) {
    return this.Interest.findOneAndUpdate(
      { _id: id, status: from },
      { $set: set },
      { new: true },
    ).lean<InterestRecord>();
  }

  setInterestRoom(id: Types.ObjectId, negotiationId: string) {
    return this.Interest.updateOne({ _id: id, negotiationId: null }, { $set: { negotiationId: oid(negotiationId) } });
  }

  interestTotals(scope: Filter): Promise<Array<Pick<InterestRecord, 'status' | 'requestId'>>> {
    return this.Interest.find(scope, { status: 1, requestId: 1 })
      .limit(200_000)
      .lean<Array<Pick<InterestRecord, 'status' | 'requestId'>>>();
  }

  /** Interests the requester accepted (whatever came after), for the officials' figures. */
  matchedInterests(scope: Filter): Promise<InterestRecord[]> {
    return this.Interest.find({ $and: [scope, { status: { $in: ['accepted', 'term_sheet', 'signed', 'declined'] } }] })
      .limit(200_000)
      .lean<InterestRecord[]>();
  }

  // ---- demo seed (idempotent by seedKey) ----
  async seedOnce<K extends 'Product' | 'Request' | 'Interest'>(
    kind: K,
    seedKey: string,
    doc: Filter,
  ): Promise<boolean> {
    const model = this[kind] as unknown as Model<unknown>;
    try {
      const res = await model.updateOne({ seedKey }, { $setOnInsert: { ...doc, seedKey } }, { upsert: true });
      return res.upsertedCount > 0;
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
  }

  seededId(kind: 'Product' | 'Request' | 'Interest', seedKey: string): Promise<{ _id: Types.ObjectId } | null> {
    const model = this[kind] as unknown as Model<unknown>;
    return model.findOne({ seedKey }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
  }
}
