import type { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import type { AuthUser } from '../modules/auth/auth.types';
import type { OfferTerms } from '../shared/negotiation-events';

type Line = [who: 'buyer' | 'seller' | 'broker', text: string];
type Offer = [who: 'buyer' | 'seller', terms: Omit<OfferTerms, 'validUntil' | 'text'> & { text?: string }];

interface DemoRoom {
  key: string;
  sellerOrg: string;
  /** Which of the seller's published achievements (by origin key), when an earlier room took the first. */
  listing?: number;
  sellerEmail: string;
  brokerCommissionBp?: number;
  lines: Line[];
  offers: Offer[];
  end: 'open' | 'agree' | 'withdraw';
  /** After agreement: the contract is made from the deal, both sides sign, and the licensee reports these sales. */
  contract?: { royaltyReports: Array<{ period: string; netSalesFen: number; note: string }> };
}

const plan = {
  split: {
    kind: 'instalments' as const,
    instalments: [
      { percent: 30, dueMonths: 0 },
      { percent: 70, dueMonths: 6 },
    ],
  },
  milestones: {
    kind: 'milestones' as const,
    milestones: [
      { name: '样机交付', percent: 40 },
      { name: '中试验收', percent: 40 },
      { name: '量产稳定运行三个月', percent: 20 },
    ],
  },
  royalty: (bp: number) => ({ kind: 'royalty' as const, royaltyBp: bp, years: 5 }),
};

/**
 * Realistic rooms for the demo: one open with a broker and a live counter-offer, one agreed, one withdrawn,
 * and one agreed on a royalty share (入门费 + 提成) whose contract is signed and has sales reported.
 */
const rooms: DemoRoom[] = [
  {
    key: 'neg-neu-robot',
    sellerOrg: 'neu',
    sellerEmail: 'neu@demo.nekj.cn',
    brokerCommissionBp: 300,
    lines: [
      ['buyer', '刘老师您好，我们是沈阳瑞科，正在建一条焊接机器人产线，对贵校这项成果很感兴趣，想了解许可方式和费用。'],
      [
        'seller',
        '吴经理好！这项技术目前有两项发明专利授权，可以做辽宁省内的排他许可，也可以谈转让。贵司计划用在哪类工件上？',
      ],
      ['buyer', '主要是工程机械结构件，中厚板多层多道焊，年产量大约两万件。'],
      [
        'broker',
        '两位好，我是辽宁省技术转移服务中心的陈经纪人。建议先按排他许可谈，首付加分期，后续中试数据达标再付尾款，双方风险都小一些。',
      ],
      ['seller', '可以，我们先给一个报价，附技术指导三次。'],
    ],
    offers: [
      [
        'seller',
        {
          amountFen: 1_800_000_00,
          category: 'license',
          paymentPlan: plan.split,
          termMonths: 60,
          exclusivity: 'sole',
          text: '许可地域：辽宁省；含现场技术指导三次。',
        },
      ],
      [
        'buyer',
        {
          amountFen: 1_200_000_00,
          category: 'license',
          paymentPlan: plan.milestones,
          termMonths: 60,
          exclusivity: 'sole',
          text: '按里程碑付款；中试良率不低于 98%。',
        },
      ],
    ],
    end: 'open',
  },
  {
    key: 'neg-dicp-robot',
    sellerOrg: 'dicp',
    sellerEmail: 'dicp@demo.nekj.cn',
    lines: [
      ['buyer', '周研究员您好，我们想把贵所的这项技术用于厂区储能改造，希望以技术开发合同合作。'],
      ['seller', '没问题，我们可以承担委托开发，周期大约十个月，需要贵司提供现场工况数据。'],
      ['buyer', '数据下周可以提供。价格方面希望控制在 250 万元以内。'],
      ['seller', '考虑到中试放大的工作量，我们报 280 万元，分三期支付。'],
    ],
    offers: [
      [
        'seller',
        {
          amountFen: 2_800_000_00,
          category: 'development',
          paymentPlan: plan.milestones,
          termMonths: 10,
          exclusivity: 'none',
          text: '委托开发，知识产权归委托方，研究所保留科研使用权。',
        },
      ],
      [
        'buyer',
        {
          amountFen: 2_400_000_00,
          category: 'development',
          paymentPlan: plan.milestones,
          termMonths: 10,
          exclusivity: 'none',
        },
      ],
      [
        'seller',
        {
          amountFen: 2_600_000_00,
          category: 'development',
          paymentPlan: plan.milestones,
          termMonths: 10,
          exclusivity: 'none',
          text: '260 万元为最终报价，含两名工程师驻场一个月。',
        },
      ],
    ],
    end: 'agree',
  },
  {
    key: 'neg-imr-robot',
    sellerOrg: 'imr',
    sellerEmail: '',
    lines: [['buyer', '您好，我们在评估该材料在机器人关节减速器上的应用，想先了解转让条件。']],
    offers: [],
    end: 'withdraw',
  },
  {
    key: 'neg-neu-royalty',
    sellerOrg: 'neu',
    sellerEmail: 'neu@demo.nekj.cn',
    listing: 1,
    lines: [
      ['buyer', '刘老师，这项成果我们想用在新产线上，但前期投入大，能否采用入门费加销售提成的方式？'],
      ['seller', '可以。我们通常按净销售额提成，入门费覆盖技术交底和培训，提成期五年。'],
      ['buyer', '提成比例希望在 3% 左右，入门费 30 万元以内。'],
      ['seller', '入门费 40 万元、提成 3%，每季度按净销售额结算，您看可以吗？'],
      ['buyer', '可以接受，按季度报送销售数据。'],
    ],
    offers: [
      [
        'seller',
        {
          amountFen: 600_000_00,
          category: 'license',
          paymentPlan: plan.royalty(400),
          termMonths: 60,
          exclusivity: 'none',
          text: '普通许可；入门费含技术交底与两次培训。',
        },
      ],
      [
        'buyer',
        {
          amountFen: 300_000_00,
          category: 'license',
          paymentPlan: plan.royalty(300),
          termMonths: 60,
          exclusivity: 'none',
        },
      ],
      [
        'seller',
        {
          amountFen: 400_000_00,
          category: 'license',
          paymentPlan: plan.royalty(300),
          termMonths: 60,
          exclusivity: 'none',
          text: '入门费 40 万元；按季度净销售额 3% 提成，五年。',
        },
      ],
    ],
    end: 'agree',
    contract: {
      royaltyReports: [
        { period: '2026-Q2', netSalesFen: 3_850_000_00, note: '二季度净销售额（已扣退货）' },
        { period: '2026-Q3', netSalesFen: 5_120_000_00, note: '三季度净销售额' },
      ],
    },
  },
];

/**
 * Seeds the demo rooms through the services, step by step idempotent: the room by its open key, every
 * message and offer by a fixed client id, acceptance and withdrawal by state. A restarted or concurrent
 * seed continues where it stopped and duplicates nothing.
 */
export async function seedNegotiations(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { services } = ctx;
  const user = async (email: string): Promise<AuthUser | null> => {
    const u = email ? await services.seeding.accounts.byEmail(email) : null;
    return u ? toAuthUser(u) : null;
  };
  const buyer = await user('company@demo.nekj.cn');
  const broker = await user('broker@demo.nekj.cn');
  if (!buyer) return 0;
  let seeded = 0;
  for (const r of rooms) {
    if (await services.rooms.seeded(r.key)) continue;
    const listing = await services.listingDirectory.firstPublishedOf(orgIds.get(r.sellerOrg), r.listing ?? 0);
    if (!listing) continue;
    const seller = (await user(r.sellerEmail)) ?? buyer;
    const { negotiation } = await services.negotiations.open(
      buyer,
      { subject: { kind: 'achievement', id: String(listing._id) } },
      {},
    );
    const id = String(negotiation._id);
    if (r.brokerCommissionBp && broker && negotiation.brokers.length === 0) {
      await services.negotiations.brokers.invite(buyer, id, broker.id, {});
      await services.negotiations.brokers.decide(
        broker,
        id,
        { decision: 'accept', commission: { kind: 'percent', bp: r.brokerCommissionBp } },
        {},
      );
    }
    const who = { buyer, seller, broker: broker ?? buyer };
    for (const [i, [side, text]] of r.lines.entries()) {
      await services.negotiationMessages.send(who[side], id, {
        clientMessageId: `seed-${r.key}-m${i}`,
        text,
        attachmentIds: [],
      });
    }
    let last: string | undefined;
    for (const [i, [side, terms]] of r.offers.entries()) {
      const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const { offer } = await services.negotiationOffers.make(
        who[side],
        id,
        {
          clientMessageId: `seed-${r.key}-o${i}`,
          counterTo: last,
          terms: { ...terms, text: terms.text ?? '', validUntil },
        },
        {},
      );
      last = String(offer._id);
    }
    const current = (await services.rooms.room(id))!;
    if (r.end === 'agree' && last && current.status === 'open')
      await services.negotiationOffers.accept(buyer, id, last, {});
    if (r.end === 'withdraw' && current.status === 'open')
      await services.negotiations.closing.withdraw(buyer, id, '项目方向调整，暂缓引进', {});
    if (r.contract) await signAndReport(ctx, id, seller, buyer, r.contract.royaltyReports);
    await services.rooms.markSeeded(id, r.key);
    seeded++;
  }
  return seeded;
}

/** The agreed room's deal becomes a contract, both sides sign it, and the licensee reports its sales (each step idempotent). */
async function signAndReport(
  ctx: AppContext,
  negotiationId: string,
  seller: AuthUser,
  buyer: AuthUser,
  reports: Array<{ period: string; netSalesFen: number; note: string }>,
) {
  const { services } = ctx;
  const deal = await services.rooms.dealOfRoom(negotiationId);
  if (!deal) return;
  const { contract } = await services.contracts.fromDeal(seller, String(deal._id), {});
  let c = contract;
  for (const [user, side] of [
    [seller, 'seller'],
    [buyer, 'buyer'],
  ] as const) {
    if (c.status === 'draft' || c.status === 'signing')
      c = await services.contracts.sign(user, String(c._id), { side, docHash: c.docHash }, {});
  }
  for (const report of reports) await services.payments.plans.royaltyReport(buyer, String(c._id), report);
}
