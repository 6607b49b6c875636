import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { CenteredSpin } from '../query-state';
import { AppFooter } from './app-footer';
import { AppHeader } from './app-header';

export function AppLayout() {
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
