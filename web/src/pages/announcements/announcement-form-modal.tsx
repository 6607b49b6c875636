import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Space, Upload, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  announcementKinds,
  type AnnouncementDto,
  type AnnouncementKind,
} from '@shared/announcements';
import { MAX_ATTACHMENT_BYTES, uploadAttachment } from '../../api/attachments';
import { useChangeAnnouncement } from '../../api/announcements';
import { errorText } from '../../api/client';
import { useLabels } from '../../lib/use-labels';

type Values = { kind: AnnouncementKind; title: string; body: string; submarketCode: string };

/**
 * Writes a new announcement (saved as a draft) or edits one. The PDF is uploaded as soon as it is chosen
 * (a staff upload, owned by the platform) and referenced when the form is saved.
 */
export function AnnouncementFormModal({
  editing,
  scopes,
  onClose,
}: {
  editing: AnnouncementDto | null;
  scopes: string[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const change = useChangeAnnouncement();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState(editing?.attachment ?? null);
  const [uploading, setUploading] = useState(false);
  const pick = async (f: File) => {
    if (f.type !== 'application/pdf' || f.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('announcements.manage.form.pdfOnly'));
      return;
    }
    setUploading(true);
    try {
      const att = await uploadAttachment(f);
      setFile({ id: att.id, filename: att.filename });
    } catch (err) {
      void message.error(errorText(err, i18n.language));
    } finally {
      setUploading(false);
    }
  };
  const submit = (v: Values) => {
    const input = { ...v, attachmentId: file?.id ?? null };
    const onSuccess = () => {
      void message.success(t('announcements.manage.saved'));
      onClose();
    };
    const onError = (err: unknown) => void message.error(errorText(err, i18n.language));
    if (editing) change.mutate({ id: editing.id, action: 'update', input }, { onSuccess, onError });
    else change.mutate({ action: 'create', input }, { onSuccess, onError });
  };
  const f = (k: string) => t(`announcements.manage.form.${k}`);
  return (
    <Modal
      open
      width={720}
      title={f(editing ? 'editTitle' : 'createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      okButtonProps={{ disabled: uploading, 'data-testid': 'announcement-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="announcement-form"
        initialValues={{
          kind: editing?.kind ?? 'notice',
          title: editing?.title,
          body: editing?.body,
          submarketCode: editing?.submarketCode ?? scopes[0],
        }}
      >
        <Space wrap style={{ width: '100%' }} className="announcement-form__row">
          <Form.Item name="kind" label={f('kind')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 160 }}
              options={announcementKinds.map((k) => ({ value: k, label: t(`announcements.kind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="submarketCode" label={f('scope')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 220 }}
              data-testid="announcement-scope"
              options={scopes.map((code) => ({ value: code, label: labels.submarket(code) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="title"
          label={f('title')}
          extra={f('titleHint')}
          rules={[{ required: true, whitespace: true, min: 2, max: ANNOUNCEMENT_TITLE_MAX }]}
        >
          <Input maxLength={ANNOUNCEMENT_TITLE_MAX} data-testid="announcement-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={f('body')}
          extra={f('bodyHint')}
          rules={[{ required: true, whitespace: true, min: 10, max: ANNOUNCEMENT_BODY_MAX }]}
        >
          <Input.TextArea rows={8} maxLength={ANNOUNCEMENT_BODY_MAX} data-testid="announcement-body-input" />
        </Form.Item>
        <Form.Item label={f('pdf')}>
          {file ? (
            <Space>
              <span data-testid="announcement-file">{file.filename}</span>
              <Button size="small" icon={<DeleteOutlined />} onClick={() => setFile(null)}>
                {f('remove')}
              </Button>
            </Space>
          ) : (
            <Upload
              accept="application/pdf,.pdf"
              showUploadList={false}
              beforeUpload={(x) => {
                void pick(x);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading} data-testid="announcement-upload">
                {f('upload')}
              </Button>
            </Upload>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
