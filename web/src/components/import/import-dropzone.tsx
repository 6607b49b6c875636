import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Drag-and-drop (or click) for one CSV/XLSX file; the file goes to `onFile`, antd uploads nothing itself. */
export function ImportDropzone({ text, hint, disabled, onFile }: { text: string; hint: string; disabled?: boolean; onFile: (file: File) => void }) {
  return (
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
  );
}
