import { useTranslation } from 'react-i18next';

/** Locale-aware dates and money (minor units) for the complaints pages (convention 14). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return {
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—',
    date: (ymd: string) =>
      new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`)),
    money: (minor: number | null, currency = 'CNY') =>
      minor === null ? '—' : new Intl.NumberFormat(lang, { style: 'currency', currency }).format(minor / 100),
    percent: (v: number | null) =>
      v === null ? '—' : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v)}%`,
  };
}

/** Yuan typed by a person into fen, without floating-point surprises ("12.3" -> 1230). */
export function yuanToFen(text: string | undefined): number | undefined {
  if (!text?.trim()) return undefined;
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const clockColor = { on_track: 'green', due_soon: 'orange', overdue: 'red', stopped: 'default' } as const;
