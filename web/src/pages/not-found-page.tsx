import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/page-title';
import { LinkButton } from '../components/link-button';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="page" data-testid="not-found">
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.subtitle')}
        extra={
          <LinkButton to="/" type="primary">
            {t('notFound.backHome')}
          </LinkButton>
        }
      />
    </div>
  );
}
