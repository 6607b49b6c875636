import type { Types } from 'mongoose';
import { partyFromOrg } from '../modules/contracts/maker-party';
import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import type { ListingRecord } from '../modules/listings/listing.model';
import type { OrgRecord } from '../modules/orgs/org.model';
import { payableStatus } from '../modules/payments/payment.state';
import type { ContractTerms } from '../shared/contract-schemas';

const receiptPdf = () => Buffer.from('%PDF-1.4\n% 银行电子回单（演示）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface DemoPayment {
  item: number;
  /** paid: declared and confirmed by finance; pending: receipt uploaded, waiting for finance. */
  state: 'paid' | 'pending';
  transferredOn: string;
}

interface DemoPaymentContract {
  key: string;
  seller: string;
  sellerEmail: string;
  terms: Omit<ContractTerms, 'seller' | 'buyer'>;
  payments: DemoPayment[];
}

const contracts: DemoPaymentContract[] = [
  {
    key: 'seed:payments:neu-robot',
    seller: 'neu',
    sellerEmail: 'neu@demo.nekj.cn',
    terms: {
      title: '焊缝视觉跟踪系统技术服务合同',
      category: 'service',
      subType: 'technical',
      fieldCode: 'EQP',
      subject: '为沈阳瑞科焊接机器人产线提供焊缝视觉跟踪系统的调试、工艺优化与操作培训，交付调试报告与工艺参数表。',
      amountFen: 45_000_000,
      techAmountFen: 45_000_000,
      paymentSchedule: [
        { dueOn: '2026-07-15', amountFen: 13_500_000, note: '首付款（合同签订后）' },
        { dueOn: '2026-11-15', amountFen: 18_000_000, note: '第二期（现场调试完成）' },
        { dueOn: '2027-03-31', amountFen: 13_500_000, note: '尾款（验收合格后）' },
      ],
      startOn: '2026-07-01',
      endOn: '2027-06-30',
      signedOn: '2026-06-28',
      ip: [],
      exclusivity: null,
      broker: null,
    },
    payments: [
      { item: 1, state: 'paid', transferredOn: '2026-07-14' },
      { item: 2, state: 'pending', transferredOn: '2026-11-20' },
    ],
  },
  {
    key: 'seed:payments:dicp-robot',
    seller: 'dicp',
    sellerEmail: 'dicp@demo.nekj.cn',
    terms: {
      title: '全钒液流储能系统集成技术开发合同',
      category: 'development',
      subType: 'commissioned',
      fieldCode: 'NEN',
      subject: '委托开发厂区 500kW/2MWh 全钒液流储能系统集成方案，完成中试验证并交付设计图纸与运行规程。',
      amountFen: 120_000_000,
      techAmountFen: 110_000_000,
      paymentSchedule: [
        { dueOn: '2026-05-10', amountFen: 48_000_000, note: '首付 40%' },
        { dueOn: '2026-10-31', amountFen: 72_000_000, note: '中试验收后 60%' },
      ],
      startOn: '2026-05-01',
      endOn: '2027-02-28',
      signedOn: '2026-04-26',
      ip: [],
      exclusivity: null,
      broker: { name: '陈经纪人', certNo: 'LN-TB-2025-0386', commissionFen: 3_600_000 },
    },
    payments: [{ item: 1, state: 'paid', transferredOn: '2026-05-09' }],
  },
];

/**
 * Paper contracts the seller entered and the buyer (沈阳瑞科) accepted, with payables in every state the
 * payment pages show: paid by bank transfer (confirmed by
 * finance, with fee and broker commission in the ledger), a transfer waiting for finance, one due and one
 * overdue; and a held challenge deposit. Built through the services, each step idempotent (contract by originKey, payment by its fixed
 * Idempotency-Key, confirmation by state), so restarts and concurrent replicas add nothing twice.
 */
