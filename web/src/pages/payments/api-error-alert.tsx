import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, isApiError } from '../../api/client';

export interface Failure {
  main: string;
  alt?: string;
}

/**
 * A failed write's message kept on screen beside the form (something to read, not a toast): the API sends
 * zh and en, so the UI language comes first with the other beside it.
 */
export function useFailure() {
  const { i18n } = useTranslation();
  const [failure, setFailure] = useState<Failure | null>(null);
  const fail = (e: unknown) =>
    setFailure(
      isApiError(e)
        ? { main: e.localized(i18n.language), alt: e.localized(i18n.language === 'en' ? 'zh-CN' : 'en') }
        : { main: errorText(e, i18n.language) },
    );
  return { failure, fail, clear: () => setFailure(null) };
}

export function FailureAlert({
  failure,
  onClose,
  testId,
}: {
  failure: Failure | null;
  onClose: () => void;
  testId: string;
}) {
  if (!failure) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={failure.main}
      description={failure.alt !== failure.main ? failure.alt : undefined}
      data-testid={testId}
      closable={{ onClose }}
    />
  );
}
