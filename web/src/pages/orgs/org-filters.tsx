import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgListParams } from '../../api/orgs';
import { useLabels } from '../../lib/use-labels';
import { useRegionOptions } from './region-options';

interface Props {
  value: OrgListParams;
  onChange: (next: OrgListParams) => void;
  /** Reviewers may also list pending and rejected organisations. */
  showStatus: boolean;
}

export function OrgFilters({ value, onChange, showStatus }: Props) {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const regionOptions = useRegionOptions();
  const set = (patch: Partial<OrgListParams>) => onChange({ ...value, ...patch, page: 1 });
  const active = !!(value.q || value.type || value.regionCode || value.status);
  return (
    <Space wrap className="filters" data-testid="org-filters">
      <Input.Search
        key={value.q ?? ''}
        allowClear
        defaultValue={value.q}
        placeholder={t('orgs.searchPlaceholder')}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        maxLength={60}
        className="filters__search"
        data-testid="org-search"
      />
      <Select
        allowClear
        aria-label={t('orgs.filterType')}
        placeholder={t('orgs.filterType')}
        value={value.type}
        onChange={(type) => set({ type })}
        options={tax.orgTypes.map((o) => ({ value: o.code, label: pick(o) }))}
        className="filters__select"
        data-testid="filter-type"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('orgs.filterRegion')}
        placeholder={t('orgs.filterRegion')}
        value={value.regionCode}
        onChange={(regionCode) => set({ regionCode })}
        options={regionOptions}
        className="filters__select"
        data-testid="filter-region"
      />
      {showStatus && (
        <Select
          allowClear
          aria-label={t('orgs.filterStatus')}
          placeholder={t('orgs.filterStatus')}
          value={value.status}
          onChange={(status) => set({ status })}
          options={(['verified', 'pending', 'rejected'] as const).map((s) => ({
            value: s,
            label: t(`orgs.status.${s}`),
          }))}
          className="filters__select"
          data-testid="filter-status"
        />
      )}
      {active && <Button onClick={() => onChange({ page: 1, pageSize: value.pageSize })}>{t('common.reset')}</Button>}
    </Space>
  );
}
