import type { ContractStatus, RegistrationStatus } from '../../shared/contract-schemas';

/**
 * The contract and registration state machines, one table each (style rule 14). Services apply a
 * transition with the `from` state (and the version) in the update filter, and audit every one.
 *
 *   draft ─sign─▶ signing ─sign─▶ signed ─file─▶ filed ─approve─▶ registered
 *     ▲  └─edit (signature voided)                └─reject─▶ rejected ─file─▶ filed
 *     └────────────────edit (platform: signatures voided)──────────┘
 *
 * A platform contract signed by both is not edited (CONTRACT_SIGNED): the registration rules run before
 * signing, so only a filing the official returned reopens it.
 *
 * Paper contracts (signed off the platform) are entered by the seller. When the buyer is an organisation of
 * the platform, the contract exists for it only once it confirmed it:
 *
 *   awaiting_confirmation ─confirm (buyer)─▶ signed
 *            │  ▲                    └─decline (buyer, reason)─▶ declined
 *            │  └──────── edit_unconfirmed (seller; from declined, signed, rejected too) ─┘
 *
 * so a change of terms after the buyer confirmed asks it again. A paper contract whose buyer is not on the
 * platform starts `signed`, and correcting it keeps it signed/rejected (`edit_paper`; also when a correction
 * names a buyer off the platform instead).
 */
export type ContractEvent =
  | 'sign'
  | 'sign_last'
  | 'edit'
  | 'edit_paper'
  | 'edit_unconfirmed'
  | 'confirm'
  | 'decline'
  | 'file'
  | 'approve'
  | 'reject';

export const contractTransitions: Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>> = {
  draft: { sign: 'signing', edit: 'draft' },
  signing: { sign_last: 'signed', edit: 'draft' },
  awaiting_confirmation: {
    confirm: 'signed',
    decline: 'declined',
    edit_unconfirmed: 'awaiting_confirmation',
    edit_paper: 'signed',
  },
  declined: { edit_unconfirmed: 'awaiting_confirmation', edit_paper: 'signed' },
  signed: { file: 'filed', edit_paper: 'signed', edit_unconfirmed: 'awaiting_confirmation' },
  filed: { approve: 'registered', reject: 'rejected' },
  registered: {},
  rejected: { file: 'filed', edit: 'draft', edit_paper: 'rejected', edit_unconfirmed: 'awaiting_confirmation' },
};

export type RegistrationEvent = 'approve' | 'reject';
export const registrationTransitions: Record<
  RegistrationStatus,
  Partial<Record<RegistrationEvent, RegistrationStatus>>
> = {
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
