import type { LockNotice } from '../modules/auth/login-lockout';
import type { NotificationsService } from '../modules/notifications/notifications.service';
import type { UserAccounts } from '../modules/users/user-accounts';

/** The owner of an account locked by failed sign-ins hears of it (the address, and until when). */
export function lockoutNotice(accounts: UserAccounts, notifications: NotificationsService) {
  return async ({ email, ip, lockedUntil }: LockNotice): Promise<void> => {
    const owner = await accounts.idByEmail(email);
    if (!owner) return;
    const until = lockedUntil.toISOString().slice(0, 16).replace('T', ' ');
    await notifications.notifyUsers([owner], {
      key: `lock:${ip}:${lockedUntil.getTime()}`,
      type: 'account_locked',
      title: { zh: '账号登录失败次数过多', en: 'Too many failed sign-ins' },
      body: {
        zh: `来自 ${ip} 的多次登录失败，该地址的登录已暂停至 ${until} (UTC)。如非本人操作，请修改密码或联系平台管理员。`,
        en: `Repeated failed sign-ins from ${ip}; sign-in from that address is paused until ${until} UTC. If this was not you, change your password or contact the platform admins.`,
      },
      link: '/account',
    });
  };
}
