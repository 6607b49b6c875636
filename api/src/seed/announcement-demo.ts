import type { AppContext } from '../app-context';
import { toAuthUser } from '../modules/auth/auth.service';
import { AnnouncementRepository } from '../modules/announcements/announcement.repository';
import type { AnnouncementKind } from '../shared/announcements';

interface DemoAnnouncement {
  key: string;
  kind: AnnouncementKind;
  submarketCode: string;
  title: string;
  body: string;
  /** Days before today it was published (null: still a draft). */
  daysAgo: number | null;
  pinned?: boolean;
  author: 'admin@demo.nekj.cn' | 'operator@demo.nekj.cn' | 'operator.sy@demo.nekj.cn';
  pdf?: string;
}

/** Eight demo items: the registration rules, 揭榜挂帅 calls, and the province's plans in /work/shared/seeds (000–003). */
const items: DemoAnnouncement[] = [
  {
    key: 'registration-rules-2026',
    kind: 'policy',
    submarketCode: 'HUB',
    title: '技术合同认定登记管理办法（2026 年 1 月 23 日起施行）',
    body: '技术合同认定登记管理办法于 2026 年 1 月 23 日重新发布。\n\n卖方（技术开发方、转让方、许可方、咨询方或服务方）在合同签订后向所在地技术合同登记机构申请认定登记；登记员审查书面合同、当事人、合同类别与金额，核定技术交易额并发放登记证明。\n\n经认定登记的技术开发、技术转让合同可按规定享受增值税减免；符合条件的技术转让所得可享受企业所得税优惠（500 万元以内部分）。\n\n本平台签署的技术合同可在合同页直接申请登记，附件为办法全文。',
    daysAgo: 40,
    pinned: true,
    author: 'admin@demo.nekj.cn',
    pdf: '技术合同认定登记管理办法.pdf',
  },
  {
    key: 'challenge-call-2026',
    kind: 'notice',
    submarketCode: 'HUB',
    title: '关于征集 2026 年度“揭榜挂帅”技术攻关需求的通知',
    body: '各有关企业：\n\n为发挥企业创新主体作用，现面向全省征集 2026 年度“揭榜挂帅”技术攻关需求。需求应聚焦高端装备制造、新材料、集成电路等领域的“卡脖子”关键核心技术，写明攻关目标、考核指标、榜单金额与完成时限。\n\n请于 6 月 30 日前在本平台“发布需求”中选择“揭榜挂帅”提交，分市场运营审核后公开张榜。',
    daysAgo: 12,
    pinned: true,
    author: 'operator@demo.nekj.cn',
  },
  {
    key: 'challenge-results-2025',
    kind: 'notice',
    submarketCode: 'HUB',
    title: '2025 年度“揭榜挂帅”项目揭榜结果公示',
    body: '经专家评审，2025 年度“揭榜挂帅”项目共 18 项成功揭榜，涉及高端装备、新材料、生物医药等领域，榜单总金额 1.26 亿元。\n\n公示期为 7 个工作日。对公示内容有异议的，请在公示期内以书面形式向省级总部运营反映。',
    daysAgo: 30,
    author: 'operator@demo.nekj.cn',
  },
  {
    key: 'plan-innovation-platforms',
    kind: 'policy',
    submarketCode: 'HUB',
    title: '辽宁省“十三五”产业技术创新平台建设规划',
    body: '规划提出建设一批产业技术创新平台，加强创新能力建设，深化科技体制改革，建立产学研协同创新机制，支撑全省产业结构调整和转型升级。\n\n平台上的科技成果与技术需求可按规划所列重点产业领域检索。',
    daysAgo: 90,
    author: 'admin@demo.nekj.cn',
  },
  {
    key: 'plan-sci-tech-13th',
    kind: 'policy',
    submarketCode: 'HUB',
    title: '辽宁省科学和技术发展“十三五”规划',
    body: '规划明确到 2020 年全省技术合同成交额达到 600 亿元的目标，推动科技成果在省内转化，建设东北科技大市场及各市分市场，逐步形成联通全省的技术转移体系。',
    daysAgo: 120,
    author: 'admin@demo.nekj.cn',
  },
  {
    key: 'innovation-bases-2019',
    kind: 'policy',
    submarketCode: 'HUB',
    title: '关于印发《辽宁省科技创新基地优化整合方案》的通知（辽科发〔2019〕23号）',
    body: '根据《国家科技创新基地优化整合方案》（国科发基〔2017〕250号）有关工作部署，省科技厅会同省财政厅、省发展改革委制定了《辽宁省科技创新基地优化整合方案》，现印发各市人民政府及沈抚新区管委会、各有关部门，请认真贯彻执行。',
    daysAgo: 150,
    author: 'admin@demo.nekj.cn',
  },
  {
    key: 'shenyang-roadshow',
    kind: 'notice',
    submarketCode: 'SM-210100',
    title: '沈阳分市场智能制造专场成果路演报名通知',
    body: '沈阳分市场将于下月举办智能制造、工业机器人专场成果路演。高校、科研院所可携已在平台发布的科技成果报名，每项路演 8 分钟；企业可预约与成果方现场洽谈。\n\n报名请联系沈阳分市场运营。',
    daysAgo: 5,
    author: 'operator.sy@demo.nekj.cn',
  },
  {
    key: 'shenyang-draft',
    kind: 'notice',
    submarketCode: 'SM-210100',
    title: '沈阳分市场技术经纪人培训班招生（草稿）',
    body: '面向持证及拟取证技术经纪人开设培训班，内容包括技术合同认定登记实务、知识产权评估与交易谈判。具体时间待定。',
    daysAgo: null,
    author: 'operator.sy@demo.nekj.cn',
  },
];

const DAY = 86_400_000;

/** Seeds the demo announcements once each (keyed by their `key`; an upload happens only for a new item). */
export async function seedAnnouncements(ctx: AppContext, now = new Date()): Promise<number> {
  const { repo } = ctx.services.announcements;
  let created = 0;
  for (const item of items) {
    if (await repo.find(String(AnnouncementRepository.seedId(item.key)))) continue;
    const author = await ctx.services.seeding.accounts.byEmail(item.author);
    if (!author) continue;
    const who = toAuthUser(author);
    const file = item.pdf
      ? await ctx.services.attachments.upload(who, {
          originalname: item.pdf,
          buffer: Buffer.from(`%PDF-1.4\n% ${item.title}（演示）\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`),
        })
      : null;
    const publishedAt = item.daysAgo === null ? null : new Date(now.getTime() - item.daysAgo * DAY);
    const inserted = await repo.seedOnce(item.key, {
      kind: item.kind,
      title: item.title,
      body: item.body,
      submarketCode: item.submarketCode,
      attachmentId: file ? file._id : null,
      attachmentName: file ? file.filename : null,
      status: publishedAt ? 'published' : 'draft',
      pinned: !!item.pinned,
      publishedAt,
      authorId: author._id,
      authorName: author.name,
    });
    if (inserted) created++;
  }
  return created;
}
