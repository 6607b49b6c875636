import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import zhCN from './zh-CN';

export type AppLanguage = 'zh-CN' | 'en';
export const LANG_STORAGE_KEY = 'nekj.lang';
export const languages: AppLanguage[] = ['zh-CN', 'en'];

export function storedLanguage(): AppLanguage | null {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return v === 'zh-CN' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

/** Keeps the <html lang> attribute and dayjs in step with i18next. */
function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage() ?? 'zh-CN',
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLanguage(i18n.language);
i18n.on('languageChanged', applyLanguage);

/** Switches the UI language and remembers it on this device. */
export async function setLanguage(lng: AppLanguage): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lng);
  } catch {
    // Private mode may refuse storage; the switch still applies to this visit.
  }
  await i18n.changeLanguage(lng);
}

export const isEnglish = (lng: string) => lng === 'en';

export default i18n;
