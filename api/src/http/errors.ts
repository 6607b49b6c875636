/**
 * The error taxonomy: every failure a client can see has an HTTP status, a stable machine code and a
 * message in Chinese and English. Anything else becomes INTERNAL (500) and is logged with the request id.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is invalid' },
  INVALID_ID: { status: 400, zh: '编号格式不正确', en: 'The id is malformed' },
  INVALID_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong account or password' },
  WRONG_PASSWORD: { status: 403, zh: '当前密码不正确', en: 'The current password is wrong' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  EMAIL_TAKEN: { status: 409, zh: '该邮箱已注册', en: 'This email is already registered' },
  CREDIT_CODE_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已登记',
    en: 'This unified social credit code is already registered',
  },
  ALREADY_IN_ORG: { status: 409, zh: '该用户已属于某个机构', en: 'The user already belongs to an organisation' },
  LAST_ORG_ADMIN: {
    status: 409,
    zh: '机构至少需要一名管理员，请先指定其他管理员',
    en: 'An organisation needs at least one admin; make someone else admin first',
  },
  RESET_LINK_INVALID: {
    status: 410,
    zh: '重置密码链接无效、已使用或已过期，请重新申请',
    en: 'This password-reset link is invalid, used or expired; ask for a new one',
  },
  INVITATION_EXPIRED: { status: 410, zh: '邀请已过期或已失效', en: 'The invitation has expired or is no longer valid' },
  INVALID_STATE: { status: 409, zh: '当前状态下不能执行此操作', en: 'Not allowed in the current state' },
  EDIT_CONFLICT: {
    status: 409,
    zh: '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  OWN_ORG_NOT_ALLOWED: {
    status: 403,
    zh: '不能处理本人所属机构的事项（职责分离）',
    en: "Staff may not decide on their own organisation's records (separation of duties)",
  },
  NOT_ORG_MEMBER: { status: 403, zh: '请先加入或创建机构', en: 'Join or create an organisation first' },
  ATTACHMENT_NOT_USABLE: {
    status: 400,
    zh: '附件不存在或不属于本机构',
    en: "The attachment does not exist or is not your organisation's",
  },
  UNSUPPORTED_FILE_TYPE: {
    status: 415,
    zh: '不支持的文件类型（仅限 PDF、Office 文档和图片）',
    en: 'Unsupported file type (PDF, Office documents and images only)',
  },
  FILE_TOO_LARGE: { status: 413, zh: '文件过大', en: 'The file is too large' },
  CHALLENGE_CLOSED: { status: 409, zh: '揭榜已截止或未开放', en: 'The challenge is closed or not open' },
  ALREADY_PROPOSED: { status: 409, zh: '本机构已提交过方案', en: 'Your organisation already submitted a proposal' },
  ORG_NOT_VERIFIED: { status: 403, zh: '机构尚未通过认证', en: 'The organisation is not verified yet' },
  LICENCE_MISSING: {
    status: 409,
    zh: '机构尚未上传营业执照或事业单位法人证书，不能通过认证',
    en: 'The organisation has not uploaded its business licence or institution certificate, so it cannot be verified',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '该账号已被停用，请联系平台管理员',
    en: 'This account is disabled; contact the platform admins',
  },
  ACCOUNT_LOCKED: {
    status: 429,
    zh: '登录失败次数过多，账号暂时锁定',
    en: 'Too many failed sign-ins; the account is locked for a while',
  },
  CONTRACT_NOT_REGISTERED: {
    status: 409,
    zh: '合同尚未完成认定登记，登记后才能报送产业化进展',
    en: 'The contract is not registered yet; industrialisation is reported after registration',
  },
  ANNOUNCEMENT_PDF_ONLY: {
    status: 422,
    zh: '公告附件须为本人上传的 PDF 文件',
    en: 'An announcement attachment must be a PDF you uploaded',
  },
  ANNOUNCEMENT_OUT_OF_SCOPE: {
    status: 403,
    zh: '只能为本人负责的分市场发布公告',
    en: 'You can publish only for the sub-markets you run',
  },
  FOLLOWUP_BUYER_ONLY: {
    status: 403,
    zh: '产业化进展由合同买方（受让方）报送',
    en: "Only the contract's buyer reports industrialisation progress",
  },
  FOLLOWUP_ALREADY_REPORTED: {
    status: 409,
    zh: '该期产业化进展已报送',
    en: 'This period has already been reported',
  },
  FOLLOWUP_PERIOD_NOT_OPEN: {
    status: 409,
    zh: '该期尚不能报送：请按期次顺序报送，且报告期开始后才能填报',
    en: 'This period cannot be reported yet: report the periods in order, once each has begun',
  },
  FOLLOWUP_NOT_CUMULATIVE: {
    status: 422,
    zh: '销售额、新增就业和融资额为累计数，不能小于上期报送的数值',
    en: 'Sales, jobs and investment are cumulative and cannot be lower than last period’s',
  },
  ORIGIN_NOT_ALLOWED: { status: 403, zh: '不允许的来源', en: 'Origin not allowed' },
  REGISTRATION_RULES_FAILED: {
    status: 422,
    zh: '合同未通过认定登记规则检查',
    en: 'The contract fails the registration rules',
  },
  SIGNING_RULES_FAILED: {
    status: 422,
    zh: '合同未通过认定登记规则检查，修改合同后才能签署',
    en: 'The contract fails the registration rules; edit it before signing',
  },
  ALREADY_SIGNED: { status: 409, zh: '您方已签署该版本合同', en: 'Your side has already signed this version' },
  CONTRACT_SIGNED: {
    status: 409,
    zh: '双方已签署的合同不能修改',
    en: 'A contract signed by both parties cannot be edited',
  },
  DOCUMENT_FONT_MISSING: {
    status: 503,
    zh: '缺少中文字体，无法生成合同文本',
    en: 'The CJK font for contract documents is missing',
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    zh: '缺少或无效的 Idempotency-Key 请求头',
    en: 'A valid Idempotency-Key header is required',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该 Idempotency-Key 已用于另一笔请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  WEBHOOK_SIGNATURE_INVALID: { status: 400, zh: '回调签名校验失败', en: 'The webhook signature is invalid' },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    zh: '该款项已有进行中的支付',
    en: 'A payment for this item is already in progress',
  },
  ALREADY_PAID: { status: 409, zh: '该款项已支付', en: 'This item is already paid' },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    zh: '到账金额与应付金额不一致',
    en: 'The amount received does not match the amount due',
  },
  ALREADY_PAID_OUT: { status: 409, zh: '该笔款项已付给收款方', en: 'This payout was already paid' },
  PAYOUT_EXCEEDS_PAYABLE: {
    status: 422,
    zh: '付款金额超过应付给收款方的金额',
    en: 'The amount paid exceeds what is payable to the beneficiary',
  },
  NO_DEPOSIT_REQUIRED: { status: 422, zh: '该事项无需缴纳保证金', en: 'No deposit is required for this' },
  REFUND_NOT_ALLOWED: {
    status: 409,
    zh: '该笔款项已结算给收款方，不能退款',
    en: 'This payment was already paid out and cannot be refunded',
  },
  PAYMENT_PROVIDER_ERROR: {
    status: 502,
    zh: '支付渠道暂时不可用，请稍后再试',
    en: 'The payment provider is unavailable; try again later',
  },
  PAYMENTS_STRIPE_DISABLED: {
    status: 503,
    zh: '在线支付未开通，请使用对公转账',
    en: 'Online payment is not configured; pay by bank transfer',
  },
  FINANCE_INSTITUTION_ONLY: {
    status: 403,
    zh: '仅科技金融服务机构（银行、创投、担保、保险、租赁、小贷等）可以执行此操作',
    en: 'Only a finance institution (bank, venture fund, guarantor, insurer, lessor, micro-lender) can do this',
  },
  FINANCING_REQUESTER_ONLY: {
    status: 403,
    zh: '仅企业、高校、科研院所、新型研发机构和创客团队可以提交融资需求',
    en: 'Only enterprises, universities, institutes, R&D institutions and maker teams can file financing requests',
  },
  INSTRUMENT_NOT_ALLOWED: {
    status: 422,
    zh: '贵机构的类型不能发布这类金融产品（例如担保机构不能发布股权投资产品）',
    en: 'Your type of institution cannot offer this instrument (a guarantee company cannot publish an equity product, for example)',
  },
  PRODUCT_DOES_NOT_FIT: {
    status: 422,
    zh: '所选金融产品与该融资需求不匹配（金额、领域、阶段、地区或融资方式）',
    en: 'The chosen product does not fit this request (amount, field, stage, region or instrument)',
  },
  TIE_NOT_ALLOWED: {
    status: 422,
    zh: '只能关联本机构的科技成果或本机构作为一方的技术合同',
    en: "A request can only be tied to your organisation's own achievement or a contract it is a party to",
  },
  EVALUATOR_ONLY: {
    status: 403,
    zh: '仅受托的评估机构可以执行此操作',
    en: 'Only the engaged evaluation agency can do this',
  },
  NOT_AN_EVALUATOR: {
    status: 422,
    zh: '所选机构不是平台认证的评估机构',
    en: 'The organisation named is not a verified evaluation agency of the platform',
  },
  EVALUATION_NOT_OWN_ACHIEVEMENT: {
    status: 422,
    zh: '只能为本机构的科技成果申请评估或自评估',
    en: "Only your organisation's own achievements can be evaluated or self-assessed",
  },
  EVALUATION_ALREADY_OPEN: {
    status: 409,
    zh: '该成果已向此评估机构提出评估申请，尚未结束',
    en: 'This achievement already has an open engagement with this evaluation agency',
  },
  EVALUATION_RANGE_INVERTED: {
    status: 422,
    zh: '评估值区间下限不能高于上限',
    en: 'The lower end of the value range must not exceed the upper end',
  },
  EVALUATION_VALUE_OUT_OF_RANGE: {
    status: 422,
    zh: '评估值须在 1 万元至 100 亿元之间',
    en: 'Evaluated values must lie between 10,000 and 10 billion yuan',
  },
  EVALUATION_REPORT_NOT_USABLE: {
    status: 422,
    zh: '评估报告须为本评估机构上传的 PDF 文件',
    en: "The report must be a PDF file uploaded by the evaluation agency's own organisation",
  },
  MAKER_ID_TAKEN: {
    status: 409,
    zh: '该公民身份号码已登记为创客',
    en: 'This resident ID is already registered as a maker',
  },
  MAKER_ID_MISMATCH: {
    status: 422,
    zh: '合同中的公民身份号码与创客登记的号码不一致',
    en: 'The resident ID in the contract is not the one the maker registered with',
  },
  NOT_A_MAKER: { status: 404, zh: '未找到该创客', en: 'No such maker' },
  NOT_READY: { status: 503, zh: '服务尚未就绪', en: 'The service is not ready' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时不可用，请稍后重试',
    en: 'The database is unavailable; try again shortly',
  },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(errorCatalog[code].en);
    this.status = errorCatalog[code].status;
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: { zh: string; en: string }; details?: unknown; requestId?: string };
}

export function errorBody(code: ErrorCode, details?: unknown, requestId?: string): ErrorBody {
  const { zh, en } = errorCatalog[code];
  return { error: { code, message: { zh, en }, ...(details === undefined ? {} : { details }), requestId } };
}
