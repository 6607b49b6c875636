import { Types } from 'mongoose';
import { partyFromOrg } from '../modules/contracts/maker-party';
import { loadSeedContracts } from '../modules/contracts/contract-seed';
import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import { paperContractIdFor } from '../modules/contracts/contracts.service';
import type { ContractTerms } from '../shared/contract-schemas';
import { demoContracts } from './contract-demo-generate';

// The 2,000 demo contracts are generated (deterministically) in contract-demo-generate.ts; this file stores them.
export { DEMO_CONTRACTS, demoContracts } from './contract-demo-generate';

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
  const { services } = ctx;
  const seller = await services.seeding.accounts.byEmail('neu@demo.nekj.cn');
  const sellerOrgId = orgIds.get('neu');
  const buyer = await services.orgDirectory.record(orgIds.get('ent-robot'));
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
    buyer: partyFromOrg(buyer),
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
