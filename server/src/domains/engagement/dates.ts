import { localDate, MS } from '../../kernel/clock';

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

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a calendar date (YYYY-MM-DD) begins in a time zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const first = new Date(guess.getTime() - offsetMs(guess, timeZone));
  // a DST change between the guess and the result moves the offset once more
  return new Date(guess.getTime() - offsetMs(first, timeZone));
}

function plusDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * MS.day).toISOString().slice(0, 10);
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
