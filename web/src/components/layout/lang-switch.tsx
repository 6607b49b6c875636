import { GlobalOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppLanguage } from '../../i18n';
import { useLanguageSwitch } from '../../lib/use-language';

/**
 * "中文 / English": clicking a language picks it, clicking elsewhere on the button toggles, so both
 * "click the switch" and "click English" do what they say.
 */
export function LangSwitch() {
  const { t } = useTranslation();
  const { current, change } = useLanguageSwitch();
  const onClick = (e: MouseEvent<HTMLElement>) => {
    const picked = (e.target as HTMLElement).closest<HTMLElement>('[data-lang]')?.dataset.lang as
      AppLanguage | undefined;
    change(picked ?? (current === 'en' ? 'zh-CN' : 'en'));
  };
  const option = (lng: AppLanguage, label: string) => (
    <span data-lang={lng} className={current === lng ? 'lang-switch__on' : 'lang-switch__off'} lang={lng}>
      {label}
    </span>
  );
  return (
    <Button type="text" className="lang-switch" data-testid="lang-switch" title={t('lang.label')} onClick={onClick}>
      <GlobalOutlined />
      {option('zh-CN', t('lang.zh'))}
      <span className="lang-switch__sep" aria-hidden="true">
        /
      </span>
      {option('en', t('lang.en'))}
    </Button>
  );
}
