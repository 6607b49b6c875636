import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { useUpdateMe } from '../api/users';
import { setLanguage, type AppLanguage } from '../i18n';

/** Language switch: remembered on this device and, when signed in, saved on the user's profile. */
export function useLanguageSwitch() {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const updateMe = useUpdateMe();
  const current = (i18n.language === 'en' ? 'en' : 'zh-CN') as AppLanguage;
  const change = (lng: AppLanguage) => {
    if (lng === current) return;
    void setLanguage(lng);
    // Best effort: the profile preference only matters for e-mails and other devices.
    if (me && me.locale !== lng) updateMe.mutate({ locale: lng });
  };
  return { current, change };
}
