import { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { createAchievementBody } from '../shared/catalog-schemas';
import { makerTypeOf, maskResidentId, residentIdCheckChar, type MakerKind } from '../shared/makers';
import { submarketForRegion } from '../shared/taxonomy';
import { makerIdHash } from '../modules/orgs/maker-identity';
import type { DemoUser } from './demo-data';

const SYSTEM = new Types.ObjectId('000000000000000000000001');
const id = (first17: string) => first17 + residentIdCheckChar(first17);

interface DemoMaker {
  key: string;
  kind: MakerKind;
  name: string;
  leaderName?: string;
  /** Demo numbers of made-up people (valid check character); the seed stores them masked and hashed only. */
  idNumber: string;
  regionCode: string;
  fields: string[];
  skills: string[];
  bio: string;
  verified: boolean;
}

/** 创客 (issue 16 item 5): a verified individual, a verified team of three, and one waiting for review. */
export const demoMakers: DemoMaker[] = [
  {
    key: 'maker-li',
    kind: 'individual',
    name: '李晓创',
    idNumber: id('21010219900517003'),
    regionCode: '210100',
    fields: ['EQP', 'ICT'],
    skills: ['机器视觉', '嵌入式开发', '焊缝识别'],
    bio: '原沈阳某装备企业视觉工程师，独立开发低成本焊缝视觉传感器，已获实用新型专利两项。',
    verified: true,
  },
  {
    key: 'maker-team',
    kind: 'team',
    name: '大连蓝海储能创客团队',
    leaderName: '韩星',
    idNumber: id('21020219950309002'),
    regionCode: '210200',
    fields: ['NEN', 'NEV'],
    skills: ['电池管理系统', '储能变流', '嵌入式软件'],
    bio: '大连理工大学毕业生创业团队，专注用户侧储能电池管理系统与梯次利用检测。',
    verified: true,
  },
  {
    key: 'maker-wait',
    kind: 'individual',
    name: '周新禾',
    idNumber: id('21030219920811004'),
    regionCode: '210300',
    fields: ['AGR'],
    skills: ['智能灌溉'],
    bio: '返乡创业，研发设施农业水肥一体化控制器。',
    verified: false,
  },
];

export const makerDemoUsers: DemoUser[] = [
  {
    email: 'maker@demo.nekj.cn',
    name: '李晓创',
    roles: [],
    orgKey: 'maker-li',
    orgRole: 'org_admin',
    labelZh: '个人创客 individual maker',
  },
  {
    email: 'maker.team@demo.nekj.cn',
    name: '韩星（团队负责人）',
    roles: [],
    orgKey: 'maker-team',
    orgRole: 'org_admin',
    labelZh: '创客团队 maker team',
  },
  {
    email: 'maker.team.a@demo.nekj.cn',
    name: '林一帆',
    roles: [],
    orgKey: 'maker-team',
    orgRole: 'member',
    labelZh: '创客团队成员 team member',
  },
  {
    email: 'maker.team.b@demo.nekj.cn',
    name: '邓可欣',
    roles: [],
    orgKey: 'maker-team',
    orgRole: 'member',
    labelZh: '创客团队成员 team member',
  },
  {
    email: 'maker.wait@demo.nekj.cn',
    name: '周新禾',
    roles: [],
    orgKey: 'maker-wait',
    orgRole: 'org_admin',
    labelZh: '待认证创客 unverified maker',
  },
];

/** Upserts the maker organisations by seedKey (never overwriting) and adds them to the key → id map. */
export async function seedMakerOrgs(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  let created = 0;
  for (const m of demoMakers) {
    try {
      const res = await ctx.models.Org.updateOne(
        { seedKey: m.key },
        {
          $setOnInsert: {
            seedKey: m.key,
            name: m.name,
            type: makerTypeOf(m.kind),
            makerKey: `${m.kind === 'team' ? 'team' : 'person'}:${makerIdHash(m.idNumber)}`,
            maker: {
              kind: m.kind,
              leaderName: m.leaderName,
              idMasked: maskResidentId(m.idNumber),
              idHash: makerIdHash(m.idNumber),
              fields: m.fields,
              skills: m.skills,
            },
            regionCode: m.regionCode,
            submarketCode: submarketForRegion(m.regionCode),
            description: m.bio,
            contactName: m.leaderName ?? m.name,
            verification: m.verified
              ? { status: 'verified', decidedAt: new Date('2026-03-02T09:00:00+08:00'), decidedBy: '系统初始化 seed' }
              : { status: 'pending' },
            createdBy: SYSTEM,
          },
        },
        { upsert: true },
      );
      created += res.upsertedCount;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
    }
    orgIds.set(m.key, (await ctx.models.Org.findOne({ seedKey: m.key }, { _id: 1 }).lean())!._id);
  }
  return created;
}

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
  const { Achievement, Need, Proposal, Org } = ctx.models;
  const li = orgIds.get('maker-li')!;
  const team = orgIds.get('maker-team')!;
  const at = new Date('2026-03-10T10:00:00+08:00');
  const items = makerAchievements(li, team);
  let created = 0;
  const orgType = new Map(
    (await Org.find({ _id: { $in: [li, team] } }, { type: 1 }).lean()).map((o) => [String(o._id), o.type]),
  );
  for (const it of items) {
    if (await Achievement.exists({ originKey: it.key })) continue;
    await Achievement.create({
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
    }).catch((err: { code?: number }) => {
      if (err.code !== 11000) throw err;
    });
    created += 1;
  }
  // A proposal to the first open challenge (揭榜挂帅) in equipment manufacturing.
  const challenges = await Need.find({ status: 'published', 'live.challenge.rewardFen': { $gt: 0 } }, { live: 1 })
    .sort({ originKey: 1 })
    .lean();
  const open = (n: (typeof challenges)[number]) =>
    new Date((n.live as { challenge: { closesAt: string } }).challenge.closesAt).getTime() > Date.now();
  const challenge = challenges.find(open);
  if (challenge) {
    const res = await Proposal.updateOne(
      { needId: challenge._id, orgId: li },
      {
        $setOnInsert: {
          needId: challenge._id,
          orgId: li,
          submittedBy: SYSTEM,
          summary: '以自研低成本激光视觉传感器为核心，配合自适应跟踪算法，三个月内在贵方产线完成验证。',
          plan: '第 1 月现场测量与方案设计；第 2 月样机安装调试；第 3 月连续生产验证并交付。',
          priceFen: 48_000_000,
          status: 'submitted',
        },
      },
      { upsert: true },
    ).catch(() => ({ upsertedCount: 0 }));
    created += res.upsertedCount;
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
