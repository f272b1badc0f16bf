import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDay, formatDay, monthsBefore, parseDay, yearsBetween } from './dates';

const msPerDay = 86_400_000;

describe('day numbers', () => {
  it('agree with Date for every day from 1850 to 2150', () => {
    fc.assert(
      fc.property(fc.integer({ min: -43_800, max: 65_700 }), (n) => {
        const iso = new Date(n * msPerDay).toISOString().slice(0, 10);
        expect(formatDay(n)).toBe(iso);
        expect(parseDay(iso)).toBe(n);
      }),
    );
  });

  it('rejects dates that are not on the calendar', () => {
    expect(() => parseDay('2026-02-29')).toThrow(RangeError);
    expect(() => parseDay('2026/01/01')).toThrow(RangeError);
    expect(civilFromDay(parseDay('2024-02-29'))).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('adds months clamped to the end of the month', () => {
    expect(formatDay(addMonths(parseDay('2024-01-31'), 1))).toBe('2024-02-29');
    expect(formatDay(addMonths(parseDay('2026-01-15'), -240))).toBe('2006-01-15');
    expect(formatDay(addMonths(parseDay('2025-12-31'), 2))).toBe('2026-02-28');
  });

  it('counts an age in whole years, birthday included', () => {
    expect(yearsBetween(parseDay('2000-01-15'), parseDay('2026-01-15'))).toBe(26);
    expect(yearsBetween(parseDay('2000-01-16'), parseDay('2026-01-15'))).toBe(25);
  });

  it('lists the 12 whole months before the month of today', () => {
    const months = monthsBefore(parseDay('2026-01-15'), 12);
    expect(months.map((m) => m.key)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ]);
    expect(formatDay(months[1]?.last ?? 0)).toBe('2025-02-28');
  });
});
