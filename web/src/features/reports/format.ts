import { useTranslation } from 'react-i18next';

export const bandColor = { high: 'red', medium: 'orange', low: 'green' } as const;

/** Locale-aware dates, money (minor units) and percentages for the reports pages (convention 14). */
export function useReportFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    date: (ymd: string | null) =>
      ymd
        ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`))
        : '—',
    money: (minor: number) =>
      new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(minor / 100),
    percent: (v: number) => `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v)}%`,
  };
}
