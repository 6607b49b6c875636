import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { UserDto } from '@shared/dto';
import type { FinancingMeDto } from '@shared/financing';
import { useFinancingMe } from '../../api/financing';
import { hasRole, importsHistoricContracts, isAdmin, isOfficial, isReviewer, isStaff } from '../../lib/roles';

interface NavItem {
  key: string;
  to: string;
  label: string;
}

/**
 * Navigation by role: everyone, signed-in people without an organisation (who may create one — staff never
 * belong to one, so they are not offered it), members, reviewers, admins.
 */
export function navItems(
  user: UserDto | null | undefined,
  t: (k: string) => string,
  financingRole?: FinancingMeDto['role'],
): NavItem[] {
  const items: NavItem[] = [
    { key: 'home', to: '/', label: t('nav.home') },
    { key: 'achievements', to: '/achievements', label: t('catalog.nav.achievements') },
    { key: 'needs', to: '/needs', label: t('catalog.nav.needs') },
    { key: 'orgs', to: '/orgs', label: t('nav.orgs') },
    { key: 'financing', to: '/financing', label: t('financing.nav.catalogue') },
    { key: 'announcements', to: '/announcements', label: t('announcements.nav.public') },
  ];
  // The maker directory for the public and members (staff bars are full; they reach makers from the org list).
  // Visitors see it on the bar; a signed-in person's own entries (my organisation, listings, rooms) come first.
  const makers = { key: 'makers', to: '/makers', label: t('makers.nav.directory') };
  if (!user) items.splice(4, 0, makers);
  if (user && !user.orgId && !isStaff(user))
    items.push({ key: 'create-org', to: '/orgs/new', label: t('nav.createOrg') });
  if (user && !user.orgId && !isStaff(user))
    items.push({ key: 'become-maker', to: '/makers/new', label: t('makers.nav.become') });
  if (user?.orgId) items.push({ key: 'my-org', to: `/orgs/${user.orgId}`, label: t('nav.myOrg') });
  if (user?.orgId) items.push({ key: 'my-listings', to: '/my/listings', label: t('catalog.nav.mine') });
  if (user?.orgId) items.push({ key: 'negotiations', to: '/negotiations', label: t('negotiation.nav.mine') });
  if (user?.roles.includes('broker')) items.push({ key: 'broker', to: '/broker', label: t('negotiation.nav.broker') });
  // Financing (issue 16): a finance institution answers requests, an enterprise or supplier files them.
  if (financingRole === 'institution')
    items.push({ key: 'financing-products', to: '/financing/products/mine', label: t('financing.nav.myProducts') });
  if (financingRole === 'institution')
    items.push({ key: 'financing-matching', to: '/financing/requests/matching', label: t('financing.nav.matching') });
  if (financingRole === 'requester')
    items.push({ key: 'financing-requests', to: '/financing/requests/mine', label: t('financing.nav.myRequests') });
  if (isReviewer(user)) items.push({ key: 'verification', to: '/admin/verification', label: t('nav.verification') });
  if (isReviewer(user)) items.push({ key: 'listing-review', to: '/admin/listings', label: t('catalog.nav.review') });
  if (isReviewer(user))
    items.push({ key: 'negotiation-admin', to: '/admin/negotiations', label: t('negotiation.nav.operator') });
  if (isReviewer(user))
    items.push({ key: 'financing-pipeline', to: '/admin/financing', label: t('financing.nav.pipeline') });
  if (isReviewer(user))
    items.push({ key: 'announcements-admin', to: '/admin/announcements', label: t('announcements.nav.manage') });
  if (isAdmin(user)) items.push({ key: 'users', to: '/admin/users', label: t('nav.users') });
  if (isAdmin(user)) items.push({ key: 'submarkets', to: '/admin/submarkets', label: t('nav.submarkets') });
  if (isAdmin(user)) items.push({ key: 'settings', to: '/admin/settings', label: t('nav.settings') });
  if (isAdmin(user)) items.push({ key: 'audit', to: '/admin/audit', label: t('nav.audit') });
  if (user?.orgId) items.push({ key: 'contracts', to: '/contracts', label: t('contracts.nav.mine') });
  if (user?.orgId) items.push({ key: 'followups', to: '/followups', label: t('followup.nav.mine') });
  if (user?.orgId)
    items.push({ key: 'payments-statement', to: '/payments/statement', label: t('payments.nav.statement') });
  if (user?.roles.includes('broker'))
    items.push({ key: 'commissions', to: '/payments/commissions', label: t('payments.nav.commissions') });
  if (hasRole(user, 'finance', 'admin'))
    items.push({ key: 'finance', to: '/finance', label: t('payments.nav.finance') });
  if (importsHistoricContracts(user))
    items.push({ key: 'historic-import', to: '/staff/contracts/historic-import', label: t('contracts.historic.nav') });
  if (isOfficial(user)) items.push({ key: 'officials', to: '/officials', label: t('contracts.nav.officials') });
  if (hasRole(user, 'official', 'operator', 'admin'))
    items.push({ key: 'followup-board', to: '/followups/board', label: t('followup.nav.board') });
  if (isOfficial(user))
    items.push({ key: 'financing-figures', to: '/officials/financing', label: t('financing.nav.figures') });
  else items.push({ key: 'stats', to: '/stats', label: t('contracts.nav.stats') });
  if (user && !isStaff(user)) items.push(makers);
  return items;
}

