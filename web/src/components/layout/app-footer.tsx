import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function AppFooter() {
  const { t } = useTranslation();
  return (
    <Layout.Footer className="app-footer">
      <div className="app-footer__inner">
        <div>
          <div className="app-footer__name">
            {t('app.name')} <span>{t('app.nameEn')}</span>
          </div>
          <p>{t('footer.about')}</p>
        </div>
        <div className="app-footer__links">
          <Link to="/orgs">{t('nav.orgs')}</Link>
          <Link to="/legal/terms">{t('legal.terms.title')}</Link>
          <Link to="/legal/privacy">{t('legal.privacy.title')}</Link>
          <span>{t('footer.hub')}</span>
          <a href="/api/docs" target="_blank" rel="noreferrer">
            {t('footer.apiDocs')}
          </a>
        </div>
      </div>
      <div className="app-footer__copy">{t('footer.copyright', { year: new Date().getFullYear() })}</div>
    </Layout.Footer>
  );
}
