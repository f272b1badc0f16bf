import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** UI languages: Chinese first, English available (architecture guide, convention 14). */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'zh-CN';

// SEC-08: only the language choice is kept in the browser, never personal data.
export const languageStorageKey = 'banyan.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    // storage can be disabled by browser policy; the app still works in the default language
    return undefined;
  }
}

export function storedLanguage(): Language {
  const value = storage()?.getItem(languageStorageKey);
  return isLanguage(value) ? value : defaultLanguage;
}

function applyLanguage(lng: string): void {
  const language = isLanguage(lng) ? lng : defaultLanguage;
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Each feature keeps its strings beside its code, in
 * `features/<feature>/locales/{zh-CN,en}.json`; they load under the feature's
 * name (`t('complaints.board.title')`), so features never edit each other's files.
 */
const featureFiles = import.meta.glob<{ default: Record<string, unknown> }>('../features/*/locales/*.json', {
  eager: true,
});

export function featureResources(language: Language): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [file, mod] of Object.entries(featureFiles)) {
    const m = /features\/([^/]+)\/locales\/([^/]+)\.json$/.exec(file);
    if (m && m[2] === language) out[m[1] as string] = mod.default;
  }
  return out;
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...featureResources('zh-CN'), ...zhCN } },
    en: { translation: { ...featureResources('en'), ...en } },
  },
  lng: storedLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

/** The language in use, narrowed to the supported ones. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : defaultLanguage;
}

/** Switch the UI language and remember the choice. */
export async function setLanguage(language: Language): Promise<void> {
  storage()?.setItem(languageStorageKey, language);
  await i18n.changeLanguage(language);
}
