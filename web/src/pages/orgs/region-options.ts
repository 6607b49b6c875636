import { useTranslation } from 'react-i18next';
import { useLabels } from '../../lib/use-labels';

/** Regions grouped as Liaoning (province and cities first), other provinces, abroad. */
export function useRegionOptions() {
  const { t } = useTranslation();
  const { tax, pick } = useLabels();
  const group = (levels: string[]) =>
    tax.regions.filter((r) => levels.includes(r.level)).map((r) => ({ value: r.code, label: pick(r) }));
  return [
    { label: t('orgs.regionGroup.liaoning'), title: 'liaoning', options: group(['province', 'city', 'new_area']) },
    { label: t('orgs.regionGroup.other'), title: 'other', options: group(['other_province']) },
    { label: t('orgs.regionGroup.abroad'), title: 'abroad', options: group(['abroad']) },
  ];
}
