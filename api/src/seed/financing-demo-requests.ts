import type { InterestStatus } from '../shared/financing';
import type { DemoInterest, DemoRequest } from './financing-demo-data';

const s = (productKey: string, status: InterestStatus, amount?: number, reason?: string): DemoInterest => ({
  productKey,
  status,
  ...(amount ? { amount } : {}),
  ...(reason ? { reason } : {}),
});
const funds = (what: string) => `设备购置与安装：${what}；流动资金与人员：其余部分。`;

/**
 * 30 requests in every state — 4 drafts, 12 open, 8 matched, 6 closed — with 7 agreements signed for about
 * 1.21亿元 (004 reports 3 enterprises signing 1.2亿元 with one service team). Amounts in 万元. One line each.
 */
// prettier-ignore
export const demoRequests: DemoRequest[] = [
  { key: 'r01', orgKey: 'ent-robot', title: '协作机器人产线扩产融资', amount: 800, field: 'EQP', stage: 'industrialized', status: 'matched', summary: '协作机器人年产能由 2000 台扩至 5000 台。', useOfFunds: funds('装配线两条约 500 万元'), collateral: '自有厂房抵押，评估值约 1200 万元', ipOffered: ['ZL202110456789.3 协作机器人关节模组（发明）'], interests: [s('p01', 'signed', 600), s('p13', 'accepted')] },
  { key: 'r02', orgKey: 'ent-material', title: '石墨烯导热膜中试线建设', amount: 1200, field: 'MAT', stage: 'pilot', status: 'matched', summary: '建设年产 10 万平方米石墨烯导热膜中试线。', useOfFunds: funds('卷对卷涂布与石墨化炉约 800 万元'), collateral: '设备抵押与实际控制人连带保证', ipOffered: ['ZL202010987654.1 石墨烯导热膜制备方法（发明）'], interests: [s('p03', 'term_sheet', 1000), s('p05', 'accepted')] },
  { key: 'r03', orgKey: 'dicp', title: '全钒液流电池储能材料中试', amount: 2000, field: 'CHE', stage: 'pilot', status: 'matched', summary: '电解液与双极板材料中试放大，面向百兆瓦级储能项目。', useOfFunds: funds('电解液中试装置约 1200 万元'), collateral: '无实物抵押，以成果作价入股的项目公司股权质押', ipOffered: ['全钒液流电池电解液制备专利族（5 项发明）'], interests: [s('p12', 'signed', 1500), s('p17', 'term_sheet', 800)] },
  { key: 'r04', orgKey: 'ent-steel', title: '高强钢在线热处理装备改造', amount: 1500, field: 'MET', stage: 'industrialized', status: 'closed', closeReason: '已完成融资', summary: '热处理线智能化改造，吨钢能耗下降 12%。', useOfFunds: funds('感应加热与控冷设备约 1100 万元'), collateral: '改造后设备所有权（售后回租）', interests: [s('p18', 'signed', 1200)] },
  { key: 'r05', orgKey: 'ent-storage', title: '储能电站 BMS 产品量产', amount: 3000, field: 'NEN', stage: 'industrialized', status: 'matched', summary: '电池管理系统产品量产及市场推广。', useOfFunds: funds('SMT 产线与老化测试设备约 1500 万元'), collateral: '应收账款质押约 2000 万元', ipOffered: ['软件著作权 8 项', 'ZL202210334455.6 储能电池均衡方法（发明）'], interests: [s('p20', 'signed', 2500), s('p01', 'declined', undefined, '抵押物不足以覆盖授信额度')] },
  { key: 'r06', orgKey: 'ent-chem', title: '催化剂连续化生产线', amount: 600, field: 'CHE', stage: 'industrialized', status: 'open', summary: '间歇釜改连续化生产，产能提高三倍。', useOfFunds: funds('连续流反应器约 400 万元'), collateral: '土地使用权抵押', interests: [s('p17', 'expressed'), s('p13', 'expressed')] },
  { key: 'r07', orgKey: 'neu', title: '智能轧制控制系统成果转化', amount: 300, field: 'EQP', stage: 'pilot', status: 'open', summary: '成立项目公司，推广轧制过程智能控制系统。', useOfFunds: '项目公司注册资本与首批工业验证。', collateral: '无', ipOffered: ['轧制过程控制发明专利 3 项（拟作价入股）'], interests: [s('p09', 'expressed')] },
  { key: 'r08', orgKey: 'sia', title: '水下机器人样机中试', amount: 500, field: 'EQP', stage: 'pilot', status: 'open', summary: '作业级水下机器人工程样机海试。', useOfFunds: funds('海试平台租赁与样机制造约 350 万元'), collateral: '无，可提供专利质押', ipOffered: ['水下机器人推进器专利 2 项'], interests: [s('p03', 'expressed')] },
  { key: 'r09', orgKey: 'imr', title: '高温合金涡轮叶片产业化', amount: 5000, field: 'MAT', stage: 'industrialized', status: 'matched', summary: '单晶高温合金叶片产业化公司 A 轮融资。', useOfFunds: funds('真空定向凝固炉约 3000 万元'), collateral: '股权融资，不涉及抵押', ipOffered: ['单晶高温合金成分专利族（12 项）'], interests: [s('p10', 'signed', 4000)] },
  { key: 'r10', orgKey: 'syuct', title: '精细化工中间体小试放大', amount: 200, field: 'CHE', stage: 'pilot_small', status: 'open', summary: '医药中间体绿色合成工艺小试放大。', useOfFunds: '小试装置与分析检测。', collateral: '无', interests: [s('p09', 'expressed')] },
  { key: 'r11', orgKey: 'ustl', title: '镁合金板材轧制中试', amount: 400, field: 'MAT', stage: 'pilot', status: 'open', summary: '宽幅镁合金板材轧制工艺中试。', useOfFunds: funds('轧机改造约 250 万元'), collateral: '无' },
  { key: 'r12', orgKey: 'ent-liaoyang', title: '芳烃装置余热回收改造', amount: 150, field: 'ECO', stage: 'industrialized', status: 'open', summary: '余热发电改造，年节约标煤 3000 吨。', useOfFunds: funds('余热锅炉约 100 万元'), collateral: '设备抵押', interests: [s('p19', 'expressed')] },
  { key: 'r13', orgKey: 'ent-chaoyang', title: '设施农业智能温室扩建', amount: 250, field: 'AGR', stage: 'industrialized', status: 'open', summary: '新建 50 亩智能温室。', useOfFunds: funds('温室主体与环控系统约 200 万元'), collateral: '农村土地经营权抵押' },
  { key: 'r14', orgKey: 'ent-huludao', title: '船用锌合金牺牲阳极产线', amount: 700, field: 'SEA', stage: 'industrialized', status: 'closed', closeReason: '暂缓融资计划', summary: '牺牲阳极自动化铸造线。', useOfFunds: funds('自动浇铸线约 450 万元'), collateral: '厂房抵押', interests: [s('p07', 'declined', undefined, '企业资产负债率偏高，暂不符合授信条件')] },
  { key: 'r15', orgKey: 'ent-fuxin', title: '氟化工新材料中试', amount: 900, field: 'CHE', stage: 'pilot', status: 'open', summary: '含氟电子化学品中试。', useOfFunds: funds('中试装置约 600 万元'), collateral: '设备抵押', interests: [s('p17', 'expressed')] },
  { key: 'r16', orgKey: 'ent-dandong', title: '智能仪器仪表出口订单融资', amount: 300, field: 'EQP', stage: 'industrialized', instruments: ['loan'], status: 'closed', closeReason: '已获得贷款', summary: '东南亚出口订单备货。', useOfFunds: '原材料采购与备货。', collateral: '出口订单应收账款质押', interests: [s('p06', 'signed', 300)] },
  { key: 'r17', orgKey: 'ent-fushun', title: '碳纤维复合材料产业化', amount: 2500, field: 'MAT', stage: 'industrialized', status: 'matched', summary: '碳纤维复合材料构件产线。', useOfFunds: funds('热压罐与自动铺丝设备约 1800 万元'), collateral: '设备所有权（直租）', interests: [s('p18', 'signed', 2000)] },
  { key: 'r18', orgKey: 'ent-jinzhou', title: '光伏硅片切割装备量产', amount: 1800, field: 'NEN', stage: 'industrialized', status: 'open', summary: '金刚线切片机量产。', useOfFunds: funds('机加工中心约 900 万元'), collateral: '厂房抵押与应收账款质押', interests: [s('p20', 'expressed')] },
  { key: 'r19', orgKey: 'ent-tieling', title: '专用车轻量化车身', amount: 600, field: 'NEV', stage: 'industrialized', status: 'open', summary: '铝合金轻量化车身产线改造。', useOfFunds: funds('焊装线改造约 400 万元'), collateral: '设备抵押' },
  { key: 'r20', orgKey: 'shenfu', title: '工业互联网平台研发', amount: 400, field: 'ICT', stage: 'pilot', status: 'open', summary: '面向装备制造企业的设备联网平台。', useOfFunds: '研发人员与云资源。', collateral: '无，可提供软件著作权质押', ipOffered: ['软件著作权 5 项'], interests: [s('p02', 'expressed')] },
  { key: 'r21', orgKey: 'syau', title: '抗寒玉米新品种推广', amount: 100, field: 'AGR', stage: 'pilot', status: 'open', summary: '新品种示范田与种子扩繁。', useOfFunds: '示范田租赁与扩繁。', collateral: '无', ipOffered: ['植物新品种权 1 项'] },
  { key: 'r22', orgKey: 'dlou', title: '海参苗种繁育技术转化', amount: 200, field: 'SEA', stage: 'pilot_small', status: 'matched', summary: '耐高温海参苗种繁育技术成立项目公司。', useOfFunds: '育苗车间改造与亲参采购。', collateral: '无', interests: [s('p11', 'term_sheet', 150)] },
  { key: 'r23', orgKey: 'lnpu', title: '油田化学品绿色制备', amount: 350, field: 'CHE', stage: 'pilot', status: 'closed', closeReason: '已通过其他渠道解决', summary: '驱油剂绿色合成中试。', useOfFunds: '中试装置。', collateral: '无' },
  { key: 'r24', orgKey: 'dlut', title: '船舶焊接机器人中试', amount: 800, field: 'EQP', stage: 'pilot', status: 'matched', summary: '船舶分段焊接机器人工程样机。', useOfFunds: '样机制造与船厂验证。', collateral: '无', interests: [s('p16', 'accepted')] },
  { key: 'r25', orgKey: 'lntu', title: '煤矿安全监测系统', amount: 150, field: 'SAF', stage: 'pilot', status: 'draft', summary: '矿压与瓦斯一体化监测。', useOfFunds: '样机与现场试验。', collateral: '无' },
  { key: 'r26', orgKey: 'ent-robot', title: '机器人关节减速器研发', amount: 400, field: 'EQP', stage: 'rd', status: 'draft', summary: 'RV 减速器国产化研发。', useOfFunds: '研发人员与试制。', collateral: '无' },
  { key: 'r27', orgKey: 'ent-material', title: '新型锂电隔膜中试', amount: 1000, field: 'NEV', stage: 'pilot', status: 'draft', summary: '陶瓷涂覆隔膜中试。', useOfFunds: funds('涂布线约 700 万元'), collateral: '设备抵押' },
  { key: 'r28', orgKey: 'ent-med', title: '骨科植入物注册检验', amount: 300, field: 'MED', stage: 'pilot', status: 'draft', summary: '钛合金骨科植入物注册检验与临床评价。', useOfFunds: '注册检验与临床评价。', collateral: '无' },
  { key: 'r29', orgKey: 'ent-chem', title: '废催化剂贵金属回收', amount: 500, field: 'ECO', stage: 'pilot', status: 'closed', closeReason: '项目调整', summary: '废催化剂中铂钯回收中试。', useOfFunds: '回收中试装置。', collateral: '存货质押', interests: [s('p13', 'declined', undefined, '项目现金流不足以覆盖担保责任')] },
  { key: 'r30', orgKey: 'ent-steel', title: '钢渣综合利用示范线', amount: 1200, field: 'ECO', stage: 'industrialized', status: 'closed', closeReason: '企业自有资金解决', summary: '钢渣微粉示范线。', useOfFunds: funds('立磨系统约 800 万元'), collateral: '厂房抵押', interests: [s('p13', 'term_sheet', 1000)] },
];
