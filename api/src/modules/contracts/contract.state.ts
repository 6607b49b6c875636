import type { ContractStatus, RegistrationStatus } from '../../shared/contract-schemas';

/**
 * The contract and registration state machines, one table each (style rule 14). Services apply a
 * transition with the `from` state (and the version) in the update filter, and audit every one.
 *
 *   draft ─sign─▶ signing ─sign─▶ signed ─file─▶ filed ─approve─▶ registered
 *     ▲  └──────────edit─────────────┘            └─reject─▶ rejected ─file─▶ filed
 *     └────────────────edit (platform: signatures voided)──────────┘
 *
 * A paper contract (signed off the platform) starts `signed`; correcting it keeps it signed/rejected.
 */
export type ContractEvent = 'sign' | 'sign_last' | 'edit' | 'edit_paper' | 'file' | 'approve' | 'reject';

export const contractTransitions: Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>> = {
  draft: { sign: 'signing', edit: 'draft' },
  signing: { sign_last: 'signed', edit: 'draft' },
  signed: { file: 'filed', edit: 'draft', edit_paper: 'signed' },
  filed: { approve: 'registered', reject: 'rejected' },
  registered: {},
  rejected: { file: 'filed', edit: 'draft', edit_paper: 'rejected' },
};

export type RegistrationEvent = 'approve' | 'reject';
export const registrationTransitions: Record<RegistrationStatus, Partial<Record<RegistrationEvent, RegistrationStatus>>> = {
  pending: { approve: 'approved', reject: 'rejected' },
  approved: {},
  rejected: {},
};

export function nextContract(from: ContractStatus, event: ContractEvent): ContractStatus | null {
  return contractTransitions[from][event] ?? null;
}
export function nextRegistration(from: RegistrationStatus, event: RegistrationEvent): RegistrationStatus | null {
  return registrationTransitions[from][event] ?? null;
}
