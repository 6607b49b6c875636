/**
 * Names of the audit log's objects and actions for people (Chinese, English). A code without an entry is
 * shown as itself, so a new action is never hidden — add it here when adding it to a service.
 */
export const auditEntityLabels: Record<string, [string, string]> = {
  user: ['用户', 'User'],
  org: ['机构', 'Organisation'],
  achievement: ['科技成果', 'Achievement'],
  need: ['技术需求', 'Need'],
  proposal: ['揭榜方案', 'Proposal'],
  import: ['批量导入', 'Import'],
  negotiation: ['洽谈', 'Negotiation'],
  negotiation_offer: ['报价', 'Offer'],
  contract: ['技术合同', 'Contract'],
  registration: ['认定登记', 'Registration'],
  payable: ['应付款', 'Payable'],
  payment: ['付款', 'Payment'],
  submarket: ['分市场', 'Sub-market'],
  settings: ['平台设置', 'Platform settings'],
  financing_product: ['金融产品', 'Financing product'],
  financing_request: ['融资需求', 'Financing request'],
  financing_interest: ['融资意向', 'Financing interest'],
  followup: ['产业化跟踪', 'Industrialisation follow-up'],
  announcement: ['通知公告/政策', 'Announcement'],
};

export const auditActionLabels: Record<string, [string, string]> = {
  create: ['创建', 'Create'],
  update: ['修改', 'Update'],
  revise: ['修订', 'Revise'],
  submit: ['提交审核', 'Submit'],
  resubmit: ['重新提交', 'Resubmit'],
  approve: ['通过', 'Approve'],
  reject: ['退回', 'Reject'],
  reject_change: ['退回变更', 'Reject change'],
  withdraw: ['撤回', 'Withdraw'],
  archive: ['下架', 'Archive'],
  set_roles: ['设置角色', 'Set roles'],
  disable: ['停用账号', 'Disable account'],
  enable: ['启用账号', 'Enable account'],
  unlock: ['解除锁定', 'Unlock'],
  invite: ['邀请成员', 'Invite member'],
  revoke_invitation: ['撤销邀请', 'Revoke invitation'],
  decline_invitation: ['拒绝邀请', 'Decline invitation'],
  join: ['加入机构', 'Join'],
  leave: ['退出机构', 'Leave'],
  remove_member: ['移除成员', 'Remove member'],
  open: ['发起洽谈', 'Open'],
  offer: ['报价', 'Offer'],
  counter: ['还价', 'Counter-offer'],
  accept: ['接受', 'Accept'],
  agree: ['达成一致', 'Agree'],
  expire: ['过期', 'Expire'],
  close: ['关闭', 'Close'],
  invite_broker: ['邀请经纪人', 'Invite broker'],
  assign_broker: ['指派经纪人', 'Assign broker'],
  create_from_deal: ['由成交生成合同', 'Contract from deal'],
  create_paper: ['录入纸质合同', 'Enter paper contract'],
  create_historic: ['录入历史合同', 'Record historic contract'],
  import: ['导入', 'Import'],
  sign: ['签署', 'Sign'],
  confirm: ['确认', 'Confirm'],
  file: ['申请登记', 'File for registration'],
  read: ['查看', 'Read'],
  declare_bank_transfer: ['申报对公转账', 'Declare bank transfer'],
  confirm_bank_transfer: ['确认到账', 'Confirm bank transfer'],
  reject_bank_transfer: ['驳回转账', 'Reject bank transfer'],
  start_stripe: ['发起在线支付', 'Start online payment'],
  refund: ['退款', 'Refund'],
  deposit_required: ['要求保证金', 'Deposit required'],
  deposit_release: ['退还保证金', 'Release deposit'],
  deposit_forfeit: ['没收保证金', 'Forfeit deposit'],
  set_settings: ['修改平台设置', 'Change platform settings'],
  upload_licence: ['上传认证材料', 'Upload licence'],
  request_change: ['申请变更', 'Request change'],
  withdraw_change: ['撤回变更', 'Withdraw change'],
  approve_change: ['通过变更', 'Approve change'],
  publish: ['发布', 'Publish'],
  express_interest: ['表达融资意向', 'Express interest'],
  record_outcome: ['记录融资结果', 'Record outcome'],
  report: ['报送进展', 'Report progress'],
  unpublish: ['撤下', 'Unpublish'],
  pin: ['置顶', 'Pin'],
  unpin: ['取消置顶', 'Unpin'],
};

/** "通过 Approve"-style label for exports; the UI shows the language in use. */
export function auditLabel(kind: 'entity' | 'action', code: string, lang: 'zh' | 'en' | 'both' = 'both'): string {
  const pair = (kind === 'entity' ? auditEntityLabels : auditActionLabels)[code];
  if (!pair) return code;
  if (lang === 'zh') return pair[0];
  if (lang === 'en') return pair[1];
  return `${pair[0]} ${pair[1]}`;
}
