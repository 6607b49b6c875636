import { Types } from 'mongoose';
import { residentIdCheckChar, type MakerKind } from '../shared/makers';
import type { DemoUser } from './demo-data';

/** Who created the seeded maker records (no person: the seed). */
export const SYSTEM = new Types.ObjectId('000000000000000000000001');
const id = (first17: string) => first17 + residentIdCheckChar(first17);

export interface DemoMaker {
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
