/** Texts of the admin pages (sub-markets, audit log) and the legal texts, Chinese first. */
const adminZh = {
  submarkets: {
    title: '分市场',
    subtitle: '各分市场的名称、运营人员与对外联系方式；运营人员在“用户”页设置角色时指定',
    editTitle: '编辑分市场：{{name}}',
    saved: '已保存 {{name}}',
    zh: '中文名称',
    en: '英文名称',
    contactName: '联系人',
    contactPhone: '联系电话',
    contactEmail: '联系邮箱',
    contactAddress: '办公地址',
    noOperators: '暂无运营人员',
    col: { name: '分市场', kind: '类型', region: '地区', operators: '运营人员', contact: '联系方式' },
  },
  legal: {
    version: '版本 {{version}}',
    terms: {
      title: '用户协议',
      body: [
        '东北科技大市场（以下简称“平台”）是辽宁省科技成果展示交易与科技金融服务的公益性平台。注册即表示您同意遵守本协议。',
        '您应提供真实、准确的注册信息与机构资料；机构须上传营业执照或事业单位法人证书，经分市场运营人员审核通过后方可交易。',
        '您发布的科技成果、技术需求与揭榜方案应真实合法，不得侵犯他人知识产权；保密信息仅在对方签署保密协议后可见。',
        '洽谈、报价、合同签署与付款记录将完整保存，作为技术合同认定登记与统计的依据。',
        '平台可对违反法律法规或本协议的内容下架处理，对账号停用；重要操作均记入审计日志。',
        '本协议更新时将发布新版本，继续使用前需再次确认。',
      ],
    },
    privacy: {
      title: '隐私政策',
      body: [
        '我们收集您注册时提供的邮箱、姓名与手机号码，以及您所在机构的资料，用于账号管理、机构认证与交易服务。',
        '登录时我们记录来源地址，用于防范暴力破解；签署合同时记录签署时间与地址，作为电子签署的证据。',
        '机构认证材料仅向所属分市场的运营人员与平台管理员展示，不对外公开。',
        '除法律法规要求或为完成您发起的交易（如向交易对方、登记机关提供合同信息）外，我们不会向第三方提供您的个人信息。',
        '您可以在个人资料页修改姓名、手机号码与密码；如需注销账号，请联系平台管理员。',
      ],
    },
  },
  audit: {
    title: '审计日志',
    subtitle: '谁在何时对哪条记录做了什么；可按操作人、对象、操作和日期筛选并导出',
    export: '导出 CSV',
    empty: '没有符合条件的记录',
    reason: '原因：{{reason}}',
    col: { at: '时间', actor: '操作人', action: '操作', object: '对象', change: '变更' },
    filter: { actor: '操作人', entity: '对象类型', entityId: '对象编号', action: '操作', dates: '日期范围' },
  },
};

export default adminZh;
