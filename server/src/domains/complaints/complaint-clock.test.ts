import { describe, expect, it } from 'vitest';
import {
  clockProfile,
  clockState,
  deadline,
  type HolidayCalendar,
  isWorkingDay,
  nextExtension,
  periodEnd,
} from './complaint-clock';
import type { HolidayKind } from './complaints.tables';
import { cnHolidays, ukHolidays } from './holidays-cn';

const cfg = {
  complaintCnPeriodDays: [15, 30, 60] as [number, number, number],
  complaintCnDayKind: 'calendar' as const,
  complaintUkFinalResponseWeeks: 8,
  complaintUkDayKind: 'calendar' as const,
};
const cn = clockProfile('CN', cfg);
const uk = clockProfile('UK', cfg);
const cnCal: HolidayCalendar = new Map(cnHolidays.map((h) => [h.date, h.kind as HolidayKind]));
const ukCal: HolidayCalendar = new Map(ukHolidays.map((h) => [h.date, h.kind as HolidayKind]));
const tz = 'Asia/Shanghai';

describe('complaint clock (CMP-01, INT-FCA-02)', () => {
  it('CMP-01: a complaint received on 2025-03-03 is due by the end of 2025-03-18 (day of receipt not counted)', () => {
    const d = deadline(new Date('2025-03-03T02:00:00Z'), 0, cn, cnCal, tz);
    expect(d.dueDate).toBe('2025-03-18');
    expect(d.dueAt.toISOString()).toBe('2025-03-18T16:00:00.000Z'); // midnight in Beijing
  });

  it('CMP-01: a period ending in the Spring Festival holiday ends on the next working day', () => {
    // 2025-01-20 + 15 = 2025-02-04, the last day of the 2025 Spring Festival holiday (01-28..02-04)
    expect(deadline(new Date('2025-01-20T02:00:00Z'), 0, cn, cnCal, tz).dueDate).toBe('2025-02-05');
  });

  it('CMP-01: a period ending on a Saturday make-up working day (调休) ends that day', () => {
    // 2025-01-11 + 15 = 2025-01-26, a Sunday that is a make-up working day
    expect(deadline(new Date('2025-01-11T02:00:00Z'), 0, cn, cnCal, tz).dueDate).toBe('2025-01-26');
  });

  it('CMP-01: extensions move the deadline to 30 and then 60 days from receipt; the second needs approval', () => {
    const start = new Date('2026-03-02T02:00:00Z');
    expect(deadline(start, 1, cn, cnCal, tz).dueDate).toBe('2026-04-01');
    expect(deadline(start, 2, cn, cnCal, tz).dueDate).toBe('2026-05-06'); // 05-01 falls in the Labour Day holiday
    expect(nextExtension(0, cn)).toEqual({ level: 1, needsApproval: false });
    expect(nextExtension(1, cn)).toEqual({ level: 2, needsApproval: true });
    expect(nextExtension(2, cn)).toBeNull();
  });

  it('INT-FCA-02: a UK complaint received on 2025-01-06 is due by 2025-03-03 and overdue from 2025-03-04', () => {
    const d = deadline(new Date('2025-01-06T10:00:00Z'), 0, uk, ukCal, 'Europe/London');
    expect(d.dueDate).toBe('2025-03-03');
    expect(clockState({ dueAt: d.dueAt, decidedAt: null }, new Date('2025-03-03T23:59:00Z'), 2)).toBe('due_soon');
    expect(clockState({ dueAt: d.dueAt, decidedAt: null }, new Date('2025-03-04T00:00:00Z'), 2)).toBe('overdue');
    expect(nextExtension(0, uk)).toBeNull();
  });

  it('counts business days on the holiday calendar when a profile says so', () => {
    const business = { ...cn, dayKind: 'business' as const };
    // from Friday 2025-09-26: 09-28 (Sunday) is a make-up working day, 10-01..10-08 are holidays
    expect(periodEnd('2025-09-26', 3, business, cnCal)).toBe('2025-09-30');
    expect(periodEnd('2025-09-26', 5, business, cnCal)).toBe('2025-10-10');
    expect(isWorkingDay('2025-09-28', cnCal)).toBe(true);
    expect(isWorkingDay('2025-10-08', cnCal)).toBe(false);
    expect(isWorkingDay('2025-10-13', cnCal)).toBe(true);
    const ukBusiness = clockProfile('UK', { ...cfg, complaintUkDayKind: 'business' });
    expect(ukBusiness.periods).toEqual([40]);
    expect(periodEnd('2025-12-23', 3, ukBusiness, ukCal)).toBe('2025-12-30');
  });

  it('stops the clock once the decision is told', () => {
    expect(
      clockState({ dueAt: new Date('2025-01-01'), decidedAt: new Date('2025-01-02') }, new Date('2025-02-01'), 2),
    ).toBe('stopped');
    expect(clockState({ dueAt: new Date('2025-01-10'), decidedAt: null }, new Date('2025-01-01'), 2)).toBe('on_track');
  });

  it('seeds every CN holiday year 2025-2027 without duplicate dates', () => {
    const dates = cnHolidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const y of ['2025', '2026', '2027']) expect(dates.some((d) => d.startsWith(y))).toBe(true);
  });
});
