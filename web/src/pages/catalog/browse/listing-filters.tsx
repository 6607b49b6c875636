import { Button, Checkbox, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { sortsOf, type ListingKind, type ListingListParams } from '../../../api/listing-types';
import { useLabels } from '../../../lib/use-labels';
import { useRegionOptions } from '../../orgs/region-options';

interface Props {
  kind: ListingKind;
  value: ListingListParams;
  onChange: (next: ListingListParams) => void;
}

/** Free text on the title, field, region, sub-market, sort; needs add "challenges only". */
export function ListingFilters({ kind, value, onChange }: Props) {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const regionOptions = useRegionOptions();
  const set = (patch: Partial<ListingListParams>) => onChange({ ...value, ...patch, page: 1 });
  const active = !!(
    value.q ||
    value.fieldCode ||
    value.regionCode ||
    value.submarketCode ||
    value.challenge ||
    value.maker ||
    value.sort
  );
  return (
    <Space wrap className="filters" data-testid="listing-filters">
      <Input.Search
        key={value.q ?? ''}
        allowClear
        defaultValue={value.q}
        placeholder={t(kind === 'achievement' ? 'catalog.list.searchAchievements' : 'catalog.list.searchNeeds')}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        maxLength={60}
        className="filters__search"
        data-testid="listing-search"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('catalog.list.filterField')}
        placeholder={t('catalog.list.filterField')}
        value={value.fieldCode}
        onChange={(fieldCode) => set({ fieldCode })}
        options={tax.fields.map((f) => ({ value: f.code, label: pick(f) }))}
        className="filters__select"
        data-testid="filter-field"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('catalog.list.filterRegion')}
        placeholder={t('catalog.list.filterRegion')}
        value={value.regionCode}
        onChange={(regionCode) => set({ regionCode })}
        options={regionOptions}
        className="filters__select"
        data-testid="filter-region"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('catalog.list.filterSubmarket')}
        placeholder={t('catalog.list.filterSubmarket')}
        value={value.submarketCode}
        onChange={(submarketCode) => set({ submarketCode })}
        options={tax.submarkets.map((s) => ({ value: s.code, label: pick(s) }))}
        className="filters__select"
        data-testid="filter-submarket"
      />
      <Select
        allowClear
        aria-label={t('catalog.list.sort')}
        placeholder={t('catalog.list.sort')}
        value={value.sort}
        onChange={(sort) => set({ sort })}
        options={sortsOf(kind).map((s) => ({ value: s, label: t(`catalog.list.sorts.${s}`) }))}
        className="filters__select"
        data-testid="filter-sort"
      />
      {kind === 'need' && (
        <Checkbox
          checked={!!value.challenge}
          onChange={(e) => set({ challenge: e.target.checked || undefined })}
          data-testid="filter-challenge"
        >
          {t('catalog.list.challengeOnly')}
        </Checkbox>
      )}
      {kind === 'achievement' && (
        <Checkbox
          checked={!!value.maker}
          onChange={(e) => set({ maker: e.target.checked || undefined })}
          data-testid="filter-maker"
        >
          {t('makers.catalogueFilter')}
        </Checkbox>
      )}
      {active && <Button onClick={() => onChange({ page: 1, pageSize: value.pageSize })}>{t('common.reset')}</Button>}
    </Space>
  );
}
