import { InboxOutlined } from '@ant-design/icons';
import { Progress, Upload } from 'antd';
import { useTranslation } from 'react-i18next';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Props {
  text: string;
  hint: string;
  disabled?: boolean;
  onFile: (file: File) => void;
  /** Percent of the file sent while it uploads (the job's own progress follows once it exists). */
  uploadPercent?: number | null;
}

/** Drag-and-drop (or click) for one CSV/XLSX file; the file goes to `onFile`, antd uploads nothing itself. */
export function ImportDropzone({ text, hint, disabled, onFile, uploadPercent }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Upload.Dragger
        accept={ACCEPT}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          onFile(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {uploadPercent != null && (
        <div data-testid="import-uploading">
          <Progress percent={uploadPercent} status="active" size="small" />
          <span className="muted">{t('catalog.import.uploading', { percent: uploadPercent })}</span>
        </div>
      )}
    </>
  );
}
