import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { HeaderSearch } from './header-search';
import { LangSwitch } from './lang-switch';
import { MainNav } from './main-nav';
import { NotificationBell } from './notification-bell';
import { UserMenu } from './user-menu';
import { LinkButton } from '../link-button';

/**
 * Brand, search and account on the first row; the role's navigation as a second row on wide screens and,
 * below 768 px (styles.css), in a drawer behind the menu button, with the search box at its top.
 */
export function AppHeader() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const close = () => setDrawerOpen(false);
  return (
    <Layout.Header className="app-header">
      <Button
        type="text"
        className="app-header__burger"
        icon={<MenuOutlined />}
        aria-label={t('nav.menu')}
        aria-expanded={drawerOpen}
        data-testid="nav-drawer-open"
        onClick={() => setDrawerOpen(true)}
      />
      <Link to="/" className="app-logo">
        <span className="app-logo__mark" aria-hidden>
          科
        </span>
        <span className="app-logo__text">
          <span className="app-logo__zh">{t('app.name')}</span>
          <span className="app-logo__en">{t('app.nameEn')}</span>
        </span>
      </Link>
      <MainNav user={me} />
      <Space className="app-header__right" size="small">
        <span className="app-header__search">
          <HeaderSearch />
        </span>
        <LangSwitch />
        {me && <NotificationBell />}
        {me ? (
          <UserMenu user={me} />
        ) : isPending ? null : (
          <>
            <LinkButton to="/login" type="text" data-testid="nav-login" className="app-header__login">
              {t('nav.login')}
            </LinkButton>
            <LinkButton to="/register" type="primary" data-testid="nav-register">
              {t('nav.register')}
            </LinkButton>
          </>
        )}
      </Space>
      <Drawer
        open={drawerOpen}
        onClose={close}
        placement="left"
        size={280}
        title={t('app.name')}
        className="nav-drawer"
        data-testid="nav-drawer"
      >
        <div className="nav-drawer__search" onKeyDown={(e) => e.key === 'Enter' && close()}>
          <HeaderSearch />
        </div>
        <MainNav user={me} mode="vertical" onNavigate={close} />
      </Drawer>
    </Layout.Header>
  );
}
