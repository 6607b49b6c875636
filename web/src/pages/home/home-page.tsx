import { Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/auth';
import { useDocumentTitle } from '../../components/page-title';
import { FieldGrid } from './field-grid';
import { KpiCards } from './kpi-cards';
import { LatestAnnouncements } from './latest-announcements';
import { LatestListings } from './latest-listings';
import { SubmarketList } from './submarket-list';
import { LinkButton } from '../../components/link-button';

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  useDocumentTitle();
  const search = (value: string) => {
    const q = value.trim();
    // The main thing visitors look for is technology: the hero box searches achievements and needs.
    void navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  };
  return (
    <div className="home">
      <section className="hero">
        <div className="hero__inner">
          <Typography.Title className="hero__title">{t('home.heroTitle')}</Typography.Title>
          <div className="hero__title-alt">{i18n.language === 'en' ? t('app.name') : t('app.nameEn')}</div>
          <Typography.Paragraph className="hero__subtitle">{t('home.heroSubtitle')}</Typography.Paragraph>
          <Input.Search
            className="hero__search"
            size="large"
            enterButton={t('common.search')}
            placeholder={t('home.searchPlaceholder')}
            onSearch={search}
            maxLength={60}
            data-testid="home-search"
          />
          <Space className="hero__actions" wrap>
            <LinkButton to="/achievements" type="primary" size="large" data-testid="home-achievements">
              {t('catalog.nav.achievements')}
            </LinkButton>
            <LinkButton to="/needs" type="primary" size="large" data-testid="home-needs">
              {t('catalog.nav.needs')}
            </LinkButton>
            <LinkButton to="/orgs" ghost size="large">
              {t('home.browseOrgs')}
            </LinkButton>
            {!me && (
              <LinkButton to="/register" size="large">
                {t('home.joinNow')}
              </LinkButton>
            )}
          </Space>
          <div className="hero__slogan">{t('app.slogan')}</div>
        </div>
      </section>
      <div className="page">
        <KpiCards />
        <LatestAnnouncements />
        <LatestListings />
        <FieldGrid />
        <SubmarketList />
      </div>
    </div>
  );
}
