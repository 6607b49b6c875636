import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { useScrollRegionsFocusable } from '../../lib/use-scroll-regions';
import { CenteredSpin } from '../query-state';
import { AppFooter } from './app-footer';
import { AppHeader } from './app-header';

export function AppLayout() {
  useScrollRegionsFocusable();
  return (
    <Layout className="app-layout">
      <AppHeader />
      <Layout.Content className="app-content">
        <Suspense fallback={<CenteredSpin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <AppFooter />
      <ScrollRestoration />
    </Layout>
  );
}
