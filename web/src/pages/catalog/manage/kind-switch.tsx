import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingKind } from '../../../api/listing-types';

export const readKind = (sp: URLSearchParams): ListingKind => (sp.get('kind') === 'need' ? 'need' : 'achievement');

export function KindSwitch({ value, onChange }: { value: ListingKind; onChange: (kind: ListingKind) => void }) {
  const { t } = useTranslation();
  return (
    <Segmented<ListingKind>
      value={value}
      onChange={onChange}
      options={[
        { value: 'achievement', label: t('catalog.nav.achievements') },
        { value: 'need', label: t('catalog.nav.needs') },
      ]}
      data-testid="kind-switch"
    />
  );
}
