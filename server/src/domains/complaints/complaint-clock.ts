import { localDate, MS, plusDays, startOfLocalDay } from '../../kernel/clock';
import type { HolidayKind, JurisdictionProfile } from './complaints.tables';

export { plusDays, startOfLocalDay };

/**
 * The regulatory clock of a complaint (pure; tested in complaint-clock.test.ts).
 *
 * - CMP-01 (CN): a decision within 15 days of receipt, 30 when extended, 60
 *   with the superior's approval. Days are calendar days by default; the day
 *   of receipt is not counted and a period whose last day is a public holiday
 *   ends on the next working day (民法典 Art 201, 203).
 * - INT-FCA-02 (UK): the final response within eight weeks of receipt.
 * Either profile may count business days instead (configuration), on the
 * jurisdiction's holiday calendar with its make-up working days (调休).
 */
export type DayKind = 'calendar' | 'business';

export type ClockProfile = {
  code: JurisdictionProfile;
  dayKind: DayKind;
  /** days to the decision by extension level (CN: 15, 30, 60; UK: one period) */
  periods: readonly number[];
  /** a calendar period ending on a non-working day ends on the next working day */
  rollToWorkingDay: boolean;
};

export type ProfileConfig = {
  complaintCnPeriodDays: readonly [number, number, number];
  complaintCnDayKind: DayKind;
  complaintUkFinalResponseWeeks: number;
  complaintUkDayKind: DayKind;
};

export function clockProfile(code: JurisdictionProfile, cfg: ProfileConfig): ClockProfile {
  if (code === 'UK') {
    const weeks = cfg.complaintUkFinalResponseWeeks;
    return {
      code,
      dayKind: cfg.complaintUkDayKind,
      periods: [cfg.complaintUkDayKind === 'calendar' ? weeks * 7 : weeks * 5],
      rollToWorkingDay: false,
    };
  }
  return { code, dayKind: cfg.complaintCnDayKind, periods: cfg.complaintCnPeriodDays, rollToWorkingDay: true };
}

/** Overrides of the Monday-to-Friday week: public holidays and make-up working days. */
export type HolidayCalendar = ReadonlyMap<string, HolidayKind>;

export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  const kind = calendar.get(date);
  if (kind) return kind === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The last day of a period of `days` starting the day after `start`. */
export function periodEnd(start: string, days: number, profile: ClockProfile, calendar: HolidayCalendar): string {
  if (profile.dayKind === 'business') {
    let d = start;
    for (let left = days; left > 0; ) {
      d = plusDays(d, 1);
      if (isWorkingDay(d, calendar)) left--;
    }
    return d;
  }
  let d = plusDays(start, days);
  if (profile.rollToWorkingDay) while (!isWorkingDay(d, calendar)) d = plusDays(d, 1);
  return d;
}

export type Deadline = { dueDate: string; dueAt: Date };

/** The decision deadline of a clock started at `clockStart`, at an extension level: the end of its last day. */
export function deadline(
  clockStart: Date,
  level: number,
  profile: ClockProfile,
  calendar: HolidayCalendar,
  timeZone: string,
): Deadline {
  const days = profile.periods[Math.min(level, profile.periods.length - 1)] as number;
  const dueDate = periodEnd(localDate(clockStart, timeZone), days, profile, calendar);
  return { dueDate, dueAt: startOfLocalDay(plusDays(dueDate, 1), timeZone) };
}

export type ClockState = 'on_track' | 'due_soon' | 'overdue' | 'stopped';

/** Where a complaint's clock stands at `now`: stopped once the decision is told. */
export function clockState(c: { dueAt: Date; decidedAt: Date | null }, now: Date, dueSoonDays: number): ClockState {
  if (c.decidedAt) return 'stopped';
  if (now.getTime() >= c.dueAt.getTime()) return 'overdue';
  if (now.getTime() >= c.dueAt.getTime() - dueSoonDays * MS.day) return 'due_soon';
  return 'on_track';
}

/** The extension levels a profile allows after `level`, or null (CMP-01: CN only; UK has one period). */
export function nextExtension(level: number, profile: ClockProfile): { level: number; needsApproval: boolean } | null {
  if (level + 1 >= profile.periods.length) return null;
  // CMP-01: the second extension (to 60 days) needs the superior's or an HQ senior manager's approval
  return { level: level + 1, needsApproval: level + 1 >= 2 };
}
