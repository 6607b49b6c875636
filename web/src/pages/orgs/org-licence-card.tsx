import { FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Image, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetailDto } from '@shared/dto';
import { licenceKindOf } from '@shared/licence';
import { attachmentUrl, MAX_ATTACHMENT_BYTES, uploadAttachment } from '../../api/attachments';
import { errorText } from '../../api/client';
import { useSetOrgLicence } from '../../api/orgs';
import { formatDateTime } from '../../lib/format';

/** The licence as a reviewer or member sees it: the picture itself, or a link that opens the PDF. */
export function LicencePreview({ licence }: { licence: NonNullable<OrgDetailDto['licence']> }) {
  const { t } = useTranslation();
  const url = attachmentUrl(licence.attachmentId);
  return (
    <Space orientation="vertical" size={4} data-testid="org-licence-file">
      {licence.mime?.startsWith('image/') ? (
        <Image src={url} alt={t(`orgs.licence.kind.${licence.kind}`)} width={240} className="licence-image" />
      ) : (
        <a href={url} target="_blank" rel="noreferrer">
          <FilePdfOutlined /> {licence.filename ?? t(`orgs.licence.kind.${licence.kind}`)}
        </a>
      )}
      <span className="muted small">{t('orgs.licence.uploadedAt', { at: formatDateTime(licence.uploadedAt) })}</span>
    </Space>
  );
}

/**
 * The organisation's 营业执照 (enterprises) or 事业单位法人证书 (universities, institutes): shown to members
 * and staff; its admins upload or replace it (an image or PDF), which an operator needs before approving.
 */
export function OrgLicenceCard({ org, canManage }: { org: OrgDetailDto; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const setLicence = useSetOrgLicence(org.id);
  const kind = licenceKindOf(org.type);
  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) return void message.error(t('orgs.licence.tooBig'));
    try {
      const att = await uploadAttachment(file, file.name);
      await setLicence.mutateAsync(att.id);
      void message.success(t('orgs.licence.saved'));
    } catch (err) {
      void message.error(errorText(err, i18n.language));
    }
  };
  return (
    <Card
      className="section-card"
      title={t(`orgs.licence.kind.${kind}`)}
      data-testid="org-licence"
      extra={
        canManage && (
          <Upload
            accept="image/png,image/jpeg,image/webp,application/pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={setLicence.isPending} data-testid="org-licence-upload">
              {org.licence ? t('orgs.licence.replace') : t('orgs.licence.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {org.licence ? (
        <LicencePreview licence={org.licence} />
      ) : (
        <Typography.Text type="warning" data-testid="org-licence-missing">
          {t('orgs.licence.missing')}
        </Typography.Text>
      )}
      {canManage && <div className="muted small licence-hint">{t('orgs.licence.hint')}</div>}
    </Card>
  );
}
