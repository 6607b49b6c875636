import type { ContractRecord, RuleCheck } from './contract.model';
import { checkRegistration } from './registration.rules';

/** A written contract: both platform signatures on the current version, or a paper contract (signed on its date). */
export const isWritten = (c: Pick<ContractRecord, 'signing' | 'signatures' | 'docHash'>) =>
  c.signing === 'paper' ||
  (['seller', 'buyer'] as const).every((s) =>
    c.signatures.some((g) => g.valid && g.side === s && g.docHash === c.docHash),
  );

/** The registration rules run on the contract as it stands: what the contract page shows before anyone signs. */
export const contractChecks = (c: Pick<ContractRecord, 'terms' | 'signing' | 'signatures' | 'docHash'>): RuleCheck[] =>
  checkRegistration({ terms: c.terms, written: isWritten(c) });

/**
 * The rules that stop a signature: every blocking rule except the written form itself, which the signatures
 * are about to satisfy. Signing is refused while one fails, so both parties never sign a contract that
 * cannot be filed (issue 13: filing answered REGISTRATION_RULES_FAILED after both had signed).
 */
export const failingBeforeSigning = (checks: RuleCheck[]) =>
  checks.filter((k) => k.blocking && !k.ok && k.code !== 'written_form');

export const failingForFiling = (checks: RuleCheck[]) => checks.filter((k) => k.blocking && !k.ok);

export const ruleDetails = (failed: RuleCheck[]) => failed.map((k) => ({ code: k.code, message: k.text }));
