import { Button, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { HeaderSearch } from './header-search';
import { LangSwitch } from './lang-switch';
import { MainNav } from './main-nav';
import { NotificationBell } from './notification-bell';
import { UserMenu } from './user-menu';

export function AppHeader() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  return (
    <Layout.Header className="app-header">
      <Link to="/" className="app-logo" aria-label={t('app.name')}>
        <span className="app-logo__mark">科</span>
        <span className="app-logo__text">
          <span className="app-logo__zh">{t('app.name')}</span>
          <span className="app-logo__en">{t('app.nameEn')}</span>
        </span>
      </Link>
      <MainNav user={me} />
      <Space className="app-header__right" size="small">
        <HeaderSearch />
        <LangSwitch />
        {me && <NotificationBell />}
        {me ? (
          <UserMenu user={me} />
        ) : isPending ? null : (
          <>
            <Link to="/login">
              <Button type="text" data-testid="nav-login">
                {t('nav.login')}
              </Button>
            </Link>
            <Link to="/register">
              <Button type="primary" data-testid="nav-register">
                {t('nav.register')}
              </Button>
            </Link>
          </>
        )}
      </Space>
    </Layout.Header>
  );
}
