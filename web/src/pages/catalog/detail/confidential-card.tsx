import { LockOutlined, PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { attachmentUrl } from '../../../api/attachments';
import { useMe } from '../../../api/auth';
import { errorText } from '../../../api/client';
import type { Confidential, ListingDetail, ListingKind } from '../../../api/listing-types';
import { useAcceptNda } from '../../../api/listings';
import { LinkButton } from '../../../components/link-button';

function ConfidentialBody({ confidential }: { confidential: Confidential | null | undefined }) {
  const { t } = useTranslation();
  const c = confidential;
  if (!c || (!c.details && !c.contact && !c.attachmentIds?.length)) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.detail.noConfidential')} />;
  }
  return (
    <div data-testid="confidential-body">
      {c.details && <Typography.Paragraph className="listing-body">{c.details}</Typography.Paragraph>}
      {c.contact && (
        <Descriptions
          title={t('catalog.detail.contact')}
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'name', label: t('catalog.field.contactName'), children: c.contact.name },
            ...(c.contact.phone
              ? [{ key: 'phone', label: t('catalog.field.contactPhone'), children: c.contact.phone }]
              : []),
            ...(c.contact.email
              ? [{ key: 'email', label: t('catalog.field.contactEmail'), children: c.contact.email }]
              : []),
          ]}
        />
      )}
      {c.attachmentIds?.length > 0 && (
        <Space wrap>
          {c.attachmentIds.map((id, i) => {
            const file = c.attachments?.[i];
            return (
              <a key={id} href={attachmentUrl(id)} target="_blank" rel="noreferrer" data-testid="confidential-file">
                <PaperClipOutlined /> {file?.filename ?? t('catalog.detail.attachment', { n: i + 1 })}
                {file?.size != null && (
                  <span className="muted small"> ({Math.max(1, Math.round(file.size / 1024))} KB)</span>
                )}
              </a>
            );
          })}
        </Space>
      )}
    </div>
  );
}

/**
 * Confidential part: shown to the owner and staff, and to organisations that accepted the NDA; everyone
 * else sees the gate (sign in, join a verified organisation, or accept).
 */
export function ConfidentialCard({ kind, listing }: { kind: ListingKind; listing: ListingDetail }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const location = useLocation();
  const { data: me } = useMe();
  const accept = useAcceptNda(kind);
  const title = (
    <span>
      <LockOutlined /> {t('catalog.detail.confidentialTitle')}
    </span>
  );

  if (listing.view !== 'public') {
    return (
      <Card
        title={title}
        className="section-card"
        data-testid="confidential-card"
        extra={listing.view === 'nda' && <SafetyCertificateOutlined title={t('catalog.detail.ndaAccepted')} />}
      >
        {listing.view === 'nda' && (
          <Alert
            type="success"
            showIcon
            className="page-alert"
            title={t('catalog.detail.ndaAccepted')}
            data-testid="nda-accepted"
          />
        )}
        <ConfidentialBody confidential={listing.confidential} />
      </Card>
    );
  }
  if (!listing.hasConfidential) return null;

  const confirm = () =>
    modal.confirm({
      title: t('catalog.detail.ndaConfirmTitle'),
      content: t('catalog.detail.ndaConfirmText'),
      okText: t('catalog.detail.ndaAccept'),
      okButtonProps: { 'data-testid': 'nda-confirm' } as Record<string, string>,
      onOk: () =>
        accept.mutateAsync(listing.id).catch((err: unknown) => {
          void message.error(errorText(err, i18n.language));
        }),
    });

  let action;
  if (!me) {
    action = (
      <LinkButton to={`/login?next=${encodeURIComponent(location.pathname)}`} type="primary">
        {t('catalog.detail.ndaLogin')}
      </LinkButton>
    );
  } else if (!me.orgId) {
    action = <Alert type="info" showIcon title={t('catalog.detail.ndaNoOrg')} />;
  } else {
    action = (
      <Button
        type="primary"
        icon={<SafetyCertificateOutlined />}
        loading={accept.isPending}
        onClick={confirm}
        data-testid="nda-accept"
      >
        {t('catalog.detail.ndaAccept')}
      </Button>
    );
  }
  return (
    <Card title={title} className="section-card" data-testid="confidential-card">
      <Typography.Paragraph type="secondary">{t('catalog.detail.ndaHint')}</Typography.Paragraph>
      {action}
    </Card>
  );
}
