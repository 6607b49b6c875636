import { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { createAchievementBody } from '../shared/catalog-schemas';
import { submarketForRegion } from '../shared/taxonomy';
import { SYSTEM } from './maker-demo-data';

const achievement = (over: Record<string, unknown>) =>
  createAchievementBody.parse({
    keywords: [],
    form: 'new_product',
    innovationType: 'secondary',
    level: 'unrated',
    inventors: [],
    ipRights: [],
    transferModes: ['license'],
    tradingMode: 'negotiated',
    price: { negotiable: true },
    confidential: { details: '电路图与固件源码（签署保密协议后可见）。', attachmentIds: [] },
    ...over,
  }) as Record<string, unknown>;

/** The makers' three achievements, as their owners would have written them (checked by the API's own schema). */
export function makerAchievements(li: Types.ObjectId, team: Types.ObjectId) {
  const items: Array<{ key: string; org: Types.ObjectId; content: Record<string, unknown> }> = [
    {
      key: 'maker:ach:weld-camera',
      org: li,
      content: achievement({
        title: '低成本焊缝激光视觉传感器',
        keywords: ['焊缝跟踪', '激光视觉', '传感器'],
        stage: 'pilot',
        trl: 6,
        summary:
          '采用线激光与国产工业相机的焊缝视觉传感器，跟踪精度 ±0.3mm，成本约为进口产品的三分之一，适合中小企业焊接机器人改造。',
        fieldCode: 'EQP',
        subfieldCode: 'EQP-02',
        regionCode: '210100',
        inventors: ['李晓创'],
        ipRights: [{ type: 'utility', number: 'ZL202420123456.1', legalStatus: 'granted' }],
      }),
    },
    {
      key: 'maker:ach:edge-ai',
      org: li,
      content: achievement({
        title: '产线缺陷检测边缘计算盒子',
        keywords: ['缺陷检测', '边缘计算', '人工智能'],
        form: 'software',
        stage: 'pilot_small',
        trl: 5,
        summary: '基于国产 AI 芯片的边缘推理盒子，内置表面缺陷检测模型，可在不改造产线的情况下接入现有相机。',
        fieldCode: 'ICT',
        subfieldCode: 'ICT-06',
        regionCode: '210100',
        inventors: ['李晓创'],
      }),
    },
    {
      key: 'maker:ach:bms',
      org: team,
      content: achievement({
        title: '梯次利用动力电池快速分选检测方法',
        keywords: ['梯次利用', '动力电池', '分选'],
        form: 'new_process',
        stage: 'pilot',
        trl: 6,
        summary:
          '基于交流阻抗谱与短时脉冲的退役动力电池快速分选方法，单体检测时间由 2 小时缩短到 3 分钟，分选一致性提高 20%。',
        fieldCode: 'NEN',
        subfieldCode: 'NEN-06',
        regionCode: '210200',
        inventors: ['韩星', '林一帆', '邓可欣'],
      }),
    },
  ];
  return items;
}

/** Makers' own work: three published achievements, one 揭榜 proposal, one open financing request. */
export async function seedMakerWork(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  const { seeding, listingDirectory } = ctx.services;
  const li = orgIds.get('maker-li')!;
  const team = orgIds.get('maker-team')!;
  const at = new Date('2026-03-10T10:00:00+08:00');
  const items = makerAchievements(li, team);
  let created = 0;
  const orgType = new Map((await seeding.orgs.byIds([li, team])).map((o) => [String(o._id), o.type]));
  for (const it of items) {
    const stored = await seeding.listings.createSeeded('achievement', {
      ownerOrgId: it.org,
      ownerOrgType: orgType.get(String(it.org)),
      createdBy: SYSTEM,
      submarketCode: submarketForRegion(String(it.content.regionCode)),
      status: 'published',
      content: it.content,
      live: it.content,
      revision: { status: null },
      review: { decidedAt: at, decidedBy: '系统初始化 seed' },
      publishedAt: at,
      originKey: it.key,
      version: 1,
      searchDirty: true,
      award: null,
    });
    created += Number(stored);
  }
  // A proposal to the first open challenge (揭榜挂帅) in equipment manufacturing.
  const challenges = (await listingDirectory.publishedNeeds(null, 1_000)).filter(
    (n) => ((n.live as { challenge?: { rewardFen?: number } } | null)?.challenge?.rewardFen ?? 0) > 0,
  );
  const open = (n: (typeof challenges)[number]) =>
    new Date((n.live as { challenge: { closesAt: string } }).challenge.closesAt).getTime() > Date.now();
  const challenge = challenges.find(open);
  if (challenge) {
    created += Number(
      await seeding.proposals.seedOnce(challenge._id, li, {
        submittedBy: SYSTEM,
        summary: '以自研低成本激光视觉传感器为核心，配合自适应跟踪算法，三个月内在贵方产线完成验证。',
        plan: '第 1 月现场测量与方案设计；第 2 月样机安装调试；第 3 月连续生产验证并交付。',
        priceFen: 48_000_000,
        status: 'submitted',
      }),
    );
  }
  created += Number(
    await ctx.services.financing.repo.seedOnce('Request', 'fin:maker-team-r1', {
      orgId: team,
      orgType: 'maker_team',
      regionCode: '210200',
      submarketCode: submarketForRegion('210200'),
      title: '梯次利用电池分选设备样机融资',
      amountFen: 150_000_000,
      instruments: [],
      termMonths: 24,
      fieldCode: 'NEN',
      stage: 'pilot',
      summary: '创客团队研制退役动力电池快速分选设备样机，并在大连两家回收企业试用。',
      useOfFunds: '样机物料 90 万元，试用与检测认证 60 万元。',
      collateral: '无实物抵押，可提供发明专利申请权质押',
      ipOffered: ['梯次利用动力电池快速分选检测方法（发明专利申请）'],
      attachmentIds: [],
      tie: null,
      status: 'open',
      closeReason: null,
      openedAt: at,
      matchedAt: null,
      closedAt: null,
      createdBy: SYSTEM,
    }),
  );
  return created;
}
