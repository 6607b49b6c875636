import { Types } from 'mongoose';
import { contractNumber } from '../modules/contracts/contracts.service';
import { documentHash } from '../modules/contracts/contract-terms';
import { checkRegistration, RULES_VERSION } from '../modules/contracts/registration.rules';
import { contractSubTypes, type ContractCategory, type ContractTerms } from '../shared/contract-schemas';
import { withCheckChar } from '../shared/credit-code';
import { submarketForRegion, technicalFields } from '../shared/taxonomy';
import { demoCreditCode, demoOrgs } from './demo-data';
import {
  amountFen,
  bizWords,
  cityNames,
  cityWeights,
  day,
  outside,
  pick,
  rng,
  subjects,
  weighted,
} from './contract-demo-pools';

/**
 * About 2,000 technology contracts over 2024–2026 across every city, field and category, most registered
 * (domain.md §7 amounts: mostly tens of thousands to a few million 元, a few tens of millions), plus a
 * 2026 target per region. Deterministic (a seeded generator) and keyed `seed:contract:<n>`, inserted with
 * insertMany in batches and tallied with one bulk apply, so a restart adds nothing and the seed stays fast.
 */
export const DEMO_CONTRACTS = 2_000;

export function demoContracts(orgIds: Map<string, Types.ObjectId>, now = new Date()) {
  const r = rng(2026);
  const sellers = demoOrgs
    .filter((o) => o.verified && ['university', 'institute'].includes(o.type))
    .map((o) => ({ o, code: demoCreditCode(o, demoOrgs.indexOf(o)) }));
  const buyers = demoOrgs
    .filter((o) => o.verified && o.type === 'enterprise')
    .map((o) => ({ o, code: demoCreditCode(o, demoOrgs.indexOf(o)) }));
  const start = Date.UTC(2024, 0, 1);
  const span = now.getTime() - start;
  const out: Array<{ key: string; contract: Record<string, unknown>; registration: Record<string, unknown> | null }> =
    [];
  for (let n = 1; n <= DEMO_CONTRACTS; n++) {
    // Growth: later dates are likelier (sqrt skews toward now).
    const signed = new Date(start + Math.sqrt(r()) * span);
    const sellerCity = weighted(r, cityWeights);
    const demoSeller = sellers.filter((s) => s.o.regionCode === sellerCity);
    const useDemo = demoSeller.length > 0 && r() < 0.6;
    const sellerDemo = useDemo ? pick(r, demoSeller) : null;
    const seller: ContractTerms['seller'] = sellerDemo
      ? { name: sellerDemo.o.name, creditCode: sellerDemo.code, regionCode: sellerCity, orgType: sellerDemo.o.type }
      : {
          name: `${cityNames[sellerCity]}${pick(r, bizWords)}${pick(r, ['研究院有限公司', '科技有限公司', '技术研究所'])}`,
          creditCode: withCheckChar(`91${sellerCity}${String(n).padStart(9, '0')}`),
          regionCode: sellerCity,
          orgType: weighted(r, [
            ['enterprise', 5],
            ['rd_institution', 3],
            ['institute', 2],
          ]),
        };
    const flow = weighted(r, [
      ['intra', 58],
      ['inter', 37],
      ['abroad', 5],
    ]);
    const buyerCity =
      flow === 'intra'
        ? weighted(r, cityWeights)
        : flow === 'abroad'
          ? '990000'
          : weighted(
              r,
              outside.map(([c, w]) => [c, w] as [string, number]),
            );
    const demoBuyer = flow === 'intra' ? buyers.filter((b) => b.o.regionCode === buyerCity) : [];
    const buyerDemo = demoBuyer.length && r() < 0.5 ? pick(r, demoBuyer) : null;
    const place =
      flow === 'abroad'
        ? pick(r, ['德国', '俄罗斯', '韩国', '日本'])
        : flow === 'inter'
          ? outside.find((o) => o[0] === buyerCity)![2]
          : cityNames[buyerCity];
    const buyer: ContractTerms['buyer'] = buyerDemo
      ? { name: buyerDemo.o.name, creditCode: buyerDemo.code, regionCode: buyerCity, orgType: 'enterprise' }
      : {
          name: `${place}${pick(r, bizWords)}${flow === 'abroad' ? ' GmbH' : '有限公司'}`,
          creditCode:
            flow === 'abroad' ? `EX-${n}` : withCheckChar(`91${buyerCity}${String(n + 500_000).padStart(9, '0')}`),
          regionCode: buyerCity,
          orgType: weighted(r, [
            ['enterprise', 9],
            ['university', 1],
          ]),
        };
    const category = weighted<ContractCategory>(r, [
      ['development', 35],
      ['service', 30],
      ['consulting', 13],
      ['transfer', 12],
      ['license', 10],
    ]);
    const field = weighted(
      r,
      technicalFields.map(
        (f) => [f, ['EQP', 'MAT', 'ICT', 'CHE', 'NEN'].includes(f.code) ? 4 : 1.5] as [typeof f, number],
      ),
    );
    const sub = pick(r, field.children);
    const amount = amountFen(r);
    const tech =
      category === 'consulting' || category === 'service'
        ? Math.round((amount * (0.8 + r() * 0.2)) / 100) * 100
        : amount;
    const ip: ContractTerms['ip'] =
      ['transfer', 'license'].includes(category) || r() < 0.2
        ? [
            {
              type: weighted(r, [
                ['invention', 6],
                ['utility', 2],
                ['software', 1],
                ['know_how', 2],
              ]),
              number: `ZL20${18 + Math.floor(r() * 6)}1${String(Math.floor(r() * 1e7)).padStart(7, '0')}.${Math.floor(r() * 10)}`,
              title: `${sub.zh}相关技术`,
            },
          ]
        : [];
    const broker =
      r() < 0.3
        ? {
            name: pick(r, ['陈经纪人', '刘技术经理人', '王技术经纪人', '李技术经理人']),
            certNo: pick(r, ['LN-TB-2025-0386', 'LN-TB-2024-0112', 'LN-TB-2023-0458', 'LN-TB-2025-0027']),
            commissionFen: Math.floor(amount * 0.03),
          }
        : null;
    const terms: ContractTerms = {
      title: `${sub.zh}${{ development: '技术开发', transfer: '技术转让', license: '技术许可', consulting: '技术咨询', service: '技术服务' }[category]}合同`,
      category,
      subType: pick(r, contractSubTypes[category]).code,
      fieldCode: field.code,
      subject: pick(r, subjects[category]).replace('{f}', sub.zh),
      seller,
      buyer,
      amountFen: amount,
      techAmountFen: tech,
      paymentSchedule: [],
      startOn: day(signed),
      endOn: day(new Date(signed.getTime() + (6 + Math.floor(r() * 30)) * 30 * 86_400_000)),
      signedOn: day(signed),
      ip,
      exclusivity:
        category === 'license'
          ? weighted(r, [
              ['ordinary', 5],
              ['sole', 3],
              ['exclusive', 2],
            ])
          : null,
      broker,
    };
    const age = (now.getTime() - signed.getTime()) / 86_400_000;
    const status =
      age > 60
        ? weighted(r, [
            ['registered', 88],
            ['rejected', 3],
            ['filed', 3],
            ['signed', 6],
          ])
        : weighted(r, [
            ['registered', 35],
            ['filed', 35],
            ['signed', 28],
            ['rejected', 2],
          ]);
    const filedAt = new Date(Math.min(now.getTime() - 3_600_000, signed.getTime() + (3 + r() * 20) * 86_400_000));
    const decidedAt = new Date(Math.min(now.getTime() - 60_000, filedAt.getTime() + (2 + r() * 20) * 86_400_000));
    const _id = new Types.ObjectId();
    const regId = new Types.ObjectId();
    const contractNo = contractNumber(_id, signed);
    const assessed = Math.round((tech * (r() < 0.8 ? 1 : 0.7 + r() * 0.3)) / 100) * 100;
    const sellerOrgId = sellerDemo ? (orgIds.get(sellerDemo.o.key) ?? null) : null;
    const buyerOrgId = buyerDemo ? (orgIds.get(buyerDemo.o.key) ?? null) : null;
    const filed = status !== 'signed';
    out.push({
      key: `seed:contract:${n}`,
      contract: {
        _id,
        contractNo,
        originKey: `seed:contract:${n}`,
        source: 'seed',
        signing: 'paper',
        sellerOrgId,
        buyerOrgId,
        sellerRegion: sellerCity,
        submarketCode: submarketForRegion(sellerCity),
        terms,
        docHash: documentHash(contractNo, terms),
        status,
        signatures: [],
        currentRegistrationId: filed ? regId : null,
        filings: filed ? 1 : 0,
        registration:
          status === 'registered'
            ? {
                registrationNo: `${decidedAt.getUTCFullYear()}${sellerCity}${String(n).padStart(6, '0')}`,
                assessedTechAmountFen: assessed,
                registeredAt: decidedAt,
                registrationId: String(regId),
              }
            : null,
        version: 1,
        statsDirty: true,
        stats: { v: 0, c: null },
        createdBy: sellerOrgId ?? new Types.ObjectId('000000000000000000000001'),
        createdAt: signed,
        updatedAt: status === 'registered' || status === 'rejected' ? decidedAt : signed,
      },
      registration: filed
        ? {
            _id: regId,
            contractId: _id,
            seq: 1,
            contractNo,
            title: terms.title,
            sellerName: seller.name,
            buyerName: buyer.name,
            category,
            sellerRegion: sellerCity,
            sellerOrgId,
            buyerOrgId,
            amountFen: amount,
            claimedTechAmountFen: tech,
            docHash: documentHash(contractNo, terms),
            checks: checkRegistration({ terms, written: true }),
            rulesVersion: RULES_VERSION,
            note: '',
            status: status === 'registered' ? 'approved' : status === 'rejected' ? 'rejected' : 'pending',
            registrationNo:
              status === 'registered'
                ? `${decidedAt.getUTCFullYear()}${sellerCity}${String(n).padStart(6, '0')}`
                : null,
            assessedTechAmountFen: status === 'registered' ? assessed : null,
            reason: status === 'rejected' ? '技术交易额认定依据不足，请补充技术资料' : null,
            filedBy: sellerOrgId ?? new Types.ObjectId('000000000000000000000001'),
            filedAt,
            decidedBy: null,
            decidedByName: status === 'registered' || status === 'rejected' ? '登记员' : null,
            decidedAt: status === 'registered' || status === 'rejected' ? decidedAt : null,
          }
        : null,
    });
  }
  return out;
}
