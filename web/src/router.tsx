import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import type { UserDto } from '@shared/dto';
import { AppLayout } from './components/layout/app-layout';
import { CenteredSpin } from './components/query-state';
import { RequireAuth } from './components/require-auth';
import { hasRole, importsHistoricContracts, isAdmin, isOfficial, isReviewer } from './lib/roles';
import HomePage from './pages/home/home-page';
import NotFoundPage from './pages/not-found-page';
import { RouteError } from './pages/route-error';

/** The finance desk: platform finance staff decide, admins read. */
const isFinanceStaff = (u: UserDto) => hasRole(u, 'finance', 'admin');

/** Pages other than the home page are split into their own chunks and loaded on first visit. */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

/** Layout route that lets only signed-in users (optionally with a role) through to its children. */
const guarded = (children: RouteObject[], allow?: (u: UserDto) => boolean): RouteObject => ({
  element: (
    <RequireAuth allow={allow}>
      <Outlet />
    </RequireAuth>
  ),
  children,
});

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    hydrateFallbackElement: <CenteredSpin />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'login', ...page(() => import('./pages/auth/login-page')) },
          { path: 'register', ...page(() => import('./pages/auth/register-page')) },
          { path: 'forgot-password', ...page(() => import('./pages/auth/forgot-password-page')) },
          { path: 'reset-password', ...page(() => import('./pages/auth/reset-password-page')) },
          { path: 'legal/:doc', ...page(() => import('./pages/legal/legal-page')) },
          { path: 'orgs', ...page(() => import('./pages/orgs/org-list-page')) },
          { path: 'makers', ...page(() => import('./pages/makers/maker-list-page')) },
          { path: 'search', ...page(() => import('./pages/search/search-page')) },
          guarded([
            { path: 'orgs/new', ...page(() => import('./pages/orgs/org-create-page')) },
            { path: 'makers/new', ...page(() => import('./pages/makers/maker-register-page')) },
            { path: 'orgs/:id/edit', ...page(() => import('./pages/orgs/org-edit-page')) },
            { path: 'account', ...page(() => import('./pages/account/account-page')) },
            { path: 'notifications', ...page(() => import('./pages/notifications/notifications-page')) },
          ]),
          { path: 'orgs/:id', ...page(() => import('./pages/orgs/org-detail-page')) },
          { path: 'makers/:id', ...page(() => import('./pages/makers/maker-profile-page')) },
          // Catalogue (achievements and needs): public lists and details, member forms, operator review.
          { path: 'achievements', ...page(() => import('./pages/catalog/browse/achievement-list-page')) },
          { path: 'needs', ...page(() => import('./pages/catalog/browse/need-list-page')) },
          guarded([
            { path: 'achievements/new', ...page(() => import('./pages/catalog/form/achievement-edit-page')) },
            { path: 'achievements/:id/edit', ...page(() => import('./pages/catalog/form/achievement-edit-page')) },
            { path: 'achievements/import', ...page(() => import('./pages/catalog/import/import-page')) },
            { path: 'needs/new', ...page(() => import('./pages/catalog/form/need-edit-page')) },
            { path: 'needs/:id/edit', ...page(() => import('./pages/catalog/form/need-edit-page')) },
            { path: 'my/listings', ...page(() => import('./pages/catalog/manage/my-listings-page')) },
          ]),
          { path: 'achievements/:id', ...page(() => import('./pages/catalog/detail/achievement-detail-page')) },
          { path: 'needs/:id', ...page(() => import('./pages/catalog/detail/need-detail-page')) },
          guarded(
            [{ path: 'admin/listings', ...page(() => import('./pages/catalog/manage/review-queue-page')) }],
            isReviewer,
          ),
          guarded(
            [{ path: 'admin/verification', ...page(() => import('./pages/admin/verification-page')) }],
            isReviewer,
          ),
          guarded(
            [
              { path: 'admin/users', ...page(() => import('./pages/admin/users-page')) },
              { path: 'admin/audit', ...page(() => import('./pages/admin/audit-page')) },
              { path: 'admin/submarkets', ...page(() => import('./pages/admin/submarkets-page')) },
              { path: 'admin/settings', ...page(() => import('./pages/admin/settings-page')) },
            ],
            isAdmin,
          ),
          // Negotiation rooms (洽谈), "my negotiations" and the broker workspace.
          guarded([
            { path: 'negotiations', ...page(() => import('./pages/negotiations/negotiation-list-page')) },
            { path: 'negotiations/:id', ...page(() => import('./pages/negotiations/negotiation-room-page')) },
            { path: 'broker', ...page(() => import('./pages/negotiations/broker-workspace-page')) },
          ]),
          guarded(
            [{ path: 'admin/negotiations', ...page(() => import('./pages/negotiations/operator-negotiations-page')) }],
            isReviewer,
          ),
          // Financing match (issue 16): the public product catalogue, institutions' and requesters' desks, staff views.
          { path: 'financing', ...page(() => import('./pages/financing/product-catalogue-page')) },
          guarded([
            { path: 'financing/products/mine', ...page(() => import('./pages/financing/my-products-page')) },
            { path: 'financing/requests/mine', ...page(() => import('./pages/financing/my-requests-page')) },
            { path: 'financing/requests/matching', ...page(() => import('./pages/financing/matching-requests-page')) },
          ]),
          guarded(
            [{ path: 'admin/financing', ...page(() => import('./pages/financing/financing-pipeline-page')) }],
            isReviewer,
          ),
          guarded(
            [{ path: 'officials/financing', ...page(() => import('./pages/financing/financing-figures-page')) }],
            isOfficial,
          ),
          // Announcements and policies (通知公告 / 政策文件): public pages; operators and admins publish.
          { path: 'announcements', ...page(() => import('./pages/announcements/announcement-list-page')) },
          { path: 'announcements/:id', ...page(() => import('./pages/announcements/announcement-detail-page')) },
          guarded(
            [{ path: 'admin/announcements', ...page(() => import('./pages/announcements/announcement-admin-page')) }],
            isReviewer,
          ),
          // Industrialisation follow-up (issue 16, 产业化贯通): the board of officials and operators.
          guarded(
            [{ path: 'followups/board', ...page(() => import('./pages/followup/followup-board-page')) }],
            (u) => isOfficial(u) || isReviewer(u),
          ),
          // Achievement evaluation (issue 16, 科技成果评估): requesters, evaluation agencies, operators.
          guarded(
            [{ path: 'evaluations', ...page(() => import('./pages/evaluations/evaluations-page')) }],
            (u) => !!u?.orgId || isReviewer(u),
          ),
          // Technology contracts (parties, officials' drill-down), registration review and the tally.
          { path: 'stats', ...page(() => import('./pages/stats/public-stats-page')) },
          guarded([
            { path: 'contracts', ...page(() => import('./pages/contracts/contract-list-page')) },
            { path: 'contracts/new', ...page(() => import('./pages/contracts/entry/paper-contract-page')) },
            { path: 'contracts/import', ...page(() => import('./pages/contracts/import/contract-import-page')) },
            { path: 'contracts/:id', ...page(() => import('./pages/contracts/contract-detail-page')) },
            { path: 'contracts/:id/edit', ...page(() => import('./pages/contracts/contract-edit-page')) },
            { path: 'followups', ...page(() => import('./pages/followup/my-followups-page')) },
          ]),
          // Payments (issue #7): a contract's payments, statements, the finance desk (finance staff; admins read).
          guarded([
            { path: 'contracts/:id/payments', ...page(() => import('./pages/payments/contract-payments-page')) },
            { path: 'payments/statement', ...page(() => import('./pages/payments/org-statement-page')) },
            { path: 'payments/orgs/:id', ...page(() => import('./pages/payments/org-statement-page')) },
            { path: 'payments/commissions', ...page(() => import('./pages/payments/broker-statement-page')) },
            { path: 'payments/brokers/:id', ...page(() => import('./pages/payments/broker-statement-page')) },
            { path: 'payments/connect', ...page(() => import('./pages/payments/connect-page')) },
          ]),
          // The staff-only bulk record of historic contracts (officials, operators), apart from members' imports.
          guarded(
            [
              {
                path: 'staff/contracts/historic-import',
                ...page(() => import('./pages/contracts/import/historic-import-page')),
              },
            ],
            importsHistoricContracts,
          ),
          guarded([{ path: 'finance', ...page(() => import('./pages/payments/finance-page')) }], isFinanceStaff),
          guarded(
            [
              { path: 'officials', ...page(() => import('./pages/stats/dashboard-page')) },
              { path: 'officials/registrations', ...page(() => import('./pages/contracts/registration-queue-page')) },
            ],
            isOfficial,
          ),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
