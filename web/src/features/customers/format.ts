/**
 * Money (integer fen), dates and numbers formatted for the UI language
 * (convention 14). Money stays integer fen everywhere except the last step
 * of display and the first step of input (yuanToFen).
 */

/** `123456` fen -> "¥1,234.56" (zh-CN) / "CN¥1,234.56" (en). */
export function formatMoney(fen: number, language: string, currency = 'CNY'): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency }).format(fen / 100);
}

/** A compact amount for chart axes: "12.3万" (zh-CN) / "123K" (en). */
export function formatMoneyCompact(fen: number, language: string): string {
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(fen / 100);
}

export function formatNumber(n: number, language: string): string {
  return new Intl.NumberFormat(language).format(n);
}

/** A calendar date (YYYY-MM-DD) or an instant (ISO) as a date of the UI language; "—" when absent. */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  // a bare date is a calendar day: format it as such, not as UTC midnight shifted into the browser's zone
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

export function formatDateTime(value: string, language: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A month (YYYY-MM) for chart axes: "2026年3月" / "Mar 2026". */
export function formatMonth(month: string, language: string): string {
  const d = new Date(`${month}-01T00:00:00`);
  if (Number.isNaN(d.getTime())) return month;
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'short' }).format(d);
}

/**
 * Yuan typed by a user ("1,234.5", "10000") to integer fen, without floating
 * point: null for an empty or malformed amount or one with more than 2 decimals.
 */
export function yuanToFen(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const s = String(text).replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Days from now until an instant (negative once it is past). */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((new Date(iso).getTime() - now.getTime()) / 86_400_000);
}
