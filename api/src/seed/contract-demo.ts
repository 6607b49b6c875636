import { Types } from 'mongoose';
import { loadSeedContracts } from '../modules/contracts/contract-seed';
import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import { contractNumber, paperContractIdFor } from '../modules/contracts/contracts.service';
import type { OrgRecord } from '../modules/orgs/org.model';
import type { UserRecord } from '../modules/users/user.model';
import { documentHash } from '../modules/contracts/contract-terms';
import { checkRegistration, RULES_VERSION } from '../modules/contracts/registration.rules';
import { contractSubTypes, type ContractCategory, type ContractTerms } from '../shared/contract-schemas';
import { withCheckChar } from '../shared/credit-code';
import { submarketForRegion, technicalFields } from '../shared/taxonomy';
import { demoCreditCode, demoOrgs } from './demo-data';

/**
 * About 2,000 technology contracts over 2024–2026 across every city, field and category, most registered
 * (domain.md §7 amounts: mostly tens of thousands to a few million 元, a few tens of millions), plus a
 * 2026 target per region. Deterministic (a seeded generator) and keyed `seed:contract:<n>`, inserted with
 * insertMany in batches and tallied with one bulk apply, so a restart adds nothing and the seed stays fast.
 */
export const DEMO_CONTRACTS = 2_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const weighted = <T>(r: () => number, items: Array<[T, number]>): T => {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
};
const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const day = (d: Date) => d.toISOString().slice(0, 10);

const cityWeights: Array<[string, number]> = [
  ['210100', 30],
  ['210200', 26],
  ['210300', 6],
  ['210400', 3],
  ['210500', 3],
  ['210600', 3],
  ['210700', 4],
  ['210800', 4],
  ['210900', 2],
  ['211000', 3],
  ['211100', 3],
  ['211200', 2],
  ['211300', 2],
  ['211400', 2],
  ['219900', 5],
];
const cityNames: Record<string, string> = Object.fromEntries([
  ['210100', '沈阳'],
  ['210200', '大连'],
  ['210300', '鞍山'],
  ['210400', '抚顺'],
  ['210500', '本溪'],
  ['210600', '丹东'],
  ['210700', '锦州'],
  ['210800', '营口'],
  ['210900', '阜新'],
  ['211000', '辽阳'],
  ['211100', '盘锦'],
  ['211200', '铁岭'],
  ['211300', '朝阳'],
  ['211400', '葫芦岛'],
  ['219900', '沈抚新区'],
]);
const outside: Array<[string, number, string]> = [
  ['110000', 6, '北京'],
  ['310000', 4, '上海'],
  ['320000', 5, '江苏'],
  ['330000', 3, '浙江'],
  ['370000', 4, '山东'],
  ['440000', 4, '广东'],
  ['220000', 5, '吉林'],
  ['230000', 4, '黑龙江'],
  ['150000', 3, '内蒙古'],
  ['120000', 2, '天津'],
  ['130000', 2, '河北'],
];
const bizWords = [
  '精工',
  '智能装备',
  '新材料',
  '化工',
  '能源科技',
  '生物科技',
  '电子',
  '重工',
  '环保科技',
  '汽车部件',
  '海洋科技',
  '农业科技',
];
const subjects: Record<ContractCategory, string[]> = {
  development: ['委托开发{f}关键工艺及中试装置，交付工艺包与样机', '合作开发{f}核心部件，完成小试、中试验证并共享成果'],
  transfer: ['转让{f}相关发明专利一项及配套技术资料', '转让{f}技术秘密，含工艺参数与操作规程'],
  license: ['许可实施{f}发明专利，许可期限五年，提供技术指导', '许可使用{f}技术秘密，限辽宁省内实施'],
  consulting: ['就{f}项目开展可行性论证，出具咨询报告', '对{f}技术路线进行评价，出具评价意见'],
  service: ['解决{f}生产中的特定技术问题，提供工艺优化服务', '为{f}产线提供检验检测与技术培训服务'],
};

function amountFen(r: () => number): number {
  const band = weighted(r, [
    [0, 70],
    [1, 25],
    [2, 5],
  ] as Array<[number, number]>);
  const [lo, hi] = band === 0 ? [5, 200] : band === 1 ? [200, 1_000] : [1_000, 8_000];
  const wan = lo * Math.pow(hi / lo, r());
  return Math.round(wan * 100) * 10_000; // whole 百元, in 分
}

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

/** Yearly targets (registered turnover, 分): the province and its two biggest cities. */
const targets2026: Array<[string, number]> = [
  ['210000', 30_0000_0000_00],
  ['210100', 11_0000_0000_00],
  ['210200', 9_0000_0000_00],
];

export async function seedContracts(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const created = await loadSeedContracts(ctx.models, ctx.services.stats, ctx.logger, demoContracts(orgIds));
  for (const [region, amountFen] of targets2026) await ctx.services.stats.seedTarget(2026, region, amountFen);
  return created;
}

/**
 * A paper contract 东北大学 entered that names 沈阳瑞科 as buyer and waits for its confirmation (the contract
 * page's 待对方确认; sign in as company@demo.nekj.cn to accept or decline it). Entered through the service under a
 * fixed Idempotency-Key, so a restart or a second replica finds the same contract. Returns 1 when it made it.
 */
export async function seedAwaitingConfirmation(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { models, services } = ctx;
  const seller = await models.User.findOne({ email: 'neu@demo.nekj.cn' }).lean<UserRecord>();
  const sellerOrgId = orgIds.get('neu');
  const buyer = await models.Org.findById(orgIds.get('ent-robot')).lean<OrgRecord>();
  if (!seller || !sellerOrgId || !buyer) return 0;
  const key = 'seed-awaiting-confirmation-1';
  if (await services.contracts.directory.exists(paperContractIdFor(String(sellerOrgId), key))) return 0;
  const terms: ContractTerms = {
    title: '焊接机器人离线编程软件技术许可合同',
    category: 'license',
    subType: 'know_how_license',
    fieldCode: 'EQP',
    subject: '许可沈阳瑞科在其焊接机器人产品中使用离线编程与路径规划软件的技术秘密，东北大学提供两次现场培训。',
    seller: { name: '', creditCode: '000000', regionCode: '210100', orgType: 'university' },
    buyer: { name: buyer.name, creditCode: buyer.creditCode, regionCode: buyer.regionCode, orgType: buyer.type },
    amountFen: 36_000_000,
    techAmountFen: 36_000_000,
    paymentSchedule: [
      { dueOn: '2026-12-31', amountFen: 18_000_000, note: '首付 50%' },
      { dueOn: '2027-06-30', amountFen: 18_000_000, note: '验收后 50%' },
    ],
    startOn: '2026-12-01',
    endOn: '2029-11-30',
    signedOn: '2026-11-26',
    ip: [{ type: 'know_how', number: '', title: '焊接机器人离线编程与路径规划方法' }],
    exclusivity: 'ordinary',
    broker: null,
  };
  await services.contracts.createDirect(toAuthUser(seller), terms, {}, key);
  return 1;
}
