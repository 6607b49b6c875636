import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ExportFormat } from '../../api/payments';

/** CSV and XLSX download links (same origin: the session cookie goes along; the API names the file). */
export function ExportButtons({
  url,
  label,
  testId,
}: {
  url: (f: ExportFormat) => string;
  label: string;
  testId: string;
}) {
  return (
    <Space.Compact>
      {(['xlsx', 'csv'] as const).map((f) => (
        <Button key={f} href={url(f)} icon={<DownloadOutlined />} data-testid={`${testId}-${f}`} download>
          {label} {f.toUpperCase()}
        </Button>
      ))}
    </Space.Compact>
  );
}
