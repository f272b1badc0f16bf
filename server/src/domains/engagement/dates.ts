import { localDate, MS, plusDays, startOfLocalDay } from '../../kernel/clock';

export { startOfLocalDay };

/** Business-date arithmetic in the bank's time zone (pure; tested in dates.test.ts). */

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * MS.day);
}

export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * MS.hour);
}

/** Same day-of-month N months later (clamped to the month's last day), same time of day. */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

/** Today in the bank's time zone: its date and the instants it starts and ends. */
export function localDay(now: Date, timeZone: string): { date: string; start: Date; end: Date } {
  const date = localDate(now, timeZone);
  return { date, start: startOfLocalDay(date, timeZone), end: startOfLocalDay(plusDays(date, 1), timeZone) };
}

/** The dates (YYYY-MM-DD) of the Monday-to-Sunday week containing `now` in the bank's time zone. */
export function localWeek(now: Date, timeZone: string): string[] {
  const today = localDate(now, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return Array.from({ length: 7 }, (_, i) => plusDays(today, i - weekday));
}
