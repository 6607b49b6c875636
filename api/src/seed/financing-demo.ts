import type { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { submarketForRegion } from '../shared/taxonomy';
import { demoOrgs } from './demo-data';
import type { DemoInterest } from './financing-demo-data';
import { demoProducts } from './financing-demo-products';
import { demoRequests } from './financing-demo-requests';

const SYSTEM = '000000000000000000000001';
const wanFen = (wan: number) => Math.round(wan * 1_000_000);
const bp = (pct: number) => Math.round(pct * 100);
const day = (n: number) => new Date(Date.UTC(2026, 8, 1, 2) + n * 86_400_000);

/**
 * The financing demo: 20 products of the nine finance institutions and 30 requests in every state with
 * their institutions' interests and outcomes. Written through the financing repository (the module owns
 * these collections), idempotent by seedKey. Seeded rooms are not opened: accepting a new interest opens one.
 */
export async function seedFinancing(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { repo } = ctx.services.financing;
  const orgType = new Map(demoOrgs.map((o) => [o.key, o]));
  let created = 0;
  const productIds = new Map<string, { id: Types.ObjectId; orgKey: string }>();
  for (const [i, p] of demoProducts.entries()) {
    const rate = p.instrument !== 'equity';
    created += Number(
      await repo.seedOnce('Product', `fin:${p.key}`, {
        orgId: orgIds.get(p.orgKey),
        orgType: orgType.get(p.orgKey)!.type,
        name: p.name,
        instrument: p.instrument,
        amountMinFen: wanFen(p.amount[0]),
        amountMaxFen: wanFen(p.amount[1]),
        termMonthsMin: p.term[0],
        termMonthsMax: p.term[1],
        rateMinBp: rate ? bp(p.pct[0]) : null,
        rateMaxBp: rate ? bp(p.pct[1]) : null,
        equityMinBp: rate ? null : bp(p.pct[0]),
        equityMaxBp: rate ? null : bp(p.pct[1]),
        fields: p.fields,
        stages: p.stages,
        regions: p.regions,
        materials: p.materials,
        description: p.description,
        status: 'published',
        publishedAt: day(i),
        createdBy: SYSTEM,
      }),
    );
    const row = await repo.seededId('Product', `fin:${p.key}`);
    productIds.set(p.key, { id: row!._id, orgKey: p.orgKey });
  }
  for (const [i, r] of demoRequests.entries()) {
    const org = orgType.get(r.orgKey)!;
    const opened = r.status === 'draft' ? null : day(20 + i);
    const matched = r.status === 'matched' || r.interests?.some((x) => !['expressed', 'rejected'].includes(x.status));
    created += Number(
      await repo.seedOnce('Request', `fin:${r.key}`, {
        orgId: orgIds.get(r.orgKey),
        orgType: org.type,
        regionCode: org.regionCode,
        submarketCode: submarketForRegion(org.regionCode),
        title: r.title,
        amountFen: wanFen(r.amount),
        instruments: r.instruments ?? [],
        termMonths: 36,
        fieldCode: r.field,
        stage: r.stage,
        summary: r.summary,
        useOfFunds: r.useOfFunds,
        collateral: r.collateral,
        ipOffered: r.ipOffered ?? [],
        attachmentIds: [],
        tie: null,
        status: r.status,
        closeReason: r.closeReason ?? null,
        openedAt: opened,
        matchedAt: matched && opened ? day(27 + i) : null,
        closedAt: r.status === 'closed' ? day(60 + i) : null,
        createdBy: SYSTEM,
      }),
    );
    const request = (await repo.seededId('Request', `fin:${r.key}`))!;
    for (const [j, x] of (r.interests ?? []).entries()) {
      const product = productIds.get(x.productKey)!;
      created += Number(
        await repo.seedOnce('Interest', `fin:${r.key}:${x.productKey}`, {
          requestId: request._id,
          requesterOrgId: orgIds.get(r.orgKey),
          institutionOrgId: orgIds.get(product.orgKey),
          key: `${request._id}:${orgIds.get(product.orgKey)}`,
          productId: product.id,
          message: '我们的产品与贵方需求匹配，愿意进一步沟通。',
          privateNote: '',
          status: x.status,
          outcome: outcomeOf(x, demoProducts.find((p) => p.key === x.productKey)!.instrument, day(45 + i + j)),
          regionCode: org.regionCode,
          submarketCode: submarketForRegion(org.regionCode),
          fieldCode: r.field,
          negotiationId: null,
          decidedAt: x.status === 'expressed' ? null : day(27 + i),
          createdBy: SYSTEM,
        }),
      );
    }
  }
  return created;
}

function outcomeOf(x: DemoInterest, instrument: string, at: Date) {
  if (x.status === 'term_sheet' || x.status === 'signed')
    return { kind: x.status, amountFen: wanFen(x.amount!), instrument, termMonths: 36, reason: null, recordedAt: at };
  if (x.status === 'declined')
    return { kind: 'declined', amountFen: null, instrument: null, termMonths: null, reason: x.reason, recordedAt: at };
  return null;
}
