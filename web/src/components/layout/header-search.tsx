import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/** The header's search box: runs a search on /search (the search page has its own, fuller box). */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (pathname === '/search') return null;
  return (
    <Input.Search
      className="header-search"
      placeholder={t('search.headerPlaceholder')}
      allowClear
      maxLength={100}
      data-testid="header-search"
      onSearch={(v) => {
        const q = v.trim();
        void navigate(q ? `/search?${new URLSearchParams({ q }).toString()}` : '/search');
      }}
    />
  );
}
