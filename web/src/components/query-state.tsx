import { Button, Result, Skeleton, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { LinkButton } from './link-button';

/** Error state with the API's message in the UI language; 403/404 get their own pictures. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const apiErr = isApiError(error) ? error : null;
  const status = apiErr?.status === 404 ? '404' : apiErr?.status === 403 ? '403' : 'error';
  const title =
    status === '404' ? t('error.notFoundTitle') : status === '403' ? t('error.forbiddenTitle') : t('error.title');
  const message = apiErr ? apiErr.localized(i18n.language) : t('error.unexpected');
  return (
    <Result
      status={status}
      title={title}
      subTitle={
        <>
          <div data-testid="error-message">{message}</div>
          {apiErr?.requestId && <small>{t('error.requestId', { id: apiErr.requestId })}</small>}
        </>
      }
      extra={[
        onRetry && status === 'error' ? (
          <Button key="retry" type="primary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null,
        <LinkButton key="home" to="/">
          {t('notFound.backHome')}
        </LinkButton>,
      ]}
    />
  );
}

export function PageSkeleton() {
  return (
    <div className="page-skeleton" aria-busy="true">
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

export function CenteredSpin() {
  const { t } = useTranslation();
  return (
    <div className="centered-spin">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}
