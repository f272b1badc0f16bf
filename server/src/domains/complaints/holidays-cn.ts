import type { HolidayKind } from './complaints.tables';

/**
 * CN public holidays and make-up working days (调休) 2025-2027, from the
 * State Council General Office's annual notices (国务院办公厅关于2025年、2026年
 * 部分节假日安排的通知). The 2027 notice was not available when this was
 * written: 2027 lists only the statutory holidays of 《全国年节及纪念日放假办法》
 * (2024 revision) on their calendar dates, without bridge days or make-up
 * working days; load the published arrangement through
 * `PUT /api/complaints/holidays/CN/:date` when it is announced.
 */
export const cnHolidays: readonly { date: string; kind: HolidayKind; name: string }[] = [
  ...range('2025-01-01', 1, '元旦'),
  ...range('2025-01-28', 8, '春节'),
  { date: '2025-01-26', kind: 'workday', name: '春节调休上班' },
  { date: '2025-02-08', kind: 'workday', name: '春节调休上班' },
  ...range('2025-04-04', 3, '清明节'),
  ...range('2025-05-01', 5, '劳动节'),
  { date: '2025-04-27', kind: 'workday', name: '劳动节调休上班' },
  ...range('2025-05-31', 3, '端午节'),
  ...range('2025-10-01', 8, '国庆节、中秋节'),
  { date: '2025-09-28', kind: 'workday', name: '国庆节调休上班' },
  { date: '2025-10-11', kind: 'workday', name: '国庆节调休上班' },
  ...range('2026-01-01', 3, '元旦'),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
  ...range('2026-02-15', 9, '春节'),
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
  ...range('2026-04-04', 3, '清明节'),
  ...range('2026-05-01', 5, '劳动节'),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
  ...range('2026-06-19', 3, '端午节'),
  ...range('2026-09-25', 3, '中秋节'),
  ...range('2026-10-01', 7, '国庆节'),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  // 2027: statutory days only (see above)
  ...range('2027-01-01', 1, '元旦'),
  ...range('2027-02-05', 4, '春节'),
  ...range('2027-04-05', 1, '清明节'),
  ...range('2027-05-01', 2, '劳动节'),
  ...range('2027-06-09', 1, '端午节'),
  ...range('2027-09-15', 1, '中秋节'),
  ...range('2027-10-01', 3, '国庆节'),
];

function range(start: string, days: number, name: string) {
  return Array.from({ length: days }, (_, i) => ({
    date: new Date(new Date(`${start}T00:00:00Z`).getTime() + i * 86_400_000).toISOString().slice(0, 10),
    kind: 'holiday' as const,
    name,
  }));
}

/** England and Wales bank holidays 2025-2027 (gov.uk/bank-holidays), for a UK profile counting business days. */
export const ukHolidays: readonly { date: string; kind: HolidayKind; name: string }[] = [
  ['2025-01-01', "New Year's Day"],
  ['2025-04-18', 'Good Friday'],
  ['2025-04-21', 'Easter Monday'],
  ['2025-05-05', 'Early May bank holiday'],
  ['2025-05-26', 'Spring bank holiday'],
  ['2025-08-25', 'Summer bank holiday'],
  ['2025-12-25', 'Christmas Day'],
  ['2025-12-26', 'Boxing Day'],
  ['2026-01-01', "New Year's Day"],
  ['2026-04-03', 'Good Friday'],
  ['2026-04-06', 'Easter Monday'],
  ['2026-05-04', 'Early May bank holiday'],
  ['2026-05-25', 'Spring bank holiday'],
  ['2026-08-31', 'Summer bank holiday'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-28', 'Boxing Day (substitute day)'],
  ['2027-01-01', "New Year's Day"],
  ['2027-03-26', 'Good Friday'],
  ['2027-03-29', 'Easter Monday'],
  ['2027-05-03', 'Early May bank holiday'],
  ['2027-05-31', 'Spring bank holiday'],
  ['2027-08-30', 'Summer bank holiday'],
  ['2027-12-27', 'Christmas Day (substitute day)'],
  ['2027-12-28', 'Boxing Day (substitute day)'],
].map(([date, name]) => ({ date: date as string, kind: 'holiday' as const, name: name as string }));
