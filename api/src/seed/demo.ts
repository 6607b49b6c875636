import { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { submarketForRegion } from '../shared/taxonomy';
import { hashPassword } from '../modules/auth/password';
import { toAuthUser } from '../modules/auth/auth.service';
import { seedCatalog } from './catalog-demo';
import { seedNegotiations } from './negotiation-demo';
import { seedAwaitingConfirmation, seedContracts } from './contract-demo';
import { seedPayments } from './payment-demo';
import { seedFinancing } from './financing-demo';
import { seedFollowup } from './followup-demo';
import { seedAnnouncements } from './announcement-demo';
import { seedEvaluations } from './evaluation-demo';
import { DEMO_PASSWORD, demoCreditCode, demoOrgs, demoUsers } from './demo-data';
import { makerDemoUsers, seedMakerOrgs, seedMakerWork } from './maker-demo';

/**
 * Idempotent demo seed: organisations are keyed by seedKey and users by email, inserted only when
 * missing, so restarts (and concurrent instances) never duplicate or overwrite edits (the orgs and users
 * modules' seeding ports store them; the loser of a race on a key simply finds the winner's).
 */
export async function seedDemo(ctx: AppContext): Promise<{
  orgs: number;
  users: number;
  achievements: number;
  needs: number;
  negotiations: number;
  contracts: number;
  payments: number;
  financing: number;
  followup: number;
  announcements: number;
  evaluations: number;
  makers: number;
}> {
  const { seeding } = ctx.services;
  const system = new Types.ObjectId('000000000000000000000001');
  const orgIds = new Map<string, Types.ObjectId>();
  let orgsCreated = 0;
  for (const [i, o] of demoOrgs.entries()) {
    const { id, created } = await seeding.orgs.upsertBySeedKey(o.key, {
      name: o.name,
      nameEn: o.nameEn,
      type: o.type,
      creditCode: demoCreditCode(o, i),
      regionCode: o.regionCode,
      submarketCode: submarketForRegion(o.regionCode),
      tags: o.tags ?? [],
      description: o.description,
      verification: o.verified
        ? { status: 'verified', decidedAt: new Date('2026-01-05T09:00:00+08:00'), decidedBy: '系统初始化 seed' }
        : { status: 'pending' },
      createdBy: system,
    });
    orgsCreated += Number(created);
    orgIds.set(o.key, id);
  }

  // Makers (创客) are organisations of a maker type, identified by a resident ID instead of a credit code.
  let makers = await seedMakerOrgs(ctx, orgIds);

  let usersCreated = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of [...demoUsers, ...makerDemoUsers]) {
    const created = await seeding.accounts.seedByEmail(u.email, {
      passwordHash,
      name: u.name,
      locale: 'zh-CN',
      roles: u.roles,
      orgId: u.orgKey ? orgIds.get(u.orgKey) : null,
      orgRole: u.orgKey ? u.orgRole : null,
      brokerCertNo: u.brokerCertNo,
      operatorSubmarkets: u.operatorSubmarkets ?? [],
      officialRegion: u.officialRegion,
    });
    usersCreated += Number(created);
  }
  await seedLicences(ctx, [...orgIds.values()]);
  const catalog = await seedCatalog(ctx, orgIds);
  const negotiations = await seedNegotiations(ctx, orgIds);
  let contracts = await seedContracts(ctx, orgIds);
  const payments = await seedPayments(ctx, orgIds);
  contracts += await seedAwaitingConfirmation(ctx, orgIds);
  const financing = await seedFinancing(ctx, orgIds);
  const followup = await seedFollowup(ctx, orgIds);
  const announcements = await seedAnnouncements(ctx);
  const evaluations = await seedEvaluations(ctx, orgIds);
  makers += await seedMakerWork(ctx, orgIds);
  ctx.logger.info(
    {
      orgsCreated,
      usersCreated,
      ...catalog,
      negotiations,
      contracts,
      payments,
      financing,
      followup,
      announcements,
      evaluations,
      makers,
    },
    'demo seed checked',
  );
  return {
    orgs: orgsCreated,
    users: usersCreated,
    ...catalog,
    negotiations,
    contracts,
    payments,
    financing,
    followup,
    announcements,
    evaluations,
    makers,
  };
}

/**
 * The organisations still waiting for verification have their 营业执照 on file, as a real applicant would,
 * so the operator's queue shows a document beside the data. Skipped where one is already on file.
 */
async function seedLicences(ctx: AppContext, orgIds: Types.ObjectId[]): Promise<void> {
  const waiting = await ctx.services.seeding.orgs.pendingWithoutLicence(orgIds);
  for (const org of waiting) {
    const admin = await ctx.services.seeding.accounts.orgAdmin(org._id);
    if (!admin) continue;
    const who = toAuthUser(admin);
    // A maker puts its resident ID card on file; an organisation its 营业执照.
    const doc = org.creditCode ? `营业执照（演示）` : `居民身份证（演示）`;
    const pdf = Buffer.from(
      `%PDF-1.4\n% ${doc}${org.name} ${org.creditCode ?? ''}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`,
    );
    const file = await ctx.services.attachments.upload(who, { originalname: `${doc}.pdf`, buffer: pdf });
    await ctx.services.orgs.setLicence(who, String(org._id), { attachmentId: String(file._id) }, {});
  }
}