export async function seedPayments(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { services } = ctx;
  const finance = await services.seeding.accounts.byEmail('finance@demo.nekj.cn');
  const buyerUser = await services.seeding.accounts.byEmail('company@demo.nekj.cn');
  const buyerOrg = await services.orgDirectory.record(orgIds.get('ent-robot'));
  if (!finance || !buyerUser || !buyerOrg) return 0;
  const buyer = toAuthUser(buyerUser);
  let created = 0;
  for (const d of contracts) {
    const sellerUser = await services.seeding.accounts.byEmail(d.sellerEmail);
    const sellerOrg = await services.orgDirectory.record(orgIds.get(d.seller));
    if (!sellerUser || !sellerOrg) continue;
    let contract = await services.contracts.directory.byOriginKey(d.key);
    if (!contract) {
      const party = (o: OrgRecord) => partyFromOrg(o);
      const doc = await services.contracts.paperContract(
        toAuthUser(sellerUser),
        sellerOrg,
        { ...d.terms, seller: party(sellerOrg), buyer: party(buyerOrg) },
        d.key,
        'direct',
      );
      if (await services.contracts.storePrepared(doc)) created++;
      contract = await services.contracts.directory.byOriginKey(d.key);
    }
    // The buyer is an organisation of the platform: it accepts the paper contract the seller entered, as a
    // member would on the contract page (a restart finds it signed and skips this).
    if (contract!.status === 'awaiting_confirmation') {
      contract = await services.contracts.confirmation(
        buyer,
        String(contract!._id),
        { decision: 'accept', docHash: contract!.docHash },
        {},
      );
    }
    const payables = await services.payments.plans.ensurePlan(contract!);
    for (const p of d.payments) {
      const payable = payables.find((x) => x.seq === p.item);
      if (!payable) continue;
      const key = `seed-${d.key.split(':')[2]}-${p.item}`;
      let payment = await services.payments.directory.byIdemKey(`${buyer.orgId}:${key}`);
      if (!payment) {
        const att = await services.attachments.upload(buyer, {
          originalname: `${contract!.contractNo}-第${p.item}期-转账回单.pdf`,
          buffer: receiptPdf(),
        });
        payment = await services.payments.start.startBank(buyer, String(payable._id), key, {
          receiptAttachmentId: String(att._id),
          payerAccountName: buyerOrg.name,
          bankReference: `ICBC${p.transferredOn.replace(/-/g, '')}${p.item}0${d.seller.length}`,
          transferredOn: p.transferredOn,
          declaredFen: payable.amountFen,
          note: '对公转账（演示数据）',
        });
      }
      if (p.state === 'paid')
        await services.payments.decisions.confirmBank(toAuthUser(finance), String(payment._id), {
          receivedFen: payable.amountFen,
          note: '已核对银行回单',
        });
    }
  }
  await seedDeposit(ctx, toAuthUser(finance));
  return created;
}

/**
 * A held deposit (保证金) for finance's deposits tab: 东北大学 answers the open challenge closing last and pays
 * the rule's 2% of the reward by bank transfer, which finance confirmed. Skipped when no challenge is open
 * (the deposit service refuses closed ones). Idempotent: the deposit by its key, the payment by its fixed key.
 */
async function seedDeposit(ctx: AppContext, finance: ReturnType<typeof toAuthUser>): Promise<void> {
  const { services } = ctx;
  const solverUser = await services.seeding.accounts.byEmail('neu@demo.nekj.cn');
  if (!solverUser?.orgId) return;
  const solver = toAuthUser(solverUser);
  const challenge = (l: ListingRecord) => (l.live as { challenge?: { closesAt: string } } | undefined)?.challenge;
  const needs = await services.listingDirectory.publishedNeeds(solverUser.orgId, 500);
  const need = needs
    .filter((n) => challenge(n) && Date.parse(challenge(n)!.closesAt) > Date.now() + 86_400_000 && !n.award)
    .sort((a, b) => Date.parse(challenge(b)!.closesAt) - Date.parse(challenge(a)!.closesAt))[0];
  const existing = await services.payments.directory.depositOf(solverUser.orgId);
  if (!existing && !need) return;
  const deposit = existing ?? (await services.payments.deposits.create(solver, 'challenge', String(need!._id))).payable;
  const key = 'seed-deposit-neu-1';
  let payment = await services.payments.directory.byIdemKey(`${solver.orgId}:${key}`);
  if (!payment) {
    // Paid some other way meanwhile (a person trying the demo): leave it as it is.
    if (!['due', 'overdue'].includes(payableStatus(deposit, null))) return;
    const org = await services.orgDirectory.record(solverUser.orgId);
    const att = await services.attachments.upload(solver, {
      originalname: '揭榜保证金-转账回单.pdf',
      buffer: receiptPdf(),
    });
    payment = await services.payments.start.startBank(solver, String(deposit._id), key, {
      receiptAttachmentId: String(att._id),
      payerAccountName: org?.name ?? solverUser.name,
      bankReference: 'BOC20261125DEP01',
      transferredOn: '2026-11-25',
      declaredFen: deposit.amountFen,
      note: '揭榜保证金（演示数据）',
    });
  }
  await services.payments.decisions.confirmBank(finance, String(payment._id), {
    receivedFen: deposit.amountFen,
    note: '已核对银行回单',
  });
}
