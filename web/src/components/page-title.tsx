import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** i18n key of the title; it is shown in the UI language with the other language beside it. */
  titleKey: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
}

/** Page heading, Chinese first with English beside it (or the reverse in English), and document.title. */
export function PageTitle({ titleKey, subtitle, extra }: Props) {
  const { t, i18n } = useTranslation();
  const title = t(titleKey);
  const other = i18n.getFixedT(i18n.language === 'en' ? 'zh-CN' : 'en')(titleKey);
  useDocumentTitle(title);
  return (
    <div className="page-title">
      <div>
        <Typography.Title level={2} className="page-title__main">
          {title}
          {other !== title && <span className="page-title__alt">{other}</span>}
        </Typography.Title>
        {subtitle && (
          <Typography.Paragraph type="secondary" className="page-title__sub">
            {subtitle}
          </Typography.Paragraph>
        )}
      </div>
      {extra && <div className="page-title__extra">{extra}</div>}
    </div>
  );
}

export function useDocumentTitle(title?: string) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} - ${app}` : app;
  }, [title, app]);
}
