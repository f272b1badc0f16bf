import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languages, setLanguage } from '../i18n';

/** 中文 / English; the choice is kept in localStorage (`banyan.lang`). */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value: Language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language.label')}
      value={value}
      options={languages.map((lng) => ({ value: lng, label: <span lang={lng}>{t(`language.${lng}`)}</span> }))}
      onChange={(lng) => void setLanguage(lng)}
    />
  );
}
