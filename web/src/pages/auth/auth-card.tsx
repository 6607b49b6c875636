import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../components/page-title';

/** Centred card shared by the sign-in and registration pages. */
export function AuthCard({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="auth-page">
      <Card className="auth-card">
        <Typography.Title level={2} className="auth-card__title">
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
        {children}
        <div className="auth-card__footer">{footer}</div>
      </Card>
    </div>
  );
}