/** The most specific item whose path prefixes the current location is highlighted. */
function selectedKey(items: NavItem[], pathname: string): string[] {
  const match = items
    .filter((i) => (i.to === '/' ? pathname === '/' : pathname === i.to || pathname.startsWith(`${i.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0];
  return match ? [match.key] : [];
}

interface Props {
  user: UserDto | null | undefined;
  /** `vertical` inside the phone drawer; `horizontal` as the header's second row. */
  mode?: 'horizontal' | 'vertical';
  onNavigate?: () => void;
}

/**
 * How many entries the horizontal bar shows before the rest go under 更多 / More: eight fit the narrowest
 * screen that has the bar (768 px). antd's own overflow menu is off — it kept the entries it hid focusable
 * inside an aria-hidden element (axe: aria-hidden-focus) — so every entry is either on the bar or in the
 * submenu, which is a real, keyboard-operable menu.
 */
export const BAR_ENTRIES = 8;

export function MainNav({ user, mode = 'horizontal', onNavigate }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const financing = useFinancingMe(!!user?.orgId);
  const items = navItems(user, t, financing.data?.role);
  const toMenu = (i: NavItem) => ({
    key: i.key,
    label: (
      <Link to={i.to} data-testid={`nav-${i.key}`} onClick={onNavigate}>
        {i.label}
      </Link>
    ),
  });
  const horizontal = mode === 'horizontal';
  const split = horizontal && items.length > BAR_ENTRIES;
  const menuItems: MenuProps['items'] = split
    ? [
        ...items.slice(0, BAR_ENTRIES - 1).map(toMenu),
        {
          key: 'more',
          label: <span data-testid="nav-more">{t('nav.more')}</span>,
          popupClassName: 'main-nav__more',
          children: items.slice(BAR_ENTRIES - 1).map(toMenu),
        },
      ]
    : items.map(toMenu);
  const selected = selectedKey(items, pathname);
  const inMore = split && selected.length > 0 && items.findIndex((i) => i.key === selected[0]) >= BAR_ENTRIES - 1;
  return (
    <Menu
      mode={horizontal ? 'horizontal' : 'inline'}
      className={horizontal ? 'main-nav' : 'drawer-nav'}
      disabledOverflow={horizontal}
      selectedKeys={inMore ? [...selected, 'more'] : selected}
      items={menuItems}
    />
  );
}
