import { Checkbox, Empty, Table, Tag, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** One spreadsheet row of an import report (achievements and contracts alike). */
export interface ImportRowReport {
  row: number;
  status: 'created' | 'error';
  id?: string;
  title?: string;
  errors?: Array<{ column: string; message: string }>;
}

interface Props {
  report: ImportRowReport[];
  /** Heading of the title column (what a row is: an achievement, a contract). */
  titleLabel?: string;
  /** Where a created row's title links to. */
  linkOf?: (row: ImportRowReport) => string | undefined;
}

/**
 * One line per spreadsheet row: created (with a link) or the errors of each column, shared by the
 * achievement and the contract import pages.
 */
export function ImportReportTable({
  report,
  titleLabel,
  linkOf = (r) => (r.id ? `/achievements/${r.id}` : undefined),
}: Props) {
  const { t } = useTranslation();
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const rows = onlyErrors ? report.filter((r) => r.status === 'error') : report;
  const columns: TableProps<ImportRowReport>['columns'] = [
    {
      title: t('catalog.import.row'),
      dataIndex: 'row',
      width: 80,
      render: (row: number) => <span data-testid={`import-row-${row}`}>{row}</span>,
    },
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
      title: titleLabel ?? t('catalog.import.rowTitle'),
      dataIndex: 'title',
      render: (title: string | undefined, r) => {
        const to = linkOf(r);
        return to ? <Link to={to}>{title || r.id}</Link> : title;
      },
    },
    {
      title: t('catalog.import.rowErrors'),
      dataIndex: 'errors',
      render: (errors: ImportRowReport['errors']) =>
        errors?.length ? (
          <ul className="import-report-errors" style={{ margin: 0, paddingLeft: 16 }}>
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
