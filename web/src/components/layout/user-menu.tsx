import { BankOutlined, DownOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { UserDto } from '@shared/dto';
import { useLogout } from '../../api/auth';
import { errorText } from '../../api/client';
import { isReviewer } from '../../lib/roles';

export function UserMenu({ user }: { user: UserDto }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    { key: 'account', icon: <UserOutlined />, label: <span data-testid="account-link">{t('nav.account')}</span> },
    ...(user.orgId ? [{ key: 'org', icon: <BankOutlined />, label: t('nav.myOrg') }] : []),
    // Achievement evaluation sits here, not in the top bar: the bars of members and staff are full (an
    // overflowing bar hides items that axe flags as aria-hidden-focus).
    ...(user.orgId || isReviewer(user)
      ? [
          {
            key: 'evaluations',
            icon: <SafetyCertificateOutlined />,
            label: <span data-testid="nav-evaluations">{t('evaluation.nav.page')}</span>,
          },
        ]
      : []),
    { type: 'divider' as const },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('nav.logout')}</span>,
    },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') void navigate('/account');
    if (key === 'org' && user.orgId) void navigate(`/orgs/${user.orgId}`);
    if (key === 'evaluations') void navigate('/evaluations');
    if (key === 'logout') {
      // Leave member-only pages first (committed synchronously) so they neither refetch as anonymous
      // nor bounce to /login when the session is cleared.
      void Promise.resolve(navigate('/', { flushSync: true })).then(() =>
        logout.mutate(undefined, {
          onSuccess: () => void message.success(t('auth.loggedOut')),
          onError: (err) => void message.error(errorText(err, i18n.language)),
        }),
      );
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="user-menu" data-testid="user-menu">
        <Avatar size="small" className="user-menu__avatar">
          {user.name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span className="user-menu__name">{user.name}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
