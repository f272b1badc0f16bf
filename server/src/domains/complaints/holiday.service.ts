import type { Actor } from '../../kernel/actor';
import { localDate } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { auditContext, recordAudit } from '../audit';
import * as repo from './complaint.repository';
import {
  type ClockProfile,
  clockProfile,
  type Deadline,
  deadline,
  type HolidayCalendar,
  plusDays,
} from './complaint-clock';
import type { ComplaintsDeps } from './complaints.deps';
import type { HolidayKind, JurisdictionProfile } from './complaints.tables';
import { cnHolidays, ukHolidays } from './holidays-cn';

/** The holiday calendar of a jurisdiction for the dates a clock started on `from` can reach. */
export async function calendarFrom(
  db: DbOrTx,
  jurisdiction: JurisdictionProfile,
  from: string,
): Promise<HolidayCalendar> {
  // 60 calendar days, or 60 business days, stay well within a year
  const rows = await repo.holidaysBetween(db, jurisdiction, from, plusDays(from, 400));
  return new Map(rows.map((r) => [r.date, r.kind]));
}

export function profileOf(deps: ComplaintsDeps, code: JurisdictionProfile): ClockProfile {
  return clockProfile(code, deps.config);
}

/** The deadline of a complaint's clock on the stored holiday calendar. */
export async function deadlineFor(
  deps: ComplaintsDeps,
  db: DbOrTx,
  profile: JurisdictionProfile,
  clockStart: Date,
  level: number,
): Promise<Deadline> {
  const calendar = await calendarFrom(db, profile, localDate(clockStart, deps.config.timeZone));
  return deadline(clockStart, level, profileOf(deps, profile), calendar, deps.config.timeZone);
}

/** Seed the CN and UK calendars shipped with Banyan; dates a bank changed stay as they are. */
export async function ensureHolidayCalendars(db: DbOrTx): Promise<void> {
  await repo.upsertHolidays(
    db,
    [
      ...cnHolidays.map((h) => ({ jurisdiction: 'CN' as const, ...h })),
      ...ukHolidays.map((h) => ({ jurisdiction: 'UK' as const, ...h })),
    ],
    { overwrite: false },
  );
}

export async function listHolidays(deps: ComplaintsDeps, jurisdiction: JurisdictionProfile, year: number) {
  const rows = await repo.holidaysBetween(deps.db, jurisdiction, `${year}-01-01`, `${year}-12-31`);
  return rows.map((r) => ({ jurisdiction, ...r }));
}

/** Set (or with kind `none`, clear) one date of a calendar; audited. Open clocks keep their deadlines. */
export async function setHoliday(
  deps: ComplaintsDeps,
  actor: Actor,
  input: { jurisdiction: JurisdictionProfile; date: string; kind: HolidayKind | 'none'; name: string },
  meta?: { id: string; ip: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (input.kind === 'none') await repo.deleteHoliday(tx, input.jurisdiction, input.date);
    else
      await repo.upsertHolidays(
        tx,
        [{ jurisdiction: input.jurisdiction, date: input.date, kind: input.kind, name: input.name }],
        { overwrite: true },
      );
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'holiday_calendar.set',
      subjectType: 'holiday_calendar',
      subjectId: `${input.jurisdiction}:${input.date}`,
      changes: { kind: input.kind, name: input.name },
    });
  });
}
