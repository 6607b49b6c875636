import type { NotifyEvent } from '../notifications/notify';
import type { ContractRecord, RegistrationRecord } from './contract.model';

const link = (c: Pick<ContractRecord, '_id'>) => `/contracts/${c._id}`;

export function readyToSignNotice(c: ContractRecord): NotifyEvent {
  return {
    key: `contract:${c._id}:ready`,
    category: 'contract',
    type: 'contract_ready',
    title: { zh: `合同待签署：「${c.terms.title}」`, en: `Contract ready to sign: "${c.terms.title}"` },
    body: {
      zh: `合同编号 ${c.contractNo}。请核对条款和认定登记规则检查后签署。`,
      en: `Contract ${c.contractNo}. Check the terms and the registration rules, then sign.`,
    },
    link: link(c),
  };
}

export function signedNotice(c: ContractRecord, side: 'seller' | 'buyer', both: boolean): NotifyEvent {
  const who = side === 'seller' ? { zh: '卖方', en: 'seller' } : { zh: '买方', en: 'buyer' };
  return {
    key: `contract:${c._id}:signed:${side}:${c.docHash}`,
    category: 'contract',
    type: both ? 'contract_signed' : 'contract_signed_by_other',
    title: both
      ? { zh: `合同已由双方签署：「${c.terms.title}」`, en: `Contract signed by both parties: "${c.terms.title}"` }
      : {
          zh: `${who.zh}已签署合同「${c.terms.title}」，等待您签署`,
          en: `The ${who.en} signed "${c.terms.title}"; your signature is awaited`,
        },
    body: { zh: `合同编号 ${c.contractNo}`, en: `Contract ${c.contractNo}` },
    link: link(c),
  };
}

export function filedNotice(c: ContractRecord, seq: number): NotifyEvent {
  return {
    key: `contract:${c._id}:filed:${seq}`,
    category: 'registration',
    type: 'contract_filed',
    title: {
      zh: `合同已提交认定登记：「${c.terms.title}」`,
      en: `Contract filed for registration: "${c.terms.title}"`,
    },
    body: { zh: `第 ${seq} 次申报，等待登记员审核。`, en: `Filing ${seq}, waiting for the registration official.` },
    link: link(c),
  };
}

/** The seller filed and hears the reason of a return; the buyer hears the outcome without it. */
export function decisionNotice(r: RegistrationRecord, forSeller: boolean): NotifyEvent {
  const approved = r.status === 'approved';
  return {
    key: `registration:${r._id}:${r.status}:${forSeller ? 'seller' : 'buyer'}`,
    category: 'registration',
    type: approved ? 'registration_approved' : 'registration_returned',
    title: approved
      ? { zh: `合同已准予登记：「${r.title}」`, en: `Contract registered: "${r.title}"` }
      : { zh: `合同认定登记被退回：「${r.title}」`, en: `Registration returned: "${r.title}"` },
    body: approved
      ? { zh: `登记号 ${r.registrationNo}`, en: `Registration number ${r.registrationNo}` }
      : forSeller
        ? {
            zh: `原因：${r.reason ?? '—'}。请修改合同后重新签署并申报。`,
            en: `Reason: ${r.reason ?? '—'}. Correct the contract, sign again and refile.`,
          }
        : { zh: '卖方将修改后重新申报。', en: 'The seller will correct it and file again.' },
    link: `/contracts/${r.contractId}`,
  };
}
