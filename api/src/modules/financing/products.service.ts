import { Types } from 'mongoose';
import { AppError } from '../../http/errors';
import type { Page } from '../../http/route';
import {
  instrumentsByOrgType,
  isFinanceOrgType,
  isRequesterOrgType,
  type FinancingMeDto,
  type ProductBody,
  type ProductDto,
  type ProductListQuery,
} from '../../shared/financing';
import type { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth.types';
import type { OrgDirectory, OrgSummary } from '../orgs/org-directory';
import type { ProductRecord } from './financing.model';
import { requireInstitution, staffFor } from './financing.policy';
import { presentProduct } from './financing.presenter';
import type { FinancingRepository } from './financing.repository';
import { nextProductStatus } from './financing.state';

interface Meta {
  ip?: string;
}

/** The product's fields from a validated body, by name (never the body itself). */
const productFields = (b: ProductBody) => ({
  name: b.name,
  instrument: b.instrument,
  amountMinFen: b.amountMinFen,
  amountMaxFen: b.amountMaxFen,
  termMonthsMin: b.termMonthsMin,
  termMonthsMax: b.termMonthsMax,
  rateMinBp: b.rateMinBp,
  rateMaxBp: b.rateMaxBp,
  equityMinBp: b.equityMinBp,
  equityMaxBp: b.equityMaxBp,
  fields: b.fields,
  stages: b.stages,
  regions: b.regions,
  materials: b.materials,
  description: b.description,
});

/** Financing products: published by verified finance institutions, read by everyone in the catalogue. */
export class ProductsService {
  constructor(
    private readonly repo: FinancingRepository,
    private readonly orgs: OrgDirectory,
    private readonly audit: AuditService,
  ) {}

  /** What the caller can do in financing: the web app's menus and forms follow it. */
  async me(user: AuthUser): Promise<FinancingMeDto> {
    const staff = user.roles.some((r) => r === 'operator' || r === 'admin' || r === 'official');
    const org = await this.orgs.summary(user.orgId);
    if (org && isFinanceOrgType(org.type))
      return {
        role: 'institution',
        orgType: org.type,
        verified: org.verified,
        instruments: [...instrumentsByOrgType[org.type]],
      };
    if (org && isRequesterOrgType(org.type))
      return { role: 'requester', orgType: org.type, verified: org.verified, instruments: [] };
    return { role: staff ? 'staff' : 'none', orgType: org?.type ?? null, verified: !!org?.verified, instruments: [] };
  }

  async catalogue(q: ProductListQuery): Promise<Page<ProductDto>> {
    const { items, total } = await this.repo.listPublished(q);
    return { items: await this.present(items), total, page: q.page, pageSize: q.pageSize };
  }

  async mine(user: AuthUser): Promise<ProductDto[]> {
    requireInstitution(user, await this.orgs.summary(user.orgId));
    return this.present(await this.repo.productsOfOrg(user.orgId!));
  }

  /** Published: anyone. A draft or withdrawn one: its institution and staff; everyone else 404. */
  async get(viewer: AuthUser | null, id: string): Promise<ProductDto> {
    const p = await this.repo.findProduct(id);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.status !== 'published' && viewer?.orgId !== String(p.orgId)) {
      const org = await this.orgs.summary(p.orgId);
      if (!org || !staffFor(viewer, org.submarketCode)) throw new AppError('NOT_FOUND');
    }
    return (await this.present([p]))[0]!;
  }

  async create(user: AuthUser, body: ProductBody, meta: Meta): Promise<ProductDto> {
    const org = requireInstitution(user, await this.orgs.summary(user.orgId));
    this.checkInstrument(org, body);
    const p = await this.repo.createProduct({
      ...productFields(body),
      orgId: new Types.ObjectId(org.id),
      orgType: org.type,
      status: 'draft',
      publishedAt: null,
      createdBy: new Types.ObjectId(user.id),
      seedKey: null,
    });
    await this.audit.record(user, {
      entity: 'financing_product',
      entityId: String(p._id),
      action: 'create',
      to: 'draft',
      ...meta,
    });
    return (await this.present([p]))[0]!;
  }

  async update(user: AuthUser, id: string, body: ProductBody, meta: Meta): Promise<ProductDto> {
    const [org, p] = await this.owned(user, id);
    this.checkInstrument(org, body);
    const updated = await this.repo.updateProduct(p._id, p.orgId, { ...productFields(body), orgType: org.type });
    if (!updated) throw new AppError('NOT_FOUND');
    await this.audit.record(user, { entity: 'financing_product', entityId: id, action: 'update', ...meta });
    return (await this.present([updated]))[0]!;
  }

  async setStatus(user: AuthUser, id: string, action: 'publish' | 'withdraw', meta: Meta): Promise<ProductDto> {
    const [org, p] = await this.owned(user, id);
    const to = nextProductStatus(p.status, action);
    // The type may have changed (re-verified) since the product was written: publishing checks again.
    if (action === 'publish') this.checkInstrument(org, p);
    const set = { status: to, ...(action === 'publish' ? { publishedAt: new Date() } : {}) };
    const updated = await this.repo.updateProduct(p._id, p.orgId, set, p.status);
    if (!updated) throw new AppError('EDIT_CONFLICT');
    await this.audit.record(user, {
      entity: 'financing_product',
      entityId: id,
      action: action === 'publish' ? 'publish' : 'withdraw',
      from: p.status,
      to,
      ...meta,
    });
    return (await this.present([updated]))[0]!;
  }

  /** 422 with the allowed list when an institution offers what its type may not (a guarantor's equity). */
  private checkInstrument(org: OrgSummary, p: Pick<ProductBody, 'instrument'>): void {
    const allowed = isFinanceOrgType(org.type) ? instrumentsByOrgType[org.type] : [];
    if (!allowed.includes(p.instrument))
      throw new AppError('INSTRUMENT_NOT_ALLOWED', { orgType: org.type, instrument: p.instrument, allowed });
  }

  /** The caller's institution and its product; another institution's product is 404. */
  private async owned(user: AuthUser, id: string): Promise<[OrgSummary, ProductRecord]> {
    const org = requireInstitution(user, await this.orgs.summary(user.orgId));
    const p = await this.repo.findProduct(id);
    if (!p || String(p.orgId) !== org.id) throw new AppError('NOT_FOUND');
    return [org, p];
  }

  async present(items: ProductRecord[]): Promise<ProductDto[]> {
    const orgs = await this.orgs.summaries(items.map((p) => p.orgId));
    return items.map((p) => presentProduct(p, orgs));
  }
}
