import type { DemoProduct } from './financing-demo-data';

const all: string[] = [];
const late = ['pilot', 'industrialized'];
const early = ['rd', 'pilot_small', 'pilot'];

/** 20 products of the nine demo institutions; amounts in 万元, rates and shares in %. One line each, as a table. */
// prettier-ignore
export const demoProducts: DemoProduct[] = [
  { key: 'p01', orgKey: 'fin-bank-sy', name: '知识产权质押贷', instrument: 'loan', amount: [50, 3000], term: [6, 36], pct: [3.45, 4.8], fields: all, stages: late, regions: all, materials: ['营业执照', '专利证书及年费缴纳凭证', '近两年财务报表'], description: '以发明专利、实用新型专利质押，专利评估后按评估值的 30%–50% 授信。' },
  { key: 'p02', orgKey: 'fin-bank-sy', name: '科技信用贷', instrument: 'loan', amount: [20, 1000], term: [12, 36], pct: [3.6, 5.2], fields: all, stages: all, regions: ['210100', '219900'], materials: ['营业执照', '高新技术企业证书或科技型中小企业评价入库证明'], description: '无抵押信用贷款，面向沈阳及沈抚新区的科技型中小企业。' },
  { key: 'p03', orgKey: 'fin-bank-sy', name: '中试贷', instrument: 'loan', amount: [100, 2000], term: [12, 48], pct: [3.3, 4.5], fields: ['EQP', 'MAT', 'CHE', 'NEN'], stages: ['pilot'], regions: all, materials: ['中试方案', '成果评价或鉴定报告'], description: '支持科技成果中试熟化，贴息后实际利率可低至 2.5%。' },
  { key: 'p04', orgKey: 'fin-bank-sy', name: '技术合同贷', instrument: 'loan', amount: [30, 800], term: [6, 24], pct: [3.8, 5.0], fields: all, stages: late, regions: all, materials: ['已登记的技术合同', '合同回款计划'], description: '以已认定登记的技术合同应收款为还款来源。' },
  { key: 'p05', orgKey: 'fin-bank-dl', name: '高新科技贷', instrument: 'loan', amount: [50, 2000], term: [12, 36], pct: [3.5, 4.9], fields: ['ICT', 'IC', 'MAT', 'SEA', 'CHE'], stages: late, regions: ['210200'], materials: ['营业执照', '纳税证明'], description: '大连高新区企业专属额度。' },
  { key: 'p06', orgKey: 'fin-bank-dl', name: '订单融资', instrument: 'loan', amount: [20, 500], term: [3, 12], pct: [3.9, 5.5], fields: all, stages: ['industrialized'], regions: all, materials: ['采购订单或技术合同'], description: '按订单金额 70% 放款，随订单回款还款。' },
  { key: 'p07', orgKey: 'fin-bank-dl', name: '海洋科技贷', instrument: 'loan', amount: [100, 3000], term: [12, 60], pct: [3.2, 4.6], fields: ['SEA', 'TRN'], stages: all, regions: all, materials: ['营业执照', '项目可行性报告'], description: '海洋工程装备与海洋生物医药项目贷款。' },
  { key: 'p08', orgKey: 'fin-vc-sy', name: '硬科技成长基金', instrument: 'equity', amount: [500, 5000], term: [36, 84], pct: [5, 20], fields: ['EQP', 'MAT', 'ICT', 'IC'], stages: late, regions: all, materials: ['商业计划书', '核心团队介绍', '知识产权清单'], description: 'A 轮至 B 轮，单笔 500 万–5000 万元，可联合银行投贷联动。' },
  { key: 'p09', orgKey: 'fin-vc-sy', name: '成果转化天使基金', instrument: 'equity', amount: [100, 1000], term: [60, 96], pct: [8, 25], fields: all, stages: early, regions: all, materials: ['商业计划书', '成果权属证明'], description: '高校院所成果转化项目的天使轮与种子轮。' },
  { key: 'p10', orgKey: 'fin-vc-sy', name: '专精特新跟投计划', instrument: 'equity', amount: [1000, 8000], term: [36, 72], pct: [3, 15], fields: all, stages: ['industrialized'], regions: all, materials: ['近三年财务报表', '专精特新认定证明'], description: '跟投专精特新企业的 Pre-IPO 轮次，对接辽宁股权交易中心科技板。' },
  { key: 'p11', orgKey: 'fin-vc-dl', name: '海创天使', instrument: 'equity', amount: [50, 500], term: [60, 96], pct: [10, 30], fields: ['ICT', 'BIO', 'SEA', 'MED', 'CHE'], stages: early, regions: all, materials: ['商业计划书'], description: '大连高校院所师生创业团队的天使投资。' },
  { key: 'p12', orgKey: 'fin-vc-dl', name: '新能源早期基金', instrument: 'equity', amount: [300, 3000], term: [48, 84], pct: [8, 20], fields: ['NEN', 'NEV', 'CHE'], stages: ['pilot_small', 'pilot'], regions: all, materials: ['商业计划书', '中试数据'], description: '储能、燃料电池与动力电池材料的早期投资。' },
  { key: 'p13', orgKey: 'fin-guarantee', name: '科技贷款担保', instrument: 'guarantee', amount: [50, 2000], term: [12, 36], pct: [0.8, 1.5], fields: all, stages: late, regions: all, materials: ['营业执照', '合作银行授信意向'], description: '为合作银行的科技贷款提供连带责任保证，担保费率不高于 1.5%。' },
  { key: 'p14', orgKey: 'fin-guarantee', name: '知识产权质押融资担保', instrument: 'guarantee', amount: [30, 1000], term: [12, 36], pct: [0.5, 1.2], fields: all, stages: all, regions: all, materials: ['专利证书', '专利评估报告'], description: '与知识产权质押贷款配套的政策性担保。' },
  { key: 'p15', orgKey: 'fin-insurance', name: '首台（套）装备综合险', instrument: 'insurance', amount: [100, 5000], term: [12, 36], pct: [1.0, 3.0], fields: ['EQP', 'TRN', 'ENE', 'MED'], stages: ['industrialized'], regions: all, materials: ['首台（套）认定文件', '设备技术说明'], description: '保费财政补贴 80%，覆盖质量风险与责任风险。' },
  { key: 'p16', orgKey: 'fin-insurance', name: '研发费用损失险', instrument: 'insurance', amount: [20, 1000], term: [12, 24], pct: [1.5, 3.5], fields: all, stages: early, regions: all, materials: ['研发项目立项书', '研发费用预算'], description: '研发失败时按合同约定赔付已投入的研发费用。' },
  { key: 'p17', orgKey: 'fin-leasing', name: '中试设备直租', instrument: 'leasing', amount: [100, 3000], term: [24, 60], pct: [4.5, 6.5], fields: ['EQP', 'MAT', 'CHE', 'BIO', 'NEN'], stages: ['pilot', 'industrialized'], regions: all, materials: ['设备清单及报价', '营业执照'], description: '按设备清单直接购置并出租，期末留购价 1 元。' },
  { key: 'p18', orgKey: 'fin-leasing', name: '设备售后回租', instrument: 'leasing', amount: [200, 5000], term: [24, 60], pct: [4.8, 7.0], fields: all, stages: ['industrialized'], regions: all, materials: ['设备权属证明', '近两年财务报表'], description: '盘活存量生产设备，补充产业化流动资金。' },
  { key: 'p19', orgKey: 'fin-microcredit', name: '科创周转贷', instrument: 'loan', amount: [5, 300], term: [3, 12], pct: [6.0, 12.0], fields: all, stages: all, regions: ['210300', '210100', '211000'], materials: ['营业执照或团队协议', '经营流水'], description: '鞍山、沈阳、辽阳科技型小微企业与创客团队短期周转。' },
  { key: 'p20', orgKey: 'finance', name: '投贷联动综合方案', instrument: 'loan', amount: [200, 5000], term: [12, 60], pct: [3.5, 5.0], fields: all, stages: late, regions: all, materials: ['商业计划书', '近两年财务报表', '股权结构图'], description: '贷款与认股权相结合，配套合作基金跟投。' },
];
