import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, MAX_ATTACHMENT_BYTES, uploadAttachment } from '../../../api/attachments';
import { errorText } from '../../../api/client';
import type { AttachmentDto } from '../../../api/listing-types';

export type AttachmentFile = UploadFile<AttachmentDto | { id: string }>;

/** Files already stored (we only know their ids) as upload-list entries. */
export const storedFiles = (
  ids: string[] | undefined,
  image: boolean,
  label: (n: number) => string,
): AttachmentFile[] =>
  (ids ?? []).map((id, i) => ({
    uid: id,
    name: label(i + 1),
    status: 'done',
    response: { id },
    url: attachmentUrl(id),
    ...(image ? { thumbUrl: attachmentUrl(id) } : {}),
  }));

/** Ids of the finished uploads, in list order. */
export const fileIds = (files: AttachmentFile[] | undefined) =>
  (files ?? []).filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response!.id);

export const isUploading = (files: AttachmentFile[] | undefined) => !!files?.some((f) => f.status === 'uploading');

/** Form.Item props that bind an Upload's file list to the form. */
export const uploadItemProps = {
  valuePropName: 'fileList',
  getValueFromEvent: (e: { fileList: AttachmentFile[] }) => e.fileList,
};

interface Props {
  fileList?: AttachmentFile[];
  onChange?: UploadProps['onChange'];
  image?: boolean;
  max: number;
  testId: string;
}

/** Uploads through /api/attachments (the API reads the real type from the bytes) and keeps the ids. */
export function UploadField({ fileList, onChange, image, max, testId }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadAttachment(file as File).then(
      (attachment) => onSuccess?.(attachment),
      (err: unknown) => {
        void message.error(errorText(err, i18n.language));
        onError?.(err as Error);
      },
    );
  };
  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('catalog.form.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
  const full = (fileList?.length ?? 0) >= max;
  return (
    <div data-testid={testId}>
      <Upload
        fileList={fileList}
        onChange={onChange}
        customRequest={customRequest}
        beforeUpload={beforeUpload}
        listType={image ? 'picture-card' : 'text'}
        accept={image ? 'image/png,image/jpeg,image/webp,image/gif' : '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,image/*'}
        maxCount={max}
      >
        {full ? null : image ? (
          <button type="button" className="upload-card-button">
            <PlusOutlined />
            <div>{t('catalog.form.uploadImage')}</div>
          </button>
        ) : (
          <Button icon={<UploadOutlined />}>{t('catalog.form.uploadFile')}</Button>
        )}
      </Upload>
    </div>
  );
}
