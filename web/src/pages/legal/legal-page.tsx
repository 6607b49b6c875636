import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PRIVACY_VERSION, TERMS_VERSION } from '@shared/legal';
import { PageTitle } from '../../components/page-title';
import NotFoundPage from '../not-found-page';

/** 用户协议 and 隐私政策, public, with the version an account records when it accepts them. */
export default function LegalPage() {
  const { t } = useTranslation();
  const { doc } = useParams();
  if (doc !== 'terms' && doc !== 'privacy') return <NotFoundPage />;
  const version = doc === 'terms' ? TERMS_VERSION : PRIVACY_VERSION;
  const paragraphs = t(`legal.${doc}.body`, { returnObjects: true }) as string[];
  return (
    <div className="page page--narrow" data-testid={`legal-${doc}`}>
      <PageTitle titleKey={`legal.${doc}.title`} subtitle={t('legal.version', { version })} />
      <Card>
        <ol className="legal-list">
          {paragraphs.map((p) => (
            <li key={p}>
              <Typography.Paragraph>{p}</Typography.Paragraph>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
