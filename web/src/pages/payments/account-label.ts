import type { TFunction } from 'i18next';

/**
 * A ledger account in words: the platform's own accounts by name; an organisation's or a broker's by the
 * holder's name when the caller knows it (a statement knows its holder), else a short id.
 */
export function accountLabel(account: string, t: TFunction, holderName?: string): string {
  switch (account) {
    case 'clearing:stripe':
      return t('payments.account.clearingStripe');
    case 'clearing:bank':
      return t('payments.account.clearingBank');
    case 'platform:fees':
      return t('payments.account.platformFees');
    case 'platform:forfeits':
      return t('payments.account.platformForfeits');
  }
  const [kind, id = '', sub = ''] = account.split(':');
  const name = holderName ?? `…${id.slice(-6)}`;
  if (kind === 'org' && sub === 'payable') return t('payments.account.orgPayable', { name });
  if (kind === 'org' && sub === 'deposits') return t('payments.account.orgDeposits', { name });
  if (kind === 'broker')
    return t('payments.account.brokerCommission', { name: holderName ?? (id === 'cert' ? sub : `…${id.slice(-6)}`) });
  return account;
}
