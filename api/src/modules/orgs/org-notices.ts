import type { VerificationStatus } from '../../shared/dto';
import { isMakerOrgType } from '../../shared/makers';
import type { NotifyEvent } from '../notifications/notify';
import type { OrgRecord } from './org.model';

/**
 * To the members of an organisation or maker: an operator verified it, or returned it with the reason. An
 * account notice (it decides what they may do), keyed by the decision's time so a retry tells nobody twice.
 */
export function verificationNotice(org: OrgRecord, to: VerificationStatus, reason: string | undefined): NotifyEvent {
  const maker = isMakerOrgType(org.type);
  const what = maker
    ? { zh: '创客认证', en: 'maker verification' }
    : { zh: '机构认证', en: 'organisation verification' };
  const at = org.verification?.decidedAt ? new Date(org.verification.decidedAt).getTime() : Date.now();
  const link = maker ? `/makers/${org._id}` : `/orgs/${org._id}`;
  if (to === 'verified')
    return {
      key: `org:${org._id}:verified:${at}`,
      category: 'account',
      type: 'org_verified',
      title: { zh: `「${org.name}」已通过${what.zh}`, en: `"${org.name}" passed ${what.en}` },
      body: maker
        ? {
            zh: '现在可以发布成果、参与揭榜挂帅和申请融资。',
            en: 'You can now publish achievements, answer challenges and request financing.',
          }
        : { zh: '现在可以发布、洽谈与签约。', en: 'You can now publish, negotiate and sign.' },
      link,
    };
  return {
    key: `org:${org._id}:returned:${at}`,
    category: 'account',
    type: 'org_returned',
    title: { zh: `「${org.name}」的${what.zh}被退回`, en: `"${org.name}": ${what.en} was returned` },
    body: {
      zh: `原因：${reason ?? '未说明'}。修改资料或重新上传证件后将再次进入审核。`,
      en: `Reason: ${reason ?? 'none given'}. Correct the profile or upload the document again to go back into review.`,
    },
    link,
  };
}
