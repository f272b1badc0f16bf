/**
 * Calendar dates as day numbers (days since 1970-01-01). The generator makes
 * tens of millions of dates; integer arithmetic with a small string cache is
 * far cheaper than Date objects and has no time-zone pitfalls.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export type Civil = { year: number; month: number; day: number };

export function civilFromDay(n: number): Civil {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Parse YYYY-MM-DD; throws RangeError on anything else, since dates here come from code, not users. */
export function parseDay(text: string): number {
  const m = isoDate.exec(text);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(text)}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const n = dayFromCivil(year, month, day);
  const back = civilFromDay(n);
  if (back.month !== month || back.day !== day) throw new RangeError(`not a calendar date: ${text}`);
  return n;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

// Day numbers from 1850 to 2150 cover every date the generator makes.
const cacheOffset = 44_000;
const cache: (string | undefined)[] = [];

export function formatDay(n: number): string {
  const slot = n + cacheOffset;
  const hit = cache[slot];
  if (hit !== undefined) return hit;
  const { year, month, day } = civilFromDay(n);
  const text = `${year}-${pad2(month)}-${pad2(day)}`;
  if (slot >= 0 && slot < 110_000) cache[slot] = text;
  return text;
}

/** The same day of the month `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(n: number, months: number): number {
  const { year, month, day } = civilFromDay(n);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = civilFromDay(dayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1).day;
  return dayFromCivil(y, m, Math.min(day, last));
}

/** Whole years between two days (an age on a birthday counts the new year). */
export function yearsBetween(from: number, to: number): number {
  const a = civilFromDay(from);
  const b = civilFromDay(to);
  let years = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) years--;
  return years;
}

export type MonthSlot = { key: string; first: number; last: number };

/** The `count` whole calendar months before the month of `today`, oldest first, as 'YYYY-MM' keys with day bounds. */
export function monthsBefore(today: number, count: number): MonthSlot[] {
  const { year, month } = civilFromDay(today);
  const slots: MonthSlot[] = [];
  for (let k = count; k >= 1; k--) {
    const index = year * 12 + (month - 1) - k;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const first = dayFromCivil(y, m, 1);
    const last = dayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1;
    slots.push({ key: `${y}-${pad2(m)}`, first, last });
  }
  return slots;
}
