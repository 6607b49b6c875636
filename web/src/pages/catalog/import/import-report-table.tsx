import { Checkbox, Empty, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportRowReport } from '../../../api/listing-types';

/** One line per spreadsheet row: created (with a link) or the errors of each column. */
export function ImportReportTable({ report }: { report: ImportRowReport[] }) {
  const { t } = useTranslation();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const rows = onlyErrors ? report.filter((r) => r.status === 'error') : report;
  const columns: TableProps<ImportRowReport>['columns'] = [
    { title: t('catalog.import.row'), dataIndex: 'row', width: 80 },
    {
      title: t('catalog.import.rowStatus'),
      dataIndex: 'status',
      width: 100,
      render: (s: ImportRowReport['status']) =>
        s === 'created' ? (
          <Tag color="success">{t('catalog.import.created')}</Tag>
        ) : (
          <Tag color="error">{t('catalog.import.error')}</Tag>
        ),
    },
    {
      title: t('catalog.import.rowTitle'),
      dataIndex: 'title',
      render: (title: string | undefined, r) =>
        r.id ? <Link to={`/achievements/${r.id}`}>{title || r.id}</Link> : title,
    },
    {
      title: t('catalog.import.rowErrors'),
      dataIndex: 'errors',
      render: (errors: ImportRowReport['errors']) =>
        errors?.length ? (
          <ul className="import-report-errors">
            {errors.map((e, i) => (
              <li key={i}>
                <strong>{e.column}</strong>: {e.message}
              </li>
            ))}
          </ul>
        ) : null,
    },
  ];
  return (
    <>
      <Checkbox
        checked={onlyErrors}
        onChange={(e) => {
          setOnlyErrors(e.target.checked);
          setPage((p) => ({ ...p, current: 1 }));
        }}
        className="filters"
      >
        {t('catalog.import.onlyErrors')}
      </Checkbox>
      <Table<ImportRowReport>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={rows}
        data-testid="import-report"
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.import.reportEmpty')} />,
        }}
        pagination={{
          ...page,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (current, pageSize) => setPage({ current, pageSize }),
        }}
      />
    </>
  );
}
