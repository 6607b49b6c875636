import type { DemoOrg, DemoUser } from './demo-data';

/** The demo's two evaluation agencies (issue 16, 科技成果评估; invented names), in Shenyang and Dalian. */
export const evaluatorDemoOrgs: DemoOrg[] = [
  {
    key: 'eval-sy',
    name: '辽宁中衡资产评估有限公司',
    nameEn: 'Liaoning Zhongheng Asset Appraisal Co., Ltd.',
    type: 'evaluator',
    regionCode: '210100',
    verified: true,
    description: '无形资产与科技成果评估，专利价值评估（成本法、市场法、收益法）。',
  },
  {
    key: 'eval-dl',
    name: '大连正信科技成果评价中心',
    nameEn: 'Dalian Zhengxin Technology Appraisal Center',
    type: 'evaluator',
    regionCode: '210200',
    verified: true,
    description: '科技成果评价与知识产权价值评估，服务大连及沿海城市。',
  },
];

/** Their admins (password as every demo user): the agencies' queues on /evaluations. */
export const evaluatorDemoUsers: DemoUser[] = [
  {
    email: 'eval@demo.nekj.cn',
    name: '马评估师（辽宁中衡）',
    roles: [],
    orgKey: 'eval-sy',
    orgRole: 'org_admin',
    labelZh: '评估机构 evaluation agency',
  },
  {
    email: 'eval.dl@demo.nekj.cn',
    name: '韩评估师（大连正信）',
    roles: [],
    orgKey: 'eval-dl',
    orgRole: 'org_admin',
    labelZh: '评估机构（大连）evaluation agency',
  },
];
