import type catalogDetailZh from './catalog-detail.zh-CN';

/** Catalogue texts of a listing page (English). */
const catalogDetailEn: typeof catalogDetailZh = {
  basic: 'Basics',
  summary: 'Summary',
  problem: 'Problem',
  indicators: 'Technical indicators',
  ip: 'Intellectual property',
  trade: 'Trading',
  images: 'Images',
  noIp: 'No intellectual property registered',
  confidentialTitle: 'Confidential information',
  ndaHint:
    'This listing holds confidential details and files. Your organisation sees them after accepting the non-disclosure agreement (NDA); who accepted, when and from where is recorded.',
  ndaAccept: 'Accept the NDA and view',
  ndaConfirmTitle: 'Non-disclosure agreement',
  ndaConfirmText:
    'Your organisation will use the confidential information of this listing only to evaluate a cooperation and will not disclose it to third parties or use it otherwise without the publisher’s written consent. Accept?',
  ndaAccepted: 'NDA accepted',
  ndaLogin: 'Sign in and accept the NDA to see the confidential details',
  ndaNoOrg: 'Join or create a verified organisation to accept the NDA',
  noConfidential: 'This listing has no confidential details',
  contact: 'Contact',
  attachment: 'Attachment {{n}}',
  ownerView:
    'This is your organisation’s listing, shown as the working copy; the public sees the approved version only.',
  staffView: 'Review view: the publisher’s working copy with every confidential detail.',
  statusLabel: 'Status',
  reviewReason: 'Review comment',
  reviewedBy: 'Reviewed by {{name}} at {{at}}',
  revisionBanner: {
    draft:
      'This revision is not submitted: the public still sees the last approved version. Submit it for review to publish it.',
    pending_review: 'The revision is waiting for review; once approved it replaces the public version.',
    rejected: 'The revision was rejected; change it as the comment says and submit it again.',
  },
  statusHint: {
    draft: 'Drafts are visible to your organisation only; submit for review when ready.',
    pending_review: 'Submitted; waiting for the sub-market operator’s review.',
    published: 'Published.',
    rejected: 'Rejected; change it as the comment says and submit it again.',
    archived: 'Archived; no longer shown to the public.',
  },
  liveVersion: 'Public version: {{title}}',
  history: 'History',
  noHistory: 'No history yet',
  by: 'By {{name}}',
  action: {
    create: 'Draft created',
    update: 'Edited',
    revise: 'Revised',
    submit: 'Submitted for review',
    withdraw: 'Withdrawn',
    approve: 'Approved',
    reject: 'Rejected',
    archive: 'Archived',
    revision_submit: 'Revision submitted',
    revision_withdraw: 'Revision withdrawn',
    revision_approve: 'Revision approved',
    revision_reject: 'Revision rejected',
  },
  edit: 'Edit',
  submit: 'Submit for review',
  withdraw: 'Withdraw',
  archive: 'Archive',
  archiveConfirm: 'An archived listing is no longer shown and cannot be restored. Archive it?',
  submitted: 'Submitted for review',
  withdrawn: 'Withdrawn',
  archived: 'Archived',
  backToList: 'Back to the list',
};

export default catalogDetailEn;
