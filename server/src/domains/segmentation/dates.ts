/** Calendar arithmetic on business dates (YYYY-MM-DD) and months (YYYY-MM), in UTC to stay zone-free. */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `date` moved by `months` (negative: back), the day clamped to the month's end (31 Mar - 1 month = 28/29 Feb). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysIn(ny, nm)))}`;
}

export function addDaysToDate(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The month (YYYY-MM) of a date moved by `months`. */
export function monthOf(date: string, months = 0): string {
  return addMonthsToDate(`${date.slice(0, 7)}-01`, months).slice(0, 7);
}
