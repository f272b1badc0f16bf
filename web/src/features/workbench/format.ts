import { useTranslation } from 'react-i18next';

/** Locale-aware formatting of dates and money (fen) for the workbench (convention 14). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—',
    date: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso)) : '—',
    /** money in fen, shown in yuan */
    money: (fen: number) =>
      new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }).format(fen / 100),
    percent: (v: number | null) =>
      v === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(v),
    number: (v: number) => new Intl.NumberFormat(lang).format(v),
  };
}
