import { describe, expect, it } from 'vitest';
import { festivalDate, festivalsOn, lunarLabel } from './festivals';

// The official calendar (国务院办公厅 holiday notices and the published
// lunar calendar), typed in by hand: the library is checked against it.
const official: Record<string, Record<number, string>> = {
  new_year_eve: {
    2025: '2025-01-28',
    2026: '2026-02-16',
    2027: '2027-02-05',
    2028: '2028-01-25',
    2029: '2029-02-12',
    2030: '2030-02-02',
  },
  spring_festival: {
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2029: '2029-02-13',
    2030: '2030-02-03',
  },
  lantern: {
    2025: '2025-02-12',
    2026: '2026-03-03',
    2027: '2027-02-20',
    2028: '2028-02-09',
    2029: '2029-02-27',
    2030: '2030-02-17',
  },
  qingming: {
    2025: '2025-04-04',
    2026: '2026-04-05',
    2027: '2027-04-05',
    2028: '2028-04-04',
    2029: '2029-04-04',
    2030: '2030-04-05',
  },
  dragon_boat: {
    2025: '2025-05-31',
    2026: '2026-06-19',
    2027: '2027-06-09',
    2028: '2028-05-28',
    2029: '2029-06-16',
    2030: '2030-06-05',
  },
  qixi: {
    2025: '2025-08-29',
    2026: '2026-08-19',
    2027: '2027-08-08',
    2028: '2028-08-26',
    2029: '2029-08-16',
    2030: '2030-08-05',
  },
  mid_autumn: {
    2025: '2025-10-06',
    2026: '2026-09-25',
    2027: '2027-09-15',
    2028: '2028-10-03',
    2029: '2029-09-22',
    2030: '2030-09-12',
  },
  double_ninth: {
    2025: '2025-10-29',
    2026: '2026-10-18',
    2027: '2027-10-08',
    2028: '2028-10-26',
    2029: '2029-10-16',
    2030: '2030-10-05',
  },
  national_day: {
    2025: '2025-10-01',
    2026: '2026-10-01',
    2027: '2027-10-01',
    2028: '2028-10-01',
    2029: '2029-10-01',
    2030: '2030-10-01',
  },
  new_year: {
    2025: '2025-01-01',
    2026: '2026-01-01',
    2027: '2027-01-01',
    2028: '2028-01-01',
    2029: '2029-01-01',
    2030: '2030-01-01',
  },
};

describe('festival dates', () => {
  for (const [code, years] of Object.entries(official)) {
    it(`${code} 2025-2030 match the official calendar`, () => {
      for (const [year, date] of Object.entries(years)) {
        expect(festivalDate(code as Parameters<typeof festivalDate>[0], Number(year)), `${code} ${year}`).toBe(date);
      }
    });
  }

  it('finds the festivals of a day, only those enabled', () => {
    expect(festivalsOn('2026-09-25', ['mid_autumn', 'spring_festival'])).toEqual(['mid_autumn']);
    expect(festivalsOn('2026-09-25', ['spring_festival'])).toEqual([]);
    expect(festivalsOn('2028-10-03', ['mid_autumn', 'national_day'])).toEqual(['mid_autumn']);
  });

  it('labels a day with its lunar date', () => {
    expect(lunarLabel('2026-09-25')).toBe('八月十五');
  });
});
