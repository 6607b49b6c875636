import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface Range {
  from?: string;
  to?: string;
}

/** A from–to day range as YYYY-MM-DD strings (what the statement and export queries take); either end may be open. */
export function DateRangeFilter({
  value,
  onChange,
  testId,
}: {
  value: Range;
  onChange: (r: Range) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId}>
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        aria-label={t('payments.statement.filter')}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
      />
    </span>
  );
}
